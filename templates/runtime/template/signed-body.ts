/**
 * The body as the scheme covers it: its exact bytes, or (django_hmac_authentication) the Python
 * re-serialisation of its JSON; and the `bodyHash` component: a digest in the scheme's encoding, or nothing
 * for an empty body where the scheme says so (django-hmac-authentication signs `;timestamp` for a GET,
 * nextcloud-drf hashes the empty string), and the methods whose body is signed as empty whatever arrives
 * (nextcloud-drf's GET).
 */

import { isStreamedBody, readAll, streamedBodyDigest } from "../body-hash.js";
import type { CryptoProvider } from "../crypto-provider.js";
import { encodedDigest } from "../encoded-crypto.js";
import { encodeDigest, utf8 } from "../encoding.js";
import { andThen, type MaybePromise } from "../maybe-promise.js";
import type {
  BodyRule,
  DigestEncoding,
  HashAlgorithm,
  HmacScheme,
  RequestDescription,
  StreamedBody,
} from "../types.js";
import { pythonCompactJson } from "./json-forms.js";
import { MalformedJsonError } from "./malformed-json.js";

export interface CanonicalBody {
  bytes: Uint8Array;
  isEmpty: boolean;
}

// ignoreBOM keeps a leading U+FEFF, so it fails the JSON parse as it does in DRF (400), instead of
// being dropped silently and signing a body the server would never accept.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Throws MalformedJsonError when the scheme re-serialises JSON and the body is not JSON. */
export function canonicalBody(body: Uint8Array, rule: BodyRule): CanonicalBody {
  if (rule.json === "as-sent") return { bytes: body, isEmpty: body.length === 0 };
  let source: string;
  try {
    source = strictUtf8.decode(body);
  } catch {
    throw new MalformedJsonError("body is not UTF-8");
  }
  const { text, isEmpty } = pythonCompactJson(source);
  return { bytes: isEmpty ? new Uint8Array(0) : utf8(text), isEmpty };
}

/** The `bodyHash` component, or undefined when the scheme does not sign one (no digest is computed). */
export function bodyHashComponent(
  scheme: HmacScheme,
  body: CanonicalBody,
  signatureAlgorithm: HashAlgorithm,
  crypto: CryptoProvider,
): MaybePromise<string | undefined> {
  if (!scheme.stringToSign.components.includes("bodyHash")) return undefined;
  return bodyHash(body, scheme.body, signatureAlgorithm, crypto);
}

export function bodyHash(
  body: CanonicalBody,
  rule: BodyRule,
  signatureAlgorithm: HashAlgorithm,
  crypto: CryptoProvider,
): MaybePromise<string> {
  if (body.isEmpty && rule.empty === "empty-string") return "";
  const algorithm = rule.hashAlgorithm === "signature" ? signatureAlgorithm : rule.hashAlgorithm;
  if (body.bytes.length === 0) {
    // Every GET hashes the empty string (nextcloud-drf): a constant per algorithm and encoding.
    const known = emptyDigests[algorithm][rule.hashEncoding];
    if (known !== undefined) return known;
    return andThen(encodedDigest(crypto, algorithm, body.bytes, rule.hashEncoding), (digest) => {
      emptyDigests[algorithm][rule.hashEncoding] = digest;
      return digest;
    });
  }
  return encodedDigest(crypto, algorithm, body.bytes, rule.hashEncoding);
}

/** By algorithm, then encoding: two property reads, where a Map keyed by a built string hashed it per request. */
const emptyDigests: Record<HashAlgorithm, Partial<Record<DigestEncoding, string>>> = {
  sha1: {},
  sha256: {},
  sha384: {},
  sha512: {},
};

/** What the string to sign needs from a body: its canonical bytes (for a `body` component) and its hash. */
export interface SignedBody {
  bytes: Uint8Array;
  hash: string | undefined;
}

const NO_BYTES = new Uint8Array(0);

/**
 * Whether the scheme signs this method's body as empty bytes, whatever arrives. nextcloud-drf: Nextcloud's TokenSigner
 * ("for `GET`, hash the empty body") and DRF verifier ("for `GET`, hash empty bytes") both do so for GET.
 * Methods are compared upper-cased, as both sides upper-case METHOD before signing.
 */
export function signsBodyAsEmpty(rule: BodyRule, method: string): boolean {
  return rule.emptyFor.length > 0 && rule.emptyFor.includes(method.toUpperCase());
}

/**
 * Canonicalises and hashes a request's body given as bytes or as a stream: the empty body for a method
 * the scheme signs as empty (signsBodyAsEmpty). A stream is digested chunk by chunk (memory stays bounded
 * for large bodies) unless the scheme needs the bytes themselves: a `body` component (django-api-key,
 * django-api-signing) or Python's JSON re-serialisation (django-hmac-authentication). Throws MalformedJsonError like
 * canonicalBody.
 */
export function signedBody(
  scheme: HmacScheme,
  request: Pick<RequestDescription, "method" | "body">,
  signatureAlgorithm: HashAlgorithm,
  crypto: CryptoProvider,
): MaybePromise<SignedBody> {
  const body = signsBodyAsEmpty(scheme.body, request.method) ? undefined : request.body;
  if (body !== undefined && isStreamedBody(body)) return streamedSignedBody(scheme, body, signatureAlgorithm, crypto);
  const canonical = canonicalBody(body ?? NO_BYTES, scheme.body);
  return andThen(bodyHashComponent(scheme, canonical, signatureAlgorithm, crypto), (hash) => ({
    bytes: canonical.bytes,
    hash,
  }));
}

async function streamedSignedBody(
  scheme: HmacScheme,
  body: StreamedBody,
  signatureAlgorithm: HashAlgorithm,
  crypto: CryptoProvider,
): Promise<SignedBody> {
  const needsBytes = scheme.body.json !== "as-sent" || scheme.stringToSign.components.includes("body");
  if (!needsBytes) {
    if (!scheme.stringToSign.components.includes("bodyHash")) return { bytes: NO_BYTES, hash: undefined };
    if (body.size === 0)
      return {
        bytes: NO_BYTES,
        hash: await bodyHash({ bytes: NO_BYTES, isEmpty: true }, scheme.body, signatureAlgorithm, crypto),
      };
    const algorithm = scheme.body.hashAlgorithm === "signature" ? signatureAlgorithm : scheme.body.hashAlgorithm;
    return {
      bytes: NO_BYTES,
      hash: encodeDigest(await streamedBodyDigest(crypto, algorithm, body), scheme.body.hashEncoding),
    };
  }
  const canonical = canonicalBody(await readAll(body.stream()), scheme.body);
  return { bytes: canonical.bytes, hash: await bodyHashComponent(scheme, canonical, signatureAlgorithm, crypto) };
}
