/**
 * The Authorization header of a SigV4 request (AWS IAM User Guide, "Add the signature to the request"):
 *   AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date,
 * Signature=<64 hex>
 * Parsing is strict: the algorithm, one space, then exactly the three parameters, once each, separated by
 * a comma and optional spaces (AWS accepts them in any order; so does this).
 */
import { type CredentialScope, formatCredential, parseCredential } from "./credential.js";
import { parseSignedHeaders } from "./signed-headers-list.js";

export interface AuthorizationHeader {
  algorithm: string;
  credential: CredentialScope;
  signedHeaders: string[];
  signature: string;
}

export function formatAuthorization(
  algorithm: string,
  credential: CredentialScope,
  signedHeaders: string,
  signature: string,
): string {
  const scope = formatCredential(credential);
  return `${algorithm} Credential=${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/** The algorithm name alone, so a verifier can tell "another algorithm" from "malformed". */
export function authorizationAlgorithm(value: string): string {
  const space = value.indexOf(" ");
  return space < 0 ? value : value.slice(0, space);
}

const PARAMETER = /^(Credential|SignedHeaders|Signature)=([^,\s]+)$/;

/** Undefined when the value is not a well-formed SigV4 Authorization header. */
export function parseAuthorization(value: string): AuthorizationHeader | undefined {
  const space = value.indexOf(" ");
  if (space <= 0) return undefined;
  const algorithm = value.slice(0, space);
  const fields = new Map<string, string>();
  for (const part of value.slice(space + 1).split(/, */)) {
    const match = PARAMETER.exec(part);
    if (!match || fields.has(match[1] ?? "")) return undefined;
    fields.set(match[1] ?? "", match[2] ?? "");
  }
  const credential = parseCredential(fields.get("Credential") ?? "");
  const signedHeaders = parseSignedHeaders(fields.get("SignedHeaders") ?? "");
  const signature = fields.get("Signature");
  if (!credential || !signedHeaders || signature === undefined) return undefined;
  return { algorithm, credential, signedHeaders, signature };
}
