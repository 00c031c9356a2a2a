/**
 * The canonical request (AWS IAM User Guide, "Create a canonical request"), six lines:
 *   HTTPMethod \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HashedPayload
 * CanonicalHeaders ends with its own newline, so a blank line precedes SignedHeaders.
 */
import type { HeaderPairs } from "./canonical-headers.js";
import { canonicalHeaders, groupHeaders } from "./canonical-headers.js";
import { canonicalQuery } from "./canonical-query.js";
import { canonicalUri, type PathRule } from "./canonical-uri.js";

export interface CanonicalRequestInput {
  method: string;
  /** Raw path and query as sent (the query of a presigned URL includes its X-Amz-* parameters). */
  path: string;
  query: string;
  headers: HeaderPairs;
  /** Lower-case names of the signed headers. */
  signedHeaders: Iterable<string>;
  payloadHash: string;
  pathRule: PathRule;
  /** The parameter left out of the query (X-Amz-Signature when verifying a presigned URL). */
  excludeQuery?: string | undefined;
}

export interface CanonicalRequest {
  text: string;
  signedHeaders: string;
}

export function canonicalRequest(input: CanonicalRequestInput): CanonicalRequest {
  const headers = canonicalHeaders(groupHeaders(input.headers), input.signedHeaders);
  const text = [
    // Methods are case-sensitive tokens (RFC 9110 §9.1); fetch upper-cases the standard ones, so does this.
    input.method.toUpperCase(),
    canonicalUri(input.path, input.pathRule),
    canonicalQuery(input.query, input.excludeQuery),
    headers.text,
    headers.signedHeaders,
    input.payloadHash,
  ].join("\n");
  return { text, signedHeaders: headers.signedHeaders };
}
