/**
 * Stable reason codes for a failed verification, and the HTTP status each maps to. Clients, logs and
 * dashboards match on these strings, so they never change meaning; none of them reveals which byte of a
 * signature differed or what the expected value was.
 */
export const REASONS = {
  missing_credentials: { status: "auth", detail: "A required signature, key id, timestamp or nonce is missing." },
  malformed_header: {
    status: "auth",
    detail: "An authentication header or parameter does not have the scheme's format.",
  },
  conflicting_headers: { status: "auth", detail: "A header and its legacy alias carry different values." },
  malformed_signature: { status: "auth", detail: "The signature is not valid in the scheme's encoding." },
  malformed_timestamp: { status: "auth", detail: "The timestamp is not valid in the scheme's format." },
  unsupported_algorithm: { status: "auth", detail: "The request names an algorithm this scheme does not accept." },
  unknown_key: { status: "auth", detail: "No secret is known for this key id." },
  stale_timestamp: { status: "auth", detail: "The request is older than the scheme's window allows." },
  future_timestamp: { status: "auth", detail: "The request is dated further ahead than the scheme allows." },
  replayed_nonce: { status: "auth", detail: "This nonce was already used within the replay window." },
  replayed_signature: { status: "auth", detail: "This signature was already used within its timestamp window." },
  wrong_scope: {
    status: "auth",
    detail: "The credential scope names another date, region or service than the scheme and request.",
  },
  unsigned_header: {
    status: "auth",
    detail: "A header the scheme requires to be signed is not among the signed headers.",
  },
  bad_signature: { status: "auth", detail: "The signature does not match the request." },
  // RFC 9421 (profile: rfc9421)
  missing_component: {
    status: "auth",
    detail: "The signature does not cover a component the scheme requires, or the request lacks a covered component.",
  },
  expired_signature: { status: "auth", detail: "The signature's expires time has passed." },
  wrong_tag: { status: "auth", detail: "The signature's tag is not the one this scheme requires." },
  bad_content_digest: { status: "auth", detail: "The Content-Digest does not match the body that arrived." },
  // Webhooks (profile: webhook)
  replayed_delivery: { status: "auth", detail: "This webhook id was already delivered within the tolerance window." },
  bad_body_hash: {
    status: "auth",
    detail: "The body's SHA-256 does not match the bodySHA256 parameter of the signed URL.",
  },
  uncovered_body: {
    status: 400,
    detail:
      "The delivery has a body its signature does not cover " +
      "(Twilio: a body that is neither form-encoded nor hashed into the URL).",
  },
  malformed_body: { status: 400, detail: "The body cannot be canonicalised as the scheme requires (invalid JSON)." },
  body_too_large: { status: 413, detail: "The body is larger than the verifier accepts." },
  undeclared_route: {
    status: 404,
    detail: "The spec declares no operation for this method and path; nothing unverified is served.",
  },
  malformed_target: {
    status: 400,
    detail: "The request-target has a fragment, a backslash, or an authority other than Host (RFC 9112 §3.2).",
  },
  ambiguous_path: {
    status: 400,
    detail:
      "Under this scheme's signed path form, an escaped slash or a dot segment would let the signature " +
      "stand for another route.",
  },
  unsigned_body: {
    status: 400,
    detail:
      "The request has a body its method does not sign " +
      "(the scheme hashes empty bytes for that method, as nextcloud-drf does for GET).",
  },
  unsigned_encoding: { status: 415, detail: "The body has a Content-Encoding the signature does not cover." },
  replay_store_unavailable: {
    status: 503,
    detail: "The replay store cannot be reached; the request is refused, not trusted.",
  },
} as const satisfies Record<string, { status: "auth" | number; detail: string }>;

export type ReasonCode = keyof typeof REASONS;

/** The HTTP status for a reason: the scheme's failure status (401 or 403) for authentication failures. */
export function reasonStatus(reason: ReasonCode, failureStatus: 401 | 403): number {
  const status = REASONS[reason].status;
  return status === "auth" ? failureStatus : status;
}

/** A failed verification of `scheme`: the one shape every profile's verifier returns. */
export function verificationFailure(
  scheme: { name: string; failureStatus: 401 | 403 },
  reason: ReasonCode,
): { ok: false; scheme: string; reason: ReasonCode; status: number } {
  return { ok: false, scheme: scheme.name, reason, status: reasonStatus(reason, scheme.failureStatus) };
}
