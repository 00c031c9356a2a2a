/**
 * What a captured SigV4 request presents (AWS IAM User Guide, "Elements of an AWS API request
 * signature"): the credential scope, the signed-header list, X-Amz-Date and the signature, from the
 * Authorization header or a presigned URL's X-Amz-* parameters. Read loosely on purpose: a signature
 * that is base64, not hex, is a mistake to name, not a reason to stop. This reads; it never signs.
 */
import { splitRequestTarget } from "../../../templates/runtime/request-target.js";
import { authorizationAlgorithm } from "../../../templates/runtime/sigv4/authorization-header.js";
import { groupHeaders, headerPairs } from "../../../templates/runtime/sigv4/canonical-headers.js";
import { HEADER, QUERY } from "../../../templates/runtime/sigv4/constants.js";
import { type CredentialScope, parseCredential } from "../../../templates/runtime/sigv4/credential.js";
import { parsePresigned } from "../../../templates/runtime/sigv4/presign.js";
import type { RequestDescription } from "../../../templates/runtime/types.js";

export interface PresentedSigV4 {
  location: "header" | "query";
  credential: CredentialScope | undefined;
  signedHeaders: string[] | undefined;
  longDate: string | undefined;
  signature: string | undefined;
  /** Where the signature was read from, for the explanation. */
  source: string;
  sessionToken: string | undefined;
}

export function readPresentedSigV4(request: RequestDescription, givenSignature: string | undefined): PresentedSigV4 {
  const grouped = groupHeaders(headerPairs(request.headers));
  const target = splitRequestTarget(request.url);
  const presigned = parsePresigned(target.query);
  const authorization = grouped.get(HEADER.authorization)?.[0];
  const presented: PresentedSigV4 =
    presigned.status === "found" && authorization === undefined
      ? {
          location: "query",
          credential: presigned.query.credential,
          signedHeaders: presigned.query.signedHeaders,
          longDate: presigned.query.longDate,
          signature: presigned.query.signature,
          source: `query ${QUERY.signature}`,
          sessionToken: undefined,
        }
      : { ...fromAuthorization(authorization), location: "header", longDate: grouped.get(HEADER.date)?.[0], sessionToken: undefined };
  presented.sessionToken = grouped.get(HEADER.securityToken)?.[0];
  if (givenSignature !== undefined) {
    const inside = fromAuthorization(givenSignature);
    return { ...presented, signature: inside.signature ?? givenSignature.trim(), source: "--received-signature" };
  }
  return presented;
}

/** The three parameters of an Authorization value, each read on its own so one odd part hides none of the others. */
function fromAuthorization(value: string | undefined): Pick<PresentedSigV4, "credential" | "signedHeaders" | "signature" | "source"> {
  if (value === undefined || !authorizationAlgorithm(value).startsWith("AWS4-")) {
    return { credential: undefined, signedHeaders: undefined, signature: undefined, source: "none" };
  }
  const field = (name: string): string | undefined => new RegExp(`(?:^|[ ,])${name}=([^,\\s]+)`).exec(value)?.[1];
  const signedHeaders = field("SignedHeaders");
  return {
    credential: parseCredential(field("Credential") ?? ""),
    signedHeaders: signedHeaders === undefined ? undefined : signedHeaders.split(";"),
    signature: field("Signature"),
    source: "header Authorization",
  };
}
