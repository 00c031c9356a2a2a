/**
 * Verifies a request description against a scheme. Cheap checks first (carriers, formats, clock),
 * then the key, then the signature in constant time, and only then the nonce is claimed, so requests
 * that fail authentication cannot fill the replay store. Every failure is a stable reason code.
 */
import { bodySize } from "../body-hash.js";
import { constantTimeEqual } from "../constant-time.js";
import { KeyConfigurationError, type Secret, type VerifyOptions, type VerifyResult } from "../contracts.js";
import { defaultCryptoProvider } from "../default-crypto.js";
import { decodeSecret, isDigestText, utf8Text } from "../encoding.js";
import { aliasedHeader, type HeaderMap, headerMap } from "../headers.js";
import { isPromiseLike } from "../maybe-promise.js";
import { isWellFormedKeyId, isWellFormedNonce } from "../nonce.js";
import { type ReasonCode, verificationFailure } from "../reasons.js";
import { queryParamValues, removeQueryParam, splitRequestTarget } from "../request-target.js";
import { claimSignature } from "../signature-replay.js";
import type { Carrier, HmacScheme, RequestDescription } from "../types.js";
import { algorithmFromLabel, MAX_CARRIER_LENGTH, parseTemplate, type TemplateValues } from "./header-template.js";
import { MalformedJsonError } from "./malformed-json.js";
import { templateReplayScope } from "./replay-scope.js";
import { type SignedBody, signedBody, signsBodyAsEmpty } from "./signed-body.js";
import { buildStringToSign, signatureOver } from "./string-to-sign.js";
import { checkFreshness, parseTimestamp } from "./timestamp.js";

/** The x-hmac template model: a joined string to sign and a header template. */
export async function verifyTemplate(
  scheme: HmacScheme,
  request: RequestDescription,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const fail = (reason: ReasonCode): VerifyResult => verificationFailure(scheme, reason);
  const crypto = options.crypto ?? defaultCryptoProvider();
  const headers = headerMap(request.headers);
  const target = splitRequestTarget(request.url);

  // 1. The signature carrier, and the values its template holds.
  const sigCarrier = scheme.signature.carrier;
  let signedQuery = target.query;
  let carried: string | undefined;
  if (sigCarrier.in === "header") {
    const found = aliasedHeader(headers, sigCarrier.name, scheme.aliases);
    if (found.status === "conflict") return fail("conflicting_headers");
    if (found.status === "found") carried = found.value;
  } else {
    const removed = removeQueryParam(target.query, sigCarrier.name);
    if (removed.values.length > 1) return fail("malformed_header");
    signedQuery = removed.query;
    carried = removed.values[0];
  }
  if (carried === undefined || carried === "") return fail("missing_credentials");
  const templated = parseTemplate(scheme.signature.template, carried);
  if (!templated?.signature) return fail("malformed_header");

  // 2. Algorithm, key id, timestamp and nonce, each from where the scheme carries it.
  let algorithm = scheme.algorithm;
  if (templated.algorithm !== undefined) {
    const named = algorithmFromLabel(templated.algorithm);
    if (!named || !scheme.acceptedAlgorithms.includes(named)) return fail("unsupported_algorithm");
    algorithm = named;
  }
  const read = (carrier: Carrier | null, field: keyof TemplateValues): ReadResult =>
    readCarried(carrier, field, templated, headers, target.query, scheme.aliases);

  const keyId = read(scheme.keyId, "keyId");
  if (keyId.failure) return fail(keyId.failure);
  if (keyId.value !== undefined && !isWellFormedKeyId(keyId.value)) return fail("malformed_header");

  const timestamp = read(scheme.timestamp?.carrier ?? null, "timestamp");
  if (timestamp.failure) return fail(timestamp.failure);
  if (scheme.timestamp && timestamp.value !== undefined) {
    const at = parseTimestamp(timestamp.value, scheme.timestamp);
    if (at === undefined) return fail("malformed_timestamp");
    const freshness = checkFreshness(at, (options.now ?? Date.now)(), scheme.timestamp);
    if (freshness === "stale") return fail("stale_timestamp");
    if (freshness === "future") return fail("future_timestamp");
  }

  const nonce = read(scheme.nonce?.carrier ?? null, "nonce");
  if (nonce.failure) return fail(nonce.failure);
  if (nonce.value !== undefined && !isWellFormedNonce(nonce.value)) return fail("malformed_header");

  // 3. The received signature must be valid in the scheme's encoding; its case is never normalised
  // unless the scheme defines hex as case-insensitive: a verifier that lower-cased a base64 signature
  // rejected every valid one (the DRF verifier that nextcloud-drf-base64 fixes).
  const received = scheme.signature.caseInsensitive ? templated.signature.toLowerCase() : templated.signature;
  if (!isDigestText(templated.signature, scheme.signature.encoding)) return fail("malformed_signature");

  // A body the signature does not cover (nextcloud-drf's GET) is refused before any key or HMAC work, unless
  // the server opted in: fail closed, as for a Content-Encoding the signature does not cover.
  if (signsBodyAsEmpty(scheme.body, request.method) && bodySize(request.body) > 0 && options.unsignedBody !== "pass")
    return fail("unsigned_body");

  // 4. The key, possibly several secrets during a rotation.
  const resolving = options.resolveKey(keyId.value, scheme.name);
  const resolved = isPromiseLike(resolving) ? await resolving : resolving;
  const secrets = resolved === undefined ? [] : Array.isArray(resolved) ? resolved : [resolved as Secret];
  if (secrets.length === 0) return fail("unknown_key");

  // 5. The string to sign, over the bytes that arrived.
  let body: SignedBody;
  try {
    const pending = signedBody(scheme, request, algorithm, crypto);
    body = isPromiseLike(pending) ? await pending : pending;
  } catch (error) {
    if (error instanceof MalformedJsonError) return fail("malformed_body");
    throw error;
  }
  const input = {
    method: request.method,
    path: target.path,
    query: signedQuery,
    headers,
    keyId: keyId.value,
    timestamp: timestamp.value,
    nonce: nonce.value,
    bodyHash: body.hash,
    body: body.bytes,
  };
  // The string to sign depends on the secret only through the `secret` component (django-api-signing), so during
  // a rotation it is built once, not once per secret.
  const secretInside = scheme.stringToSign.components.includes("secret");
  const shared = secretInside ? undefined : buildStringToSign(scheme, input);
  let matched = false;
  for (const secret of secrets) {
    const key = decodeSecret(secret, scheme.secretEncoding);
    if (!key) throw new KeyConfigurationError(scheme.name, scheme.secretEncoding);
    const stringToSign =
      shared ??
      buildStringToSign(scheme, { ...input, secretText: typeof secret === "string" ? secret : utf8Text(secret) });
    const signature = signatureOver(crypto, algorithm, key, stringToSign, scheme.signature.encoding);
    const expected = isPromiseLike(signature) ? await signature : signature;
    const comparable = scheme.signature.caseInsensitive ? expected.toLowerCase() : expected;
    // Every secret is tried, so timing does not reveal which one matched.
    if (constantTimeEqual(comparable, received)) matched = true;
  }
  if (!matched) return fail("bad_signature");

  // 6. Only an authentic request may claim its nonce.
  if (scheme.nonce && nonce.value !== undefined && options.replayStore) {
    try {
      const claiming = options.replayStore.claim(
        templateReplayScope(scheme, keyId.value),
        nonce.value,
        scheme.nonce.ttlSeconds * 1000,
      );
      const fresh = isPromiseLike(claiming) ? await claiming : claiming;
      if (!fresh) return fail("replayed_nonce");
    } catch {
      // Whatever the store's failure (ReplayStoreUnavailableError, a lost Redis connection), fail closed.
      return fail("replay_store_unavailable");
    }
  }
  // A scheme without a nonce may claim the signature itself; `received` equals the computed signature here.
  const replayed =
    scheme.signatureReplay &&
    (await claimSignature(scheme.signatureReplay, options.replayStore, scheme.name, received));
  if (replayed) return fail(replayed);
  return { ok: true, scheme: scheme.name, keyId: keyId.value, algorithm };
}

type ReadResult = { value: string | undefined; failure?: undefined } | { value?: undefined; failure: ReasonCode };

function readCarried(
  carrier: Carrier | null,
  field: keyof TemplateValues,
  templated: TemplateValues,
  headers: HeaderMap,
  query: string,
  aliases: Record<string, string[]>,
): ReadResult {
  if (!carrier) return { value: undefined };
  let value: string | undefined;
  if (carrier.in === "signature") {
    value = templated[field];
  } else if (carrier.in === "header") {
    const found = aliasedHeader(headers, carrier.name, aliases);
    if (found.status === "conflict") return { failure: "conflicting_headers" };
    if (found.status === "found") value = found.value;
  } else {
    const values = queryParamValues(query, carrier.name);
    if (values.length > 1) return { failure: "malformed_header" };
    value = values[0];
  }
  if (value === undefined || value === "") return { failure: "missing_credentials" };
  if (value.length > MAX_CARRIER_LENGTH) return { failure: "malformed_header" };
  return { value };
}
