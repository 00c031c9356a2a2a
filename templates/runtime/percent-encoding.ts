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
    if (char === 0x25 /* % */ && i + 2 < text.length && isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2))) {
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

const ALPHANUMERIC = /[A-Za-z0-9]/;

/** Encodes bytes, leaving ALPHA, DIGIT and the `safe` characters as they are. */
export function percentEncodeBytes(bytes: Uint8Array, safe: string, hexCase: "upper" | "lower"): string {
  let out = "";
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    if (byte < 0x80 && (ALPHANUMERIC.test(char) || safe.includes(char))) {
      out += char;
    } else {
      const hex = byte.toString(16).padStart(2, "0");
      out += `%${hexCase === "upper" ? hex.toUpperCase() : hex}`;
    }
  }
  return out;
}
