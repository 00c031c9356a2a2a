/**
 * SigV4's URI encoding: every byte percent-encoded with upper-case hex except ALPHA, DIGIT and `-_.~`
 * (AWS IAM User Guide, "Create a canonical request": "UriEncode()"). Unlike encodeURIComponent, `!'()*`
 * are encoded and a space is `%20`, never `+`.
 */
import { utf8 } from "../encoding.js";
import { percentDecodeToBytes, percentEncodeBytes } from "../percent-encoding.js";
import { UNRESERVED } from "./constants.js";

/** Text that every form of the encoding leaves as it is: most path segments and query values skip the bytes. */
const ALL_UNRESERVED = /^[A-Za-z0-9._~-]*$/;

/** Encodes text (its UTF-8 bytes) as it stands: a `%` becomes `%25`. */
export function uriEncode(text: string): string {
  return ALL_UNRESERVED.test(text) ? text : percentEncodeBytes(utf8(text), UNRESERVED, "upper");
}

/** Decodes percent-escapes to bytes (an invalid escape stays literal), then encodes them once. */
export function uriReencode(text: string): string {
  return ALL_UNRESERVED.test(text) ? text : percentEncodeBytes(percentDecodeToBytes(text), UNRESERVED, "upper");
}
