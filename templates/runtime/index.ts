/**
 * The signing core: one implementation of every canonicalisation, signing and verification rule,
 * copied verbatim into generated output, so client, servers and mocks cannot disagree. No dependencies;
 * Node 20+ and browsers. The profiles' own building blocks are exported from their folders (template/index.ts,
 * rfc9421/index.ts, sigv4/index.ts), which an output holds only when one of its schemes uses that profile.
 */

export { bodySize, chunksOf, readAll } from "./body-hash.js";
export { canonicalQuery } from "./canonical-query.js";
export { constantTimeEqual } from "./constant-time.js";
// Runtime services
export { type CryptoProvider, type NativeEncoding, nodeCryptoProvider, webCryptoProvider } from "./crypto-provider.js";
export { defaultCryptoProvider } from "./default-crypto.js";
export {
  concatBytes,
  decodeDigest,
  decodeSecret,
  encodeDigest,
  fromBase64,
  toBase64,
  toHex,
  utf8,
} from "./encoding.js";
export { type HeaderMap, headerMap } from "./headers.js";
export { generateNonce } from "./nonce.js";
/** aws-sigv4: a presigned URL (X-Amz-* query parameters) whatever the scheme's location, for links. */
export { presignSigV4 } from "./profiles.js";
export { REASONS, type ReasonCode, reasonStatus } from "./reasons.js";
export {
  MemoryReplayStore,
  type MemoryReplayStoreOptions,
  type ReplayStore,
  ReplayStoreUnavailableError,
} from "./replay-store.js";
export { appendQueryParam, queryParamValues, splitRequestTarget } from "./request-target.js";
export { coversBody, requiresKeyId } from "./scheme-traits.js";
// Signing and verification
export { type Credentials, type SignedRequest, SigningError, type SignOptions, signRequest } from "./sign.js";
export type { StringToSign, StringToSignPart } from "./string-to-sign.js";
// Scheme and request model
export type {
  AwsSigV4Scheme,
  BodyRule,
  Carrier,
  Component,
  DigestEncoding,
  HashAlgorithm,
  HmacScheme,
  NonceRule,
  QueryRule,
  RequestDescription,
  Rfc9421Component,
  Rfc9421Parameter,
  Rfc9421Scheme,
  SecretEncoding,
  SignatureRule,
  SigningScheme,
  StreamedBody,
  TimestampFormat,
  TimestampRule,
  WebhookPreset,
  WebhookScheme,
} from "./types.js";
export {
  KeyConfigurationError,
  type KeyResolver,
  type Secret,
  type VerifyOptions,
  type VerifyResult,
  verifyRequest,
} from "./verify.js";
