/**
 * Every default of `profile: rfc9421`, in one place (STYLE 9). Without a `rfc9421` block a scheme covers
 * what a verifier can check on any server: method, authority, path, query and the body (through
 * Content-Digest), with created (freshness), a nonce (replay) and the key id.
 */
export const RFC9421_DEFAULTS = {
  label: "sig1",
  components: ["@method", "@authority", "@path", "@query", "content-digest"],
  parameters: ["created", "nonce", "keyid"],
  expiresIn: 300,
  contentDigest: "sha-256",
  tolerance: { past: 300, future: 300 },
  nonce: { bytes: 16, encoding: "hex" },
  /** RFC 9421 §4: the fields that carry the signature. The OpenAPI apiKey must name Signature. */
  signatureField: "Signature",
} as const;
