/**
 * The `awsSigV4` block of x-hmac (`profile: aws-sigv4`): AWS Signature Version 4. Every knob is optional;
 * defaults, including the per-service ones (S3), live in defaults.ts beside it.
 */
import { bool, int, obj, oneOfValues, type Rule, str } from "../../rules.js";

/** Region and service names as they appear in a credential scope (us-east-1, execute-api, s3). */
const SCOPE_PART = "^[a-z0-9-]{1,64}$";
const TOKEN = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";

export const AWS_SIGV4_RULE: Rule = obj(
  {
    region: str({ pattern: SCOPE_PART, description: "The signing region, e.g. us-east-1. Default: from the spec's servers." }),
    service: str({
      pattern: SCOPE_PART,
      description: "The signing name, e.g. execute-api or s3. Default: info.x-aws-signingName or the servers' host.",
    }),
    payload: oneOfValues(["signed", "unsigned"], "Cover the body (its SHA-256), or send UNSIGNED-PAYLOAD. Default: signed."),
    contentSha256Header: bool("Send and sign x-amz-content-sha256 (S3 requires it). Default: true for s3, else false."),
    location: oneOfValues(["header", "query"], "The Authorization header, or a presigned URL (X-Amz-* query parameters)."),
    expiresIn: int({ minimum: 1, maximum: 604_800, description: "Seconds a presigned URL stays valid (X-Amz-Expires). Default: 900." }),
    signedHeaders: {
      type: "array",
      items: str({ pattern: TOKEN, description: "An HTTP header name (RFC 9110 token)." }),
      description: "Headers signed when present, besides host and x-amz-*. Default: [content-type].",
    },
    normalizePath: bool("Remove dot segments and empty segments before signing. Default: true, false for s3."),
    doubleEncodePath: bool("URI-encode the sent path again. Default: true, false for s3 (decoded and encoded once)."),
    tolerance: obj({
      past: int({ minimum: 0, maximum: 86_400, description: "Seconds X-Amz-Date may be behind the verifier's clock. Default: 900." }),
      future: int({ minimum: 0, maximum: 86_400, description: "Seconds X-Amz-Date may be ahead. Default: 900." }),
    }),
  },
  { description: "AWS Signature Version 4 (profile: aws-sigv4)." },
);
