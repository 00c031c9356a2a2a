/**
 * The resolved signing scheme: what one `x-hmac` security scheme means, with every default applied.
 * hmac-codegen validates the spec's `x-hmac` and writes this shape as plain data; everything in
 * runtime/ reads only this shape, so signer and verifier cannot disagree.
 */

export type HashAlgorithm = "sha1" | "sha256" | "sha384" | "sha512";

/** Text encodings of digest bytes. `HEX` is upper-case hex; `base64url` is unpadded (RFC 4648 §5). */
export type DigestEncoding = "hex" | "HEX" | "base64" | "base64url";

/** How the shared secret string turns into key bytes (nextcloud-drf: base64-decoded bytes). */
export type SecretEncoding = "utf8" | "base64" | "hex";

export type TimestampFormat = "unix" | "unix-ms" | "iso8601" | "http-date";

/** Where a value travels on the request. `signature` means inside the signature header's template. */
export type Carrier = { in: "header"; name: string } | { in: "query"; name: string } | { in: "signature" };

export interface TimestampRule {
  carrier: Carrier;
  format: TimestampFormat;
  /** iso8601 only: digits after the seconds (0, 3 or 6; Python's isoformat() writes 6). */
  fractionDigits: 0 | 3 | 6;
  /** iso8601 only: how UTC is written when signing (`Z` or `+00:00`); any offset is accepted. */
  utcSuffix: "Z" | "+00:00";
  /** Seconds a request may be older than the verifier's clock. */
  pastSeconds: number;
  /** Seconds a request may be ahead of the verifier's clock (0: never ahead, as django_hmac_authentication). */
  futureSeconds: number;
}

export interface NonceRule {
  carrier: Carrier;
  /** Random bytes per nonce, rendered with `encoding` (nextcloud-drf: 16 bytes, hex). */
  bytes: number;
  encoding: DigestEncoding;
  /** How long a seen nonce is remembered; at least the timestamp window, so a replay is stale or seen. */
  ttlSeconds: number;
}

export interface BodyRule {
  /**
   * Digest for the `bodyHash` component; `signature` uses the request's HMAC algorithm (django_hmac_authentication).
   */
  hashAlgorithm: HashAlgorithm | "signature";
  hashEncoding: DigestEncoding;
  /**
   * An empty body hashes the empty string (`hash`, nextcloud-drf) or contributes nothing (`empty-string`,
   * django_hmac_authentication).
   */
  empty: "hash" | "empty-string";
  /**
   * `as-sent`: the exact body bytes. `python-compact`: the server hashes its parsed JSON re-serialised with
   * Python's `json.dumps(data, separators=(",", ":"))` (django_hmac_authentication).
   */
  json: "as-sent" | "python-compact";
  /**
   * Upper-case methods whose body the signature never covers: both sides hash empty bytes whatever
   * body arrives (nextcloud-drf: "for `GET`, hash the empty body" in TokenSigner, "hash empty bytes" in DRF).
   * A verifier refuses such a body (`unsigned_body`) unless the server opts in (VerifyOptions.unsignedBody).
   */
  emptyFor: readonly string[];
}

export interface QueryRule {
  /** `as-sent`: the raw query string; `canonical`: decode, re-encode, optionally sort (nextcloud-drf). */
  form: "as-sent" | "canonical";
  /** Whether `+` decodes to a space (HTML form semantics, nextcloud-drf) or stays a literal plus. */
  plus: "space" | "literal";
  /** Characters besides ALPHA / DIGIT left unencoded (RFC 3986 unreserved: `-_.~`). */
  safe: string;
  hexCase: "upper" | "lower";
  /** Sort by (encoded key, encoded value), keeping duplicates in sorted order. */
  sort: boolean;
  /** Keep `a=` and bare `a` parameters (as `a=`), or drop them. */
  blanks: "keep" | "drop";
}

export interface SignatureRule {
  encoding: DigestEncoding;
  carrier: { in: "header"; name: string } | { in: "query"; name: string };
  /** Placeholders: {signature} (required), {algorithm} (e.g. HMAC-SHA512), {keyId}, {timestamp}, {nonce}. */
  template: string;
  /** Only for hex encodings, where the scheme defines case as insignificant (nextcloud-drf's DRF verifier). */
  caseInsensitive: boolean;
}

/** Components of the string to sign, in order. `header:<name>`, `literal:<text>` take an argument. */
export type Component =
  | "method"
  | "path"
  | "query"
  | "timestamp"
  | "nonce"
  | "keyId"
  | "bodyHash"
  | "body"
  | "secret"
  | "signedHeaders"
  | `header:${string}`
  | `literal:${string}`;

/**
 * A scheme described by the flat x-hmac knobs: a string to sign joined from components, a signature in
 * a header template (every preset). The standard profiles have shapes of their own, below.
 */
export interface HmacScheme {
  /** Absent for the template model; set by the standard profiles. */
  profile?: undefined;
  /** The security scheme's name in the spec (`components.securitySchemes.<name>`). */
  name: string;
  /** The algorithm the signer uses. */
  algorithm: HashAlgorithm;
  /**
   * What the verifier accepts; more than one only when the template carries {algorithm} (django_hmac_authentication).
   */
  acceptedAlgorithms: HashAlgorithm[];
  secretEncoding: SecretEncoding;
  keyId: Carrier | null;
  timestamp: TimestampRule | null;
  nonce: NonceRule | null;
  /** Set by `replay: signature`: each verified signature is accepted once within the timestamp window. */
  signatureReplay?: { ttlSeconds: number } | undefined;
  body: BodyRule;
  path: { form: "as-sent" | "decoded" | "reencoded" };
  query: QueryRule;
  stringToSign: { components: Component[]; separator: string };
  signature: SignatureRule;
  /** Canonical header name (lower case) -> legacy names the verifier also accepts (nextcloud-drf's X-NC-*). */
  aliases: Record<string, string[]>;
  /** Headers rendered by the `signedHeaders` component as `name:value` lines (django-api-key's X-API-Key). */
  signedHeaders: string[];
  /** Status for a failed verification. */
  failureStatus: 401 | 403;
}

/**
 * RFC 9421 §2: a component identifier, a name and its parameters, e.g. `"@query-param";name="id"` or
 * `"content-digest"`. Parameters keep their order: the identifier is serialised into the signature base.
 */
export interface Rfc9421Component {
  /** A derived component (`@method`, `@target-uri`, ...) or a lower-case header field name. */
  name: string;
  /** `name` for `@query-param`; `sf`, `key`, `bs`, `req`, `tr` for fields (RFC 9421 §2.1). */
  params: Array<[string, string | true]>;
}

export type Rfc9421Parameter = "created" | "expires" | "nonce" | "alg" | "keyid" | "tag";

/** `profile: rfc9421`: HTTP Message Signatures (RFC 9421) with `hmac-sha256` (§3.3.3). */
export interface Rfc9421Scheme {
  profile: "rfc9421";
  name: string;
  /** hmac-sha256 is the only HMAC in the RFC 9421 §6.2 registry. */
  algorithm: "sha256";
  secretEncoding: SecretEncoding;
  /** The signature's label in Signature-Input and Signature (RFC 9421 §4.1), e.g. `sig1`. */
  label: string;
  /** Covered components, in order; the verifier requires every one of them to be covered. */
  components: Rfc9421Component[];
  /** Signature parameters the signer writes, in this order (RFC 9421 §2.3). */
  parameters: Rfc9421Parameter[];
  /** `expires` is `created` plus this many seconds. */
  expiresInSeconds: number;
  /** The `tag` the signer writes and the verifier requires (RFC 9421 §2.3), or null. */
  tag: string | null;
  /** The RFC 9530 Content-Digest algorithm, used when `content-digest` is covered. */
  contentDigest: "sha-256" | "sha-512";
  /** Seconds `created` may be older / newer than the verifier's clock. */
  pastSeconds: number;
  futureSeconds: number;
  /** The `nonce` parameter's random bytes and replay TTL (when `nonce` is a parameter). */
  nonce: { bytes: number; encoding: DigestEncoding; ttlSeconds: number } | null;
  failureStatus: 401 | 403;
}

/** `profile: aws-sigv4`: AWS Signature Version 4 (HMAC-SHA256 with a derived signing key). */
export interface AwsSigV4Scheme {
  profile: "aws-sigv4";
  name: string;
  algorithm: "sha256";
  /** The secret access key is text; the signing key is derived from "AWS4" + it. */
  secretEncoding: "utf8";
  region: string;
  service: string;
  /** Every service but S3 normalises dot segments and URI-encodes the path a second time. */
  normalizePath: boolean;
  doubleEncodePath: boolean;
  /** `unsigned` sends UNSIGNED-PAYLOAD (S3); the body is then not covered. */
  payload: "signed" | "unsigned";
  /** Send and sign x-amz-content-sha256 (S3 requires it). */
  contentSha256Header: boolean;
  /** `header`: the Authorization header; `query`: a presigned URL (X-Amz-* parameters). */
  location: "header" | "query";
  /** X-Amz-Expires of a presigned URL (1 to 604800). */
  expiresInSeconds: number;
  /** Headers signed besides host and x-amz-*, lower case, e.g. content-type. */
  signedHeaders: string[];
  /** Clock skew the verifier tolerates (AWS: 15 minutes each way). */
  pastSeconds: number;
  futureSeconds: number;
  /** Set by `replay: signature`: each verified signature is accepted once within the clock-skew window. */
  signatureReplay?: { ttlSeconds: number } | undefined;
  failureStatus: 401 | 403;
}

/** A provider's webhook signature scheme, fixed by the provider's documentation (the `preset` names it). */
export type WebhookPreset = "standard-webhooks" | "stripe" | "github" | "slack" | "shopify" | "twilio";

/**
 * `profile: webhook`: the provider signs each delivery and the consumer verifies it, the reverse of the
 * other profiles. Headers, algorithm and encoding come from the preset; what a spec may choose is the
 * timestamp tolerance (for the presets that carry a timestamp) and the failure status.
 */
export interface WebhookScheme {
  profile: "webhook";
  name: string;
  preset: WebhookPreset;
  /** Seconds a delivery's timestamp may lie behind or ahead of now (standard-webhooks, stripe, slack). */
  toleranceSeconds: number;
  failureStatus: 401 | 403;
}

/** Every scheme the runtime signs and verifies. */
export type SigningScheme = HmacScheme | Rfc9421Scheme | AwsSigV4Scheme;

/** A request as plain data: what goes on the wire, before or after signing. */
export interface RequestDescription {
  method: string;
  /** Path plus raw query exactly as sent, e.g. `/a/b?x=1&x=2`; an absolute URL is accepted too. */
  url: string;
  /**
   * Header names in any case. Repeated names in an array are joined with ", " (Fetch semantics). A Map
   * is read like the array (headerMap() passes its own maps through without copying).
   */
  headers?: Record<string, string> | Array<[string, string]> | ReadonlyMap<string, string> | undefined;
  /** The exact body bytes, or a `Blob`-like source read as a stream so a large body is never held whole. */
  body?: Uint8Array | StreamedBody | undefined;
}

/** A body read as a stream (a `Blob` fits): hashed chunk by chunk where the scheme needs only its digest. */
export interface StreamedBody {
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}
