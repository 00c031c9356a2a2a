/**
 * Every default of `profile: aws-sigv4` in one place (STYLE 9), with the per-service differences AWS
 * documents. IAM User Guide, "Create a canonical request": every service normalises the path and encodes
 * it twice, "except for Amazon S3"; S3 also requires x-amz-content-sha256 on every request (S3 API
 * Reference, "Common Request Headers").
 */

export const AWS_SIGV4_DEFAULTS = {
  payload: "signed",
  contentSha256Header: false,
  location: "header",
  /** The AWS SDKs' default for presigned URLs is 900 s (15 minutes); the maximum is 7 days. */
  expiresIn: 900,
  signedHeaders: ["content-type"],
  normalizePath: true,
  doubleEncodePath: true,
  /** AWS refuses a request more than 15 minutes off its clock (RequestTimeTooSkewed). */
  tolerance: { past: 900, future: 900 },
  failureStatus: 401,
} as const;

export type ServiceDefaults = Partial<{
  normalizePath: boolean;
  doubleEncodePath: boolean;
  contentSha256Header: boolean;
}>;

/** S3 and its variants (s3-outposts, s3-object-lambda, S3 Express) keep the path as the object key. */
const SERVICE_DEFAULTS: Record<string, ServiceDefaults> = {
  s3: { normalizePath: false, doubleEncodePath: false, contentSha256Header: true },
  "s3-outposts": { normalizePath: false, doubleEncodePath: false, contentSha256Header: true },
  "s3-object-lambda": { normalizePath: false, doubleEncodePath: false, contentSha256Header: true },
  s3express: { normalizePath: false, doubleEncodePath: false, contentSha256Header: true },
};

export function serviceDefaults(service: string): ServiceDefaults {
  return SERVICE_DEFAULTS[service] ?? {};
}
