/**
 * The path as the scheme signs it. `as-sent` is the raw path. `decoded` is what Django's
 * `request.path` holds (seeds 001, 002, 004): the percent-decoded path as UTF-8 text, so
 * `/files/caf%C3%A9/` is signed as `/files/café/`. `+` stays a plus in a path (RFC 3986).
 * A path whose escapes are not valid UTF-8 is signed as sent, since no decoded text exists.
 * `reencoded` is RFC 3986 §6.2.2 normalisation: escapes of unreserved characters are decoded, other
 * escapes get upper-case hex, characters a path may not hold raw (space, non-ASCII) are encoded, and
 * reserved characters stay exactly as sent: `/a;b` and `/a%3Bb` are different paths (§2.2).
 */
import { utf8 } from "./encoding.js";
import { percentDecodeToBytes } from "./percent-encoding.js";

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

/**
 * Whether the raw path holds an escape that the canonical form would turn into something a router reads
 * differently from the bytes it routes on. Express, Fastify, Hono and node:http route on the raw path, where
 * `/files/a%2Fb` is one segment; decoded, it is `/files/a/b`, the canonical path of another request, so one
 * signature would serve two operations. Refused (reason `ambiguous_path`): escapes of `/` and `\`
 * (WHATWG URL reads `\` as `/`), of control bytes (`%00`, `%0A` would end a line of the string to sign),
 * bytes that are not UTF-8 (Django re-percent-encodes them, so `%FF` and `%25FF` both sign `%FF`), and a
 * segment of escapes that decodes to `.` or `..` (RFC 3986 §5.2.4 dot segments; WHATWG URL removes
 * `%2e%2e`). `reencoded` keeps `/`, `\` and controls encoded, so there only the dot segments are refused.
 */
export function ambiguousPathEscape(rawPath: string, form: "as-sent" | "decoded" | "reencoded"): boolean {
  if (form === "as-sent" || !rawPath.includes("%")) return false;
  for (const segment of rawPath.split("/")) {
    if (!segment.includes("%")) continue;
    let text: string;
    try {
      text = strictUtf8.decode(percentDecodeToBytes(segment));
    } catch {
      if (form === "decoded") return true;
      continue;
    }
    if (text === "." || text === "..") return true;
    if (form === "decoded" && SEGMENTING.test(text)) return true;
  }
  return false;
}

// Raw `/` and `\` cannot be in a decoded segment unless they came from an escape; nor can control bytes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control bytes are what this looks for
const SEGMENTING = /[/\\\x00-\x1f\x7f]/;

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
      for (const byte of utf8(String.fromCodePoint(codePoint))) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
      if (codePoint > 0xffff) i++;
    }
  }
  return out;
}
