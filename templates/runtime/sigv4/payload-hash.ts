/**
 * The HashedPayload line: lower-case hex SHA-256 of the body bytes as sent, or `UNSIGNED-PAYLOAD` when the
 * scheme does not cover the body (AWS IAM User Guide, "Create a canonical request"; S3 "Signature
 * Calculations for the Authorization Header"). A streamed body is digested chunk by chunk, so memory stays bounded.
 */
import { isStreamedBody, streamedBodyDigest } from "../body-hash.js";
import type { CryptoProvider } from "../crypto-provider.js";
import { encodedDigest } from "../encoded-crypto.js";
import { toHex } from "../encoding.js";
import type { MaybePromise } from "../maybe-promise.js";
import type { AwsSigV4Scheme, RequestDescription, StreamedBody } from "../types.js";
import { EMPTY_SHA256, UNSIGNED_PAYLOAD } from "./constants.js";

export function bodySha256(body: RequestDescription["body"], crypto: CryptoProvider): MaybePromise<string> {
  if (body === undefined) return EMPTY_SHA256;
  if (isStreamedBody(body)) return body.size === 0 ? EMPTY_SHA256 : streamSha256(body, crypto);
  return body.length === 0 ? EMPTY_SHA256 : encodedDigest(crypto, "sha256", body, "hex");
}

async function streamSha256(body: StreamedBody, crypto: CryptoProvider): Promise<string> {
  return toHex(await streamedBodyDigest(crypto, "sha256", body));
}

/** What the signer puts in the canonical request (and in x-amz-content-sha256 when it sends that header). */
export function payloadHash(
  scheme: AwsSigV4Scheme,
  body: RequestDescription["body"],
  crypto: CryptoProvider,
): MaybePromise<string> {
  return scheme.payload === "unsigned" ? UNSIGNED_PAYLOAD : bodySha256(body, crypto);
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isPayloadHashValue(value: string): boolean {
  return value === UNSIGNED_PAYLOAD || SHA256_HEX.test(value);
}
