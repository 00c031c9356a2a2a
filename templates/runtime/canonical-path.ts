/**
 * The path as the scheme signs it. `as-sent` is the raw path. `decoded` is what Django's
 * `request.path` holds (seeds 001, 002, 004): the percent-decoded path as UTF-8 text, so
 * `/files/caf%C3%A9/` is signed as `/files/café/`. `+` stays a plus in a path (RFC 3986).
 * A path whose escapes are not valid UTF-8 is signed as sent, since no decoded text exists.
 * `reencoded` is RFC 3986 §6.2.2 normalisation per segment: decode, then encode everything but
 * ALPHA / DIGIT / `-_.~` with upper-case hex, so `/caf%c3%a9` and `/café` sign alike while an
 * encoded `%2F` stays inside its segment.
 */
import { percentDecodeToBytes, percentEncodeBytes } from "./percent-encoding.js";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export function canonicalPath(rawPath: string, form: "as-sent" | "decoded" | "reencoded"): string {
  if (form === "reencoded") {
    return rawPath
      .split("/")
      .map((segment) => percentEncodeBytes(percentDecodeToBytes(segment), "-_.~", "upper"))
      .join("/");
  }
  if (form === "as-sent" || !rawPath.includes("%")) return rawPath;
  try {
    return strictUtf8.decode(percentDecodeToBytes(rawPath));
  } catch {
    return rawPath;
  }
}
