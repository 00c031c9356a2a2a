/**
 * `profile: aws-sigv4`: AWS Signature Version 4 (HMAC-SHA256 with a derived signing key), one concept per
 * file after smithy's signature-v4. signSigV4 and verifySigV4 are what signRequest / verifyRequest call.
 */
export { formatAmzDate, parseAmzDate } from "./amz-date.js";
export { formatAuthorization, parseAuthorization } from "./authorization-header.js";
export { canonicalHeaders, groupHeaders } from "./canonical-headers.js";
export { canonicalQuery as sigV4CanonicalQuery } from "./canonical-query.js";
export { canonicalRequest } from "./canonical-request.js";
export { canonicalUri } from "./canonical-uri.js";
export { ALGORITHM as SIGV4_ALGORITHM, UNSIGNED_PAYLOAD } from "./constants.js";
export { parsePresigned } from "./presign.js";
export { presignSigV4, signSigV4 } from "./sign.js";
export { clearSigningKeyCache, signingKey } from "./signing-key.js";
export { credentialScope, stringToSign as sigV4StringToSign } from "./string-to-sign.js";
export { verifySigV4 } from "./verify.js";
