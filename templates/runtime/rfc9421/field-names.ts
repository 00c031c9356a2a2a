/** The HTTP fields of this profile, spelt as RFC 9421 §4 and RFC 9530 §2 register them. */
export const FIELD_NAMES = {
  signatureInput: "Signature-Input",
  signature: "Signature",
  contentDigest: "Content-Digest",
} as const;
