/**
 * Presets: the signing contracts of the systems in the seeds, each as x-hmac input. A preset is only
 * a starting point: any knob the author sets overrides it (resolve.ts).
 */
import type { XHmacInput } from "../../input.js";
import type { PresetName } from "./preset-names.js";

export { PRESET_NAMES, type PresetName } from "./preset-names.js";

/** Seed 004: Nextcloud TokenSigner (PHP) and the weather-apis DRF verifier (Python). */
const nextcloudDrf: XHmacInput = {
  algorithm: "sha256",
  // IntegrationConfig::getSecretBytes / base64.b64decode(validate=True): strict base64 secret bytes.
  secret: { encoding: "base64" },
  keyId: { in: "header", name: "X-Client-Id" },
  // DRF casts X-Timestamp to int: unix seconds. The audit names no window; 300 s each way is assumed.
  timestamp: { in: "header", name: "X-Timestamp", format: "unix", tolerance: { past: 300, future: 300 } },
  // TokenSigner: bin2hex(random_bytes(16)).
  nonce: { in: "header", name: "X-Nonce", bytes: 16, encoding: "hex", ttl: 600 },
  // bodySha256Hex: "SHA-256 hex of raw body", "for `GET`, hash the empty body"; DRF: "for `GET`, hash
  // empty bytes". A GET body is therefore unsigned: the verifier refuses it unless told to pass it
  // (docs/decisions/0006-seed-disagreements.md).
  body: { hash: { algorithm: "sha256", encoding: "hex" }, empty: "hash", json: "as-sent", emptyFor: ["GET"] },
  // DRF signs request.path, the decoded path; the trailing slash matters.
  path: { form: "decoded" },
  // canonicalizeQuery: split on &, + as space, rawurldecode, rawurlencode with ~ kept, sort pairs.
  query: { form: "canonical", plus: "space", safe: "-_.~", hexCase: "upper", sort: true, blanks: "keep" },
  stringToSign: { components: ["method", "path", "query", "timestamp", "nonce", "bodyHash"], separator: "\n" },
  // hash_hmac('sha256', ...) without raw output: lower-case hex; DRF lowercases hex before comparing.
  signature: { encoding: "hex", in: "header", name: "X-Signature", template: "{signature}", caseInsensitive: true },
  // The ping endpoint still sends the X-NC-* names, which DRF accepts as legacy aliases.
  aliases: {
    "X-Client-Id": ["X-NC-CLIENT-ID"],
    "X-Timestamp": ["X-NC-TIMESTAMP"],
    "X-Nonce": ["X-NC-NONCE"],
    "X-Signature": ["X-NC-SIGNATURE"],
  },
};

export const PRESETS: Record<PresetName, XHmacInput> = {
  "nextcloud-drf": nextcloudDrf,
  /**
   * Seed 000's fix: the same contract with base64_encode(hash_hmac(..., true)) signatures, compared
   * case-sensitively (base64 is case-sensitive; the old verifier's lower() broke it).
   */
  "nextcloud-drf-base64": {
    ...nextcloudDrf,
    signature: { ...nextcloudDrf.signature, encoding: "base64", caseInsensitive: false },
  },
  /**
   * Seed 003: django_hmac_authentication. `Authorization: HMAC-SHA512 <key>;<sig>;<iso8601>` over
   * `base64(hash(json.dumps(request.data, separators=(",", ":")))) + ";" + iso8601` with the hash the
   * header names (authentication.py, client_utils.prepare_string_to_sign); nothing is hashed for a
   * falsy body. The server rejects requests dated in its future and older than
   * HMAC_AUTH_REQUEST_TIMEOUT (5 s by default).
   */
  "django-hmac-authentication": {
    algorithm: { default: "sha512", accept: ["sha256", "sha384", "sha512"] },
    secret: { encoding: "base64" },
    keyId: { in: "signature" },
    timestamp: { in: "signature", format: "iso8601", fractionDigits: 6, utcSuffix: "+00:00", tolerance: { past: 5, future: 0 } },
    nonce: "none",
    body: { hash: { algorithm: "signature", encoding: "base64" }, empty: "empty-string", json: "python-compact" },
    stringToSign: { components: ["bodyHash", "timestamp"], separator: ";" },
    signature: { encoding: "base64", in: "header", name: "Authorization", template: "{algorithm} {keyId};{signature};{timestamp}" },
  },
  /**
   * Seed 001: the Django API-key middleware. `METHOD\nPATH\nTIMESTAMP\nAPI_KEY\nBODY`, HMAC-SHA256,
   * base64; the API key is covered so a swapped key breaks the signature; 300 s either way.
   */
  "django-api-key": {
    algorithm: "sha256",
    secret: { encoding: "utf8" },
    keyId: { in: "header", name: "X-API-Key" },
    timestamp: { in: "header", name: "X-Timestamp", format: "unix", tolerance: { past: 300, future: 300 } },
    nonce: "none",
    path: { form: "decoded" },
    stringToSign: { components: ["method", "path", "timestamp", "keyId", "body"], separator: "\n" },
    signature: { encoding: "base64", in: "header", name: "X-Signature", template: "{signature}" },
  },
  /**
   * Seed 002: the APISigning middleware. `"-".join([SECRET, METHOD, PATH, BODY])`, HMAC-SHA256 keyed
   * with the same secret, base64, in a `Signature` header. No key id, timestamp or nonce: `lint` says so.
   */
  "django-api-signing": {
    algorithm: "sha256",
    secret: { encoding: "utf8" },
    keyId: "none",
    timestamp: "none",
    nonce: "none",
    path: { form: "decoded" },
    stringToSign: { components: ["secret", "method", "path", "body"], separator: "-" },
    signature: { encoding: "base64", in: "header", name: "Signature", template: "{signature}" },
  },
};
