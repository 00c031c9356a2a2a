/**
 * Content-Digest (RFC 9530 §2): a Dictionary of algorithm -> byte sequence over the message content, e.g.
 * `sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:`. Covering the `content-digest` field in a
 * signature (RFC 9421 §7.2.8) is how the body is signed: the digest is over the exact bytes sent, hashed
 * as a stream for a Blob-like body so memory stays bounded.
 */
import { isStreamedBody, streamedBodyDigest } from "../body-hash.js";
import { constantTimeEqual } from "../constant-time.js";
import type { CryptoProvider } from "../crypto-provider.js";
import { toBase64 } from "../encoding.js";
import type { RequestDescription, Rfc9421Scheme } from "../types.js";
import { parseDictionary, serializeDictionary } from "./structured-fields.js";

export type ContentDigestAlgorithm = Rfc9421Scheme["contentDigest"];

const HASHES = { "sha-256": "sha256", "sha-512": "sha512" } as const;

/** The digest of the body's bytes (an absent body is the empty content). */
export async function contentDigestBytes(
  algorithm: ContentDigestAlgorithm,
  body: RequestDescription["body"],
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  const hash = HASHES[algorithm];
  if (body === undefined) return crypto.digest(hash, new Uint8Array(0));
  if (!isStreamedBody(body)) return crypto.digest(hash, body);
  return streamedBodyDigest(crypto, hash, body);
}

/** The Content-Digest field value the signer sends. */
export async function contentDigestHeader(
  algorithm: ContentDigestAlgorithm,
  body: RequestDescription["body"],
  crypto: CryptoProvider,
): Promise<string> {
  const digest = await contentDigestBytes(algorithm, body, crypto);
  return serializeDictionary([[algorithm, { kind: "item", value: { type: "binary", value: digest }, params: [] }]]);
}

/**
 * Whether a received Content-Digest field holds the right digest for `algorithm`. Other algorithms in the
 * field are ignored (RFC 9530 §2 lets a sender list several); a malformed field or a missing entry fails.
 */
export async function contentDigestMatches(
  algorithm: ContentDigestAlgorithm,
  field: string,
  body: RequestDescription["body"],
  crypto: CryptoProvider,
): Promise<boolean> {
  const dictionary = parseDictionary(field);
  const member = dictionary?.find(([key]) => key === algorithm)?.[1];
  if (member?.kind !== "item" || member.value.type !== "binary") return false;
  const expected = toBase64(await contentDigestBytes(algorithm, body, crypto));
  return constantTimeEqual(expected, toBase64(member.value.value));
}
