/**
 * The path as the scheme signs it. `as-sent` is the raw path. `decoded` is what Django's
 * `request.path` holds (django-api-key, django-api-signing, nextcloud-drf): the percent-decoded path as UTF-8 text, so
 * `/files/caf%C3%A9/` is signed as `/files/café/`. `+` stays a plus in a path (RFC 3986).
 * A path whose escapes are not valid UTF-8 is signed as sent, since no decoded text exists.
 * `reencoded` is RFC 3986 §6.2.2 normalisation: escapes of unreserved characters are decoded, other
 * escapes get upper-case hex, characters a path may not hold raw (space, non-ASCII) are encoded, and
 * reserved characters stay exactly as sent: `/a;b` and `/a%3Bb` are different paths (§2.2).
 */
import { utf8 } from "../encoding.js";
import { percentDecodeToBytes } from "../percent-encoding.js";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export function canonicalPath(rawPath: string, form: "as-sent" | "decoded" | "reencoded"): string {
  if (form === "reencoded") return normalisePath(rawPath);
  if (form === "as-sent" || !rawPath.includes("%")) return rawPath;
  try {
    return strictUtf8.decode(percentDecodeToBytes(rawPath));
  } catch {
    return rawPath;
  }
}

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
// pchar (RFC 3986 §3.3) plus "/": what a path may hold unencoded.
const PATH_SAFE = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/;

function normalisePath(rawPath: string): string {
  let out = "";
  for (let i = 0; i < rawPath.length; i++) {
    const char = rawPath.charAt(i);
    const percentEscape = /^%[0-9A-Fa-f]{2}/.exec(rawPath.slice(i, i + 3));
    if (percentEscape) {
      const decoded = String.fromCharCode(Number.parseInt(rawPath.slice(i + 1, i + 3), 16));
      out += UNRESERVED.test(decoded) ? decoded : percentEscape[0].toUpperCase();
      i += 2;
    } else if (PATH_SAFE.test(char)) {
      out += char;
    } else {
      const codePoint = rawPath.codePointAt(i) ?? 0;
      for (const byte of utf8(String.fromCodePoint(codePoint)))
        out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
      if (codePoint > 0xffff) i++;
    }
  }
  return out;
}
