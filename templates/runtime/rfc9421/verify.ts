/**
 * Verifies an RFC 9421 hmac-sha256 signature (§3.2): reads Signature-Input and Signature as RFC 8941
 * Dictionaries, takes the member under the scheme's label, checks that every component the scheme
 * requires is covered and every parameter it requires is present, checks `alg`, `tag`, `created` and
 * `expires` against the clock, then the key, then the signature in constant time, then Content-Digest
 * against the body that arrived, and only then claims the nonce (forgeries cannot fill the replay store).
 *
 * Only the scheme's label is read: other signatures in the same fields (a proxy's, say) are ignored, and
 * a request without that label is `missing_credentials`. Extra covered components are fine (§3.2.1 lets
 * a verifier require a minimum set); duplicated ones are malformed (§2.5).
 */
import { constantTimeEqual } from "../constant-time.js";
import { KeyConfigurationError, type Secret, type VerifyOptions, type VerifyResult } from "../contracts.js";
import { defaultCryptoProvider } from "../default-crypto.js";
import { decodeSecret, toBase64 } from "../encoding.js";
import { headerMap } from "../headers.js";
import { isWellFormedKeyId, isWellFormedNonce } from "../nonce.js";
import { type ReasonCode, verificationFailure } from "../reasons.js";
import type { RequestDescription, Rfc9421Component, Rfc9421Scheme } from "../types.js";
import { componentFromItem, serializeComponentId } from "./components.js";
import { contentDigestMatches } from "./content-digest.js";
import { buildSignatureBase } from "./signature-base.js";
import { HMAC_SHA256, readSignatureParameters } from "./signature-params.js";
import { parseDictionary, serializeInnerList } from "./structured-fields.js";

/** Longer Signature-Input or Signature fields are refused before parsing. */
const MAX_FIELD_LENGTH = 8192;

export async function verifyRfc9421(
  scheme: Rfc9421Scheme,
  request: RequestDescription,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const fail = (reason: ReasonCode): VerifyResult => verificationFailure(scheme, reason);
  const crypto = options.crypto ?? defaultCryptoProvider();
  const headers = headerMap(request.headers);

  // 1. The two fields, as RFC 8941 Dictionaries, and the scheme's member of each.
  const inputField = headers.get("signature-input");
  const signatureField = headers.get("signature");
  if (!inputField || !signatureField) return fail("missing_credentials");
  if (inputField.length > MAX_FIELD_LENGTH || signatureField.length > MAX_FIELD_LENGTH) return fail("malformed_header");
  const inputs = parseDictionary(inputField);
  const signatures = parseDictionary(signatureField);
  if (!inputs) return fail("malformed_header");
  // The Signature field holds only signatures: unparsable (e.g. unpadded base64, never repaired) is a malformed
  // signature.
  if (!signatures) return fail("malformed_signature");
  const input = inputs.find(([label]) => label === scheme.label)?.[1];
  const signature = signatures.find(([label]) => label === scheme.label)?.[1];
  if (!input || !signature) return fail("missing_credentials");
  if (input.kind !== "innerList") return fail("malformed_header");
  // §4.2: the signature is a byte sequence; never anything normalised into one.
  if (signature.kind !== "item" || signature.value.type !== "binary" || signature.params.length > 0)
    return fail("malformed_signature");

  // 2. Covered components: each one computable, none twice, and every required one present.
  const covered: Rfc9421Component[] = [];
  const ids = new Set<string>();
  for (const item of input.items) {
    const component = componentFromItem(item);
    if (!component) return fail("malformed_header");
    const id = serializeComponentId(component);
    if (ids.has(id)) return fail("malformed_header");
    ids.add(id);
    covered.push(component);
  }
  if (!scheme.components.every((component) => ids.has(serializeComponentId(component))))
    return fail("missing_component");

  // 3. Parameters: typed, the required ones present, then alg, tag and the clock.
  const params = readSignatureParameters(input.params);
  if (!params) return fail("malformed_header");
  // A required created, expires, nonce, keyid, alg or tag that is absent is a missing credential.
  if (scheme.parameters.some((name) => params[name] === undefined)) return fail("missing_credentials");
  if (params.alg !== undefined && params.alg !== HMAC_SHA256) return fail("unsupported_algorithm");
  if (scheme.tag !== null && params.tag !== scheme.tag) return fail("wrong_tag");
  if (params.keyid !== undefined && !isWellFormedKeyId(params.keyid)) return fail("malformed_header");
  if (params.nonce !== undefined && !isWellFormedNonce(params.nonce)) return fail("malformed_header");
  const now = (options.now ?? Date.now)();
  if (params.created !== undefined) {
    const created = params.created * 1000;
    if (now - created > scheme.pastSeconds * 1000) return fail("stale_timestamp");
    if (created - now > scheme.futureSeconds * 1000) return fail("future_timestamp");
  }
  if (params.expires !== undefined && now > params.expires * 1000) return fail("expired_signature");

  // 4. The key, possibly several secrets during a rotation.
  const resolved = await options.resolveKey(params.keyid, scheme.name);
  const secrets = resolved === undefined ? [] : Array.isArray(resolved) ? resolved : [resolved as Secret];
  if (secrets.length === 0) return fail("unknown_key");

  // 5. The signature base over the request that arrived, with the received parameters re-serialised (§3.2 step 6).
  const base = buildSignatureBase(
    covered,
    { method: request.method, url: request.url, headers },
    serializeInnerList(input),
  );
  if (!base.ok) return fail(base.problem === "missing" ? "missing_component" : "malformed_header");
  const received = toBase64(signature.value.value);
  let matched = false;
  for (const secret of secrets) {
    const key = decodeSecret(secret, scheme.secretEncoding);
    if (!key) throw new KeyConfigurationError(scheme.name, scheme.secretEncoding);
    // Every secret is tried, so timing does not reveal which one matched.
    if (constantTimeEqual(toBase64(await crypto.hmac("sha256", key, base.base.bytes)), received)) matched = true;
  }
  if (!matched) return fail("bad_signature");

  // 6. The body, when the scheme covers it: the signature vouches for Content-Digest, this for the bytes.
  // (A content-digest the scheme does not require proves nothing here: adapters only read the body
  // for schemes that cover it, see coversBody.)
  const digestField = headers.get("content-digest");
  if (scheme.components.some((component) => component.name === "content-digest") && digestField !== undefined) {
    if (!(await contentDigestMatches(scheme.contentDigest, digestField, request.body, crypto)))
      return fail("bad_content_digest");
  }

  // 7. Only an authentic request may claim its nonce.
  if (params.nonce !== undefined && scheme.nonce && options.replayStore) {
    try {
      const fresh = await options.replayStore.claim(
        `${scheme.name}:${params.keyid ?? ""}`,
        params.nonce,
        scheme.nonce.ttlSeconds * 1000,
      );
      if (!fresh) return fail("replayed_nonce");
    } catch {
      // Whatever the store's failure, fail closed.
      return fail("replay_store_unavailable");
    }
  }
  return { ok: true, scheme: scheme.name, keyId: params.keyid, algorithm: "sha256" };
}
