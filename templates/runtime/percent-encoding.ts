/**
 * Percent-decoding to bytes and re-encoding, the two halves of query and path canonicalisation
 * (RFC 3986 §2.1, §2.3). Decoding works on bytes like PHP's rawurldecode: an invalid escape such as
 * `%zz` stays literal, and bytes are not required to be valid UTF-8.
 */
import { utf8 } from "./encoding.js";

export function percentDecodeToBytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (
      char === 0x25 /* % */ &&
      i + 2 < text.length &&
      isHex(text.charCodeAt(i + 1)) &&
      isHex(text.charCodeAt(i + 2))
    ) {
      out.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (char < 0x80) {
      out.push(char);
    } else {
      // Raw non-ASCII in the URL (a client that did not encode): take its UTF-8 bytes.
      const codePoint = text.codePointAt(i) ?? char;
      const encoded = utf8(String.fromCodePoint(codePoint));
      for (const byte of encoded) out.push(byte);
      if (codePoint > 0xffff) i++;
    }
  }
  return Uint8Array.from(out);
}

function isHex(char: number): boolean {
  return (char >= 0x30 && char <= 0x39) || (char >= 0x41 && char <= 0x46) || (char >= 0x61 && char <= 0x66);
}

/** Per `safe` set: which ASCII codes stay bare (ALPHA, DIGIT and the safe characters), built once. */
const bareTables = new Map<string, Uint8Array>();

export function bareTable(safe: string): Uint8Array {
  let table = bareTables.get(safe);
  if (!table) {
    table = new Uint8Array(128);
    for (let code = 0; code < 128; code++) {
      const char = String.fromCharCode(code);
      table[code] = /[A-Za-z0-9]/.test(char) || safe.includes(char) ? 1 : 0;
    }
    bareTables.set(safe, table);
  }
  return table;
}

const UPPER = Array.from({ length: 256 }, (_, byte) => `%${byte.toString(16).padStart(2, "0").toUpperCase()}`);
const LOWER = Array.from({ length: 256 }, (_, byte) => `%${byte.toString(16).padStart(2, "0")}`);

/** Encodes bytes, leaving ALPHA, DIGIT and the `safe` characters as they are. */
export function percentEncodeBytes(bytes: Uint8Array, safe: string, hexCase: "upper" | "lower"): string {
  const bare = bareTable(safe);
  const escapes = hexCase === "upper" ? UPPER : LOWER;
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    out += byte < 0x80 && bare[byte] === 1 ? String.fromCharCode(byte) : escapes[byte];
  }
  return out;
}
