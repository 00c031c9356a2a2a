/**
 * SigV4's URI encoding: every byte percent-encoded with upper-case hex except ALPHA, DIGIT and `-_.~`
 * (AWS IAM User Guide, "Create a canonical request": "UriEncode()"). Unlike encodeURIComponent, `!'()*`
 * are encoded and a space is `%20`, never `+`.
 */
import { utf8 } from "../encoding.js";
import { percentDecodeToBytes, percentEncodeBytes } from "../percent-encoding.js";
import { UNRESERVED } from "./constants.js";

/** Encodes text (its UTF-8 bytes) as it stands: a `%` becomes `%25`. */
export function uriEncode(text: string): string {
  return percentEncodeBytes(utf8(text), UNRESERVED, "upper");
}

/** Decodes percent-escapes to bytes (an invalid escape stays literal), then encodes them once. */
export function uriReencode(text: string): string {
  return percentEncodeBytes(percentDecodeToBytes(text), UNRESERVED, "upper");
}
