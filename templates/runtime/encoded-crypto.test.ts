/**
 * The native path (node:crypto encodes text in and hex/base64 out) and the portable path (TextEncoder,
 * Web Crypto, encoding.ts) must give the same text for every algorithm, encoding and input, or a Node
 * signer and a browser verifier would disagree.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nodeCryptoProvider, webCryptoProvider } from "./crypto-provider.js";
import { encodedDigest, encodedHmac } from "./encoded-crypto.js";
import { encodeDigest } from "./encoding.js";
import type { DigestEncoding, HashAlgorithm } from "./types.js";

const ALGORITHMS: HashAlgorithm[] = ["sha1", "sha256", "sha384", "sha512"];
const ENCODINGS: DigestEncoding[] = ["hex", "HEX", "base64", "base64url"];

describe("encoded HMACs and digests", () => {
  it("the node:crypto provider encodes natively", () => {
    const node = nodeCryptoProvider();
    expect(node.hmacEncoded).toBeTypeOf("function");
    expect(node.digestEncoded).toBeTypeOf("function");
    expect(webCryptoProvider().hmacEncoded).toBeUndefined();
  });

  it("native and portable paths agree, over bytes and over text (UTF-8, astral characters too)", async () => {
    const node = nodeCryptoProvider();
    const web = webCryptoProvider();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ALGORITHMS),
        fc.constantFrom(...ENCODINGS),
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.oneof(fc.string({ unit: "grapheme", maxLength: 200 }), fc.uint8Array({ maxLength: 300 })),
        async (algorithm, encoding, key, data) => {
          const portableHmac = await encodedHmac(web, algorithm, key, data, encoding);
          expect(await encodedHmac(node, algorithm, key, data, encoding)).toBe(portableHmac);
          const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
          expect(portableHmac).toBe(encodeDigest(await web.hmac(algorithm, key, bytes), encoding));
          expect(await encodedDigest(node, algorithm, data, encoding)).toBe(
            await encodedDigest(web, algorithm, data, encoding),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("HEX is upper case and base64url unpadded on both paths", async () => {
    const key = new Uint8Array([1, 2, 3]);
    for (const provider of [nodeCryptoProvider(), webCryptoProvider()]) {
      expect(await encodedHmac(provider, "sha256", key, "x", "HEX")).toMatch(/^[0-9A-F]{64}$/);
      expect(await encodedDigest(provider, "sha1", "x", "base64url")).toMatch(/^[A-Za-z0-9_-]{27}$/);
    }
  });
});
