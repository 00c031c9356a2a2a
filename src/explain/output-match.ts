/**
 * How a received signature relates to the right digest: its own encoding (a match), another encoding
 * of the same bytes, or one of them with its case changed. Output-level mistakes combine with any other:
 * every profile's detector asks this of each digest it computes.
 */
import { encodeDigest } from "../../templates/runtime/encoding.js";
import type { DigestEncoding } from "../../templates/runtime/types.js";

export interface OutputMatch {
  /** The encoding the received text is in; the profile's own when only the case differs, or nothing. */
  encoding: DigestEncoding;
  /** Set when the received text is that encoding lower- or upper-cased by something on the way. */
  recased: "lower" | "upper" | null;
}

const ENCODINGS: DigestEncoding[] = ["hex", "base64", "HEX", "base64url"];

/** Undefined when `received` is no rendering of `digest`. */
export function matchOutput(digest: Uint8Array, received: string, ours: DigestEncoding): OutputMatch | undefined {
  for (const encoding of [ours, ...ENCODINGS.filter((other) => other !== ours)]) {
    const text = encodeDigest(digest, encoding);
    if (text === received) return { encoding, recased: null };
    if (text.toLowerCase() === received) return { encoding, recased: "lower" };
    if (text.toUpperCase() === received) return { encoding, recased: "upper" };
  }
  return undefined;
}

/** Whether hex and base64 were confused, the mistake behind most "invalid signature" reports. */
export function isHexVersusBase64(ours: DigestEncoding, theirs: DigestEncoding): boolean {
  return ours.toLowerCase().startsWith("hex") !== theirs.toLowerCase().startsWith("hex");
}
