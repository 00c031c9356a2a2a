/**
 * The fixed strings of AWS Signature Version 4, in one place (as smithy's signature-v4 keeps them in
 * constants.ts). Source: AWS IAM User Guide, "Create a signed AWS API request" and "Authentication
 * methods" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html).
 */

/** The only SigV4 algorithm with a shared secret; SigV4a (AWS4-ECDSA-P256-SHA256) is asymmetric. */
export const ALGORITHM = "AWS4-HMAC-SHA256";
/** The last element of every credential scope. */
export const SCOPE_TERMINATOR = "aws4_request";
/** The payload hash of a request whose body is not covered (S3, presigned URLs). */
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
/** SHA-256 of the empty string, the payload hash of every request without a body. */
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/**
 * A presigned URL may live at most seven days (X-Amz-Expires, AWS S3 "Authenticating Requests: Using Query
 * Parameters").
 */
export const MAX_PRESIGNED_SECONDS = 604_800;

/** Header names, lower case as they appear in the canonical request. */
export const HEADER = {
  authorization: "authorization",
  date: "x-amz-date",
  contentSha256: "x-amz-content-sha256",
  securityToken: "x-amz-security-token",
  host: "host",
} as const;

/** Header names as the signer sends them (AWS documentation spelling). */
export const SENT_HEADER = {
  authorization: "Authorization",
  date: "X-Amz-Date",
  contentSha256: "x-amz-content-sha256",
  securityToken: "X-Amz-Security-Token",
} as const;

/** Query parameters of a presigned URL. */
export const QUERY = {
  algorithm: "X-Amz-Algorithm",
  credential: "X-Amz-Credential",
  date: "X-Amz-Date",
  expires: "X-Amz-Expires",
  securityToken: "X-Amz-Security-Token",
  signedHeaders: "X-Amz-SignedHeaders",
  signature: "X-Amz-Signature",
} as const;

/** RFC 3986 §2.3 unreserved characters besides ALPHA and DIGIT: the only ones SigV4 leaves bare. */
export const UNRESERVED = "-_.~";
