/**
 * Verifies a SigV4 request, from the Authorization header or a presigned URL. Cheap checks first (the
 * form of the header, the algorithm, the credential scope against the scheme, the clock, the signed-header
 * list), then the key, then the payload hash and the signature in constant time. Every failure is a stable
 * reason code (reasons.ts); none says which byte differed.
 */
import { constantTimeEqual } from "../constant-time.js";
import type { Secret, VerifyOptions, VerifyResult } from "../contracts.js";
import { defaultCryptoProvider } from "../default-crypto.js";
import { encodedHmac } from "../encoded-crypto.js";
import { isPromiseLike } from "../maybe-promise.js";
import { type ReasonCode, verificationFailure } from "../reasons.js";
import { splitRequestTarget } from "../request-target.js";
import { claimSignature } from "../signature-replay.js";
import type { AwsSigV4Scheme, RequestDescription } from "../types.js";
import { parseAmzDate } from "./amz-date.js";
import { authorizationAlgorithm, parseAuthorization } from "./authorization-header.js";
import { groupHeaders, headerPairs } from "./canonical-headers.js";
import { canonicalRequest } from "./canonical-request.js";
import { ALGORITHM, HEADER, MAX_PRESIGNED_SECONDS, QUERY, UNSIGNED_PAYLOAD } from "./constants.js";
import type { CredentialScope } from "./credential.js";
import { hostOf } from "./host.js";
import { bodySha256, isPayloadHashValue } from "./payload-hash.js";
import { parsePresigned } from "./presign.js";
import { requiredSignedHeaders } from "./signed-header-names.js";
import { signingKey } from "./signing-key.js";
import { credentialScope, stringToSign } from "./string-to-sign.js";

/** What the two forms (header, presigned query) have in common once read. */
interface Presented {
  credential: CredentialScope;
  longDate: string;
  signedHeaders: string[];
  signature: string;
  /** Presigned URLs only: X-Amz-Expires in seconds. */
  expires: number | undefined;
}

const SIGNATURE = /^[0-9a-f]{64}$/;

export async function verifySigV4(
  scheme: AwsSigV4Scheme,
  request: RequestDescription,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const fail = (reason: ReasonCode): VerifyResult => verificationFailure(scheme, reason);
  const crypto = options.crypto ?? defaultCryptoProvider();
  const pairs = headerPairs(request.headers);
  const grouped = groupHeaders(pairs);
  const target = splitRequestTarget(request.url);

  // 1. Which form, read strictly. Both at once is ambiguous (AWS: "Only one auth mechanism allowed").
  const authorization = grouped.get(HEADER.authorization);
  const presigned = parsePresigned(target.query);
  if (authorization && presigned.status !== "absent") return fail("conflicting_headers");
  let presented: Presented;
  if (authorization) {
    if (authorization.length > 1) return fail("conflicting_headers");
    const value = authorization[0] ?? "";
    if (authorizationAlgorithm(value) !== ALGORITHM)
      return fail(value.startsWith("AWS4-") ? "unsupported_algorithm" : "malformed_header");
    const parsed = parseAuthorization(value);
    if (!parsed) return fail("malformed_header");
    const dates = grouped.get(HEADER.date);
    if (!dates || dates.length === 0) return fail("missing_credentials");
    if (dates.length > 1) return fail("conflicting_headers");
    presented = { ...parsed, longDate: dates[0] ?? "", expires: undefined };
  } else if (presigned.status === "found") {
    const expires = /^\d{1,6}$/.test(presigned.query.expires) ? Number(presigned.query.expires) : Number.NaN;
    if (!(expires >= 1 && expires <= MAX_PRESIGNED_SECONDS)) return fail("malformed_header");
    presented = { ...presigned.query, expires };
  } else if (presigned.status === "unsupported") {
    return fail("unsupported_algorithm");
  } else {
    return fail(presigned.status === "malformed" ? "malformed_header" : "missing_credentials");
  }

  // 2. The scope must be this scheme's: a signature for another region or service is not one for us.
  const { credential } = presented;
  if (credential.region !== scheme.region || credential.service !== scheme.service) return fail("wrong_scope");
  const signedAt = parseAmzDate(presented.longDate);
  if (signedAt === undefined) return fail("malformed_timestamp");
  if (presented.longDate.slice(0, 8) !== credential.shortDate) return fail("wrong_scope");

  // 3. The clock: ±15 minutes by default (AWS: "RequestTimeTooSkewed"); a presigned URL lives X-Amz-Expires.
  const now = (options.now ?? Date.now)();
  if (signedAt - now > scheme.futureSeconds * 1000) return fail("future_timestamp");
  const lifetime = presented.expires === undefined ? scheme.pastSeconds : presented.expires;
  if (now - signedAt > lifetime * 1000) return fail("stale_timestamp");

  if (!SIGNATURE.test(presented.signature)) return fail("malformed_signature");

  // 4. Everything the scheme covers must be in SignedHeaders: host, the date header, every x-amz-* header.
  const signedSet = new Set(presented.signedHeaders);
  for (const name of requiredSignedHeaders(scheme, grouped.keys(), presented.expires === undefined)) {
    if (!signedSet.has(name)) return fail("unsigned_header");
  }
  const host = hostOf(request.url, grouped);
  if (host === undefined) return fail("missing_credentials");
  const headers = grouped.has(HEADER.host) ? pairs : [...pairs, [HEADER.host, host] as [string, string]];

  // 5. The payload hash: recomputed from the bytes that arrived when the scheme covers the body.
  const sentHashes = grouped.get(HEADER.contentSha256);
  if (sentHashes && sentHashes.length > 1) return fail("conflicting_headers");
  const sentHash = sentHashes?.[0];
  if (sentHash !== undefined && !isPayloadHashValue(sentHash)) return fail("malformed_header");
  if (scheme.contentSha256Header && presented.expires === undefined && sentHash === undefined)
    return fail("malformed_header");
  let payload: string;
  if (scheme.payload === "signed") {
    const pendingPayload = bodySha256(request.body, crypto);
    payload = isPromiseLike(pendingPayload) ? await pendingPayload : pendingPayload;
    // A declared hash that is not the body's: the body was changed (or the header was) after signing.
    if (sentHash !== undefined && sentHash !== payload) return fail("bad_signature");
  } else {
    payload = presented.expires === undefined ? (sentHash ?? UNSIGNED_PAYLOAD) : UNSIGNED_PAYLOAD;
  }

  // 6. The key; several secrets during a rotation, every one tried so timing does not tell which matched.
  const resolving = options.resolveKey(credential.accessKeyId, scheme.name);
  const resolved = isPromiseLike(resolving) ? await resolving : resolving;
  const secrets = resolved === undefined ? [] : Array.isArray(resolved) ? resolved : [resolved as Secret];
  if (secrets.length === 0) return fail("unknown_key");

  const canonical = canonicalRequest({
    method: request.method,
    path: target.path,
    query: target.query,
    headers,
    signedHeaders: presented.signedHeaders,
    payloadHash: payload,
    pathRule: scheme,
    excludeQuery: presented.expires === undefined ? undefined : QUERY.signature,
  });
  const scope = credentialScope(credential.shortDate, credential.region, credential.service);
  const pendingToSign = stringToSign(presented.longDate, scope, canonical.text, crypto);
  const toSign = isPromiseLike(pendingToSign) ? await pendingToSign : pendingToSign;
  let matched = false;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    const pendingKey = signingKey(crypto, secret, credential.shortDate, credential.region, credential.service);
    const key = isPromiseLike(pendingKey) ? await pendingKey : pendingKey;
    const expected = encodedHmac(crypto, "sha256", key, toSign, "hex");
    if (constantTimeEqual(isPromiseLike(expected) ? await expected : expected, presented.signature)) matched = true;
  }
  if (!matched) return fail("bad_signature");
  // SigV4 has no nonce; when asked, the signature (equal to the computed hex here) is claimed once.
  const replayed =
    scheme.signatureReplay &&
    (await claimSignature(scheme.signatureReplay, options.replayStore, scheme.name, presented.signature));
  if (replayed) return fail(replayed);
  return { ok: true, scheme: scheme.name, keyId: credential.accessKeyId, algorithm: "sha256" };
}
