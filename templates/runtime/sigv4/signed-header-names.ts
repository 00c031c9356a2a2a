/**
 * Which headers a SigV4 signature covers. The signer signs `host`, every `x-amz-*` header it sends
 * (S3 requires all of them signed; IAM User Guide: "x-amz-* headers that you plan to include must be
 * signed") and the scheme's `signedHeaders` that the request carries. The verifier demands the same
 * set at least, so a header the scheme covers cannot be added or changed after signing.
 */
import type { AwsSigV4Scheme } from "../types.js";
import { HEADER } from "./constants.js";

export function requiredSignedHeaders(
  scheme: AwsSigV4Scheme,
  present: Iterable<string>,
  dateInHeader: boolean,
): Set<string> {
  const covered = new Set(scheme.signedHeaders.map((name) => name.toLowerCase()));
  const required = new Set<string>([HEADER.host]);
  if (dateInHeader) required.add(HEADER.date);
  for (const name of present) {
    if (name.startsWith("x-amz-") || covered.has(name)) required.add(name);
  }
  return required;
}
