/**
 * `profile: rfc9421`: HTTP Message Signatures (RFC 9421) with hmac-sha256 (§3.3.3), the body covered
 * through Content-Digest (RFC 9530). One concept per file: structured-fields (RFC 8941), components
 * (§2.1-2.2), signature-params (§2.3), signature-base (§2.5), content-digest, sign (§3.1), verify (§3.2).
 */
export { componentFromItem, componentValue, DERIVED_COMPONENTS, serializeComponentId } from "./components.js";
export { contentDigestHeader, contentDigestMatches } from "./content-digest.js";
export { FIELD_NAMES } from "./field-names.js";
export { signRfc9421 } from "./sign.js";
export { buildSignatureBase, type SignatureBase, signatureParamsValue } from "./signature-base.js";
export { HMAC_SHA256 } from "./signature-params.js";
export {
  type BareItem,
  type Dictionary,
  type InnerList,
  type Item,
  type Member,
  type Parameters,
  parseDictionary,
  parseItem,
  serializeDictionary,
  serializeInnerList,
  serializeItem,
} from "./structured-fields.js";
export { verifyRfc9421 } from "./verify.js";
