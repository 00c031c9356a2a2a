/**
 * Presigned URLs: the signature and its inputs travel as X-Amz-* query parameters instead of headers
 * (AWS S3 API Reference, "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)";
 * IAM User Guide, "Create a signed AWS API request", query string example). Everything but
 * X-Amz-Signature is itself part of the canonical query string.
 */
import { utf8Text } from "../encoding.js";
import { percentDecodeToBytes } from "../percent-encoding.js";
import { ALGORITHM, QUERY } from "./constants.js";
import { type CredentialScope, formatCredential, parseCredential } from "./credential.js";
import { parseSignedHeaders } from "./signed-headers-list.js";
import { uriEncode } from "./uri-encode.js";

/** The parameters a presigned URL carries before its signature, in the order the AWS SDKs write them. */
export function presignParams(
  credential: CredentialScope,
  longDate: string,
  expiresInSeconds: number,
  signedHeaders: string,
  sessionToken: string | undefined,
): Array<[string, string]> {
  const params: Array<[string, string]> = [
    [QUERY.algorithm, ALGORITHM],
    [QUERY.credential, formatCredential(credential)],
    [QUERY.date, longDate],
    [QUERY.expires, String(expiresInSeconds)],
  ];
  if (sessionToken !== undefined) params.push([QUERY.securityToken, sessionToken]);
  params.push([QUERY.signedHeaders, signedHeaders]);
  return params;
}

/**
 * Appends parameters to a raw query, encoded as the canonical query encodes them, so what is sent is what is signed.
 */
export function appendParams(query: string, params: ReadonlyArray<readonly [string, string]>): string {
  const added = params.map(([name, value]) => `${uriEncode(name)}=${uriEncode(value)}`).join("&");
  return query === "" ? added : `${query}&${added}`;
}

export interface PresignedQuery {
  algorithm: string;
  credential: CredentialScope;
  longDate: string;
  expires: string;
  signedHeaders: string[];
  signature: string;
}

export type PresignedParse =
  | { status: "absent" }
  | { status: "malformed" }
  | { status: "unsupported"; algorithm: string }
  | { status: "found"; query: PresignedQuery };

/** The X-Amz-* parameters of a raw query: each present exactly once, or the URL is not presigned. */
export function parsePresigned(rawQuery: string): PresignedParse {
  const values = new Map<string, string[]>();
  const wanted = new Set<string>(Object.values(QUERY));
  for (const part of rawQuery === "" ? [] : rawQuery.split("&")) {
    const equals = part.indexOf("=");
    const name = decode(equals >= 0 ? part.slice(0, equals) : part);
    if (!wanted.has(name)) continue;
    const list = values.get(name) ?? [];
    list.push(decode(equals >= 0 ? part.slice(equals + 1) : ""));
    values.set(name, list);
  }
  if (!values.has(QUERY.algorithm) && !values.has(QUERY.signature)) return { status: "absent" };
  const one = (name: string): string | undefined => {
    const list = values.get(name);
    return list?.length === 1 ? list[0] : undefined;
  };
  // A repeated parameter is ambiguous: which copy did the signer mean? Refuse rather than pick.
  if ([...values.values()].some((list) => list.length > 1)) return { status: "malformed" };
  const algorithm = one(QUERY.algorithm);
  if (algorithm !== undefined && algorithm !== ALGORITHM) return { status: "unsupported", algorithm };
  const credential = parseCredential(one(QUERY.credential) ?? "");
  const signedHeaders = parseSignedHeaders(one(QUERY.signedHeaders) ?? "");
  const longDate = one(QUERY.date);
  const expires = one(QUERY.expires);
  const signature = one(QUERY.signature);
  if (
    algorithm === undefined ||
    !credential ||
    !signedHeaders ||
    longDate === undefined ||
    expires === undefined ||
    signature === undefined
  ) {
    return { status: "malformed" };
  }
  return { status: "found", query: { algorithm, credential, longDate, expires, signedHeaders, signature } };
}

/** `+` stays a plus, as in the canonical query. */
function decode(text: string): string {
  return utf8Text(percentDecodeToBytes(text));
}
