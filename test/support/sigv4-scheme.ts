/** A resolved aws-sigv4 scheme for core tests: API Gateway defaults (normalised, double-encoded path). */
import type { AwsSigV4Scheme } from "../../templates/runtime/types.js";

export function sigV4Scheme(overrides: Partial<AwsSigV4Scheme> = {}): AwsSigV4Scheme {
  return {
    profile: "aws-sigv4",
    name: "aws",
    algorithm: "sha256",
    secretEncoding: "utf8",
    region: "us-east-1",
    service: "execute-api",
    normalizePath: true,
    doubleEncodePath: true,
    payload: "signed",
    contentSha256Header: false,
    location: "header",
    expiresInSeconds: 900,
    signedHeaders: [],
    pastSeconds: 900,
    futureSeconds: 900,
    failureStatus: 401,
    ...overrides,
  };
}
