/** Base64 signatures under the nextcloud-drf-base64 preset: compared case-sensitively, decoded strictly (RFC 4648 §4). */
import { describe, expect, it } from "vitest";
import { fromBase64 } from "../encoding.js";
import { type Fixture, failure, fixture, NONCE, withHeaders } from "./presets.test-support.js";

const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

describe("verifyRequest: nextcloud-drf-base64", () => {
  it("base64 is case-sensitive: an upper-cased signature is never normalised -> bad_signature", async () => {
    // A nonce for which the upper-cased signature is still canonical base64, so only the comparison can fail.
    let f: Fixture | undefined;
    for (let i = 0; i < 50 && !f; i++) {
      const candidate = await fixture("nextcloud-drf-base64", {
        nonce: NONCE.slice(0, -2) + i.toString(16).padStart(2, "0"),
      });
      if (fromBase64(candidate.signature.toUpperCase()) && candidate.signature.toUpperCase() !== candidate.signature)
        f = candidate;
    }
    if (!f) throw new Error("no suitable fixture");
    expect(await f.verify()).toMatchObject({ ok: true });
    expect(await f.verify(withHeaders(f.request, { "X-Signature": f.signature.toUpperCase() }))).toMatchObject(
      failure("bad_signature"),
    );
  });

  it("malformed base64 -> malformed_signature", async () => {
    const f = await fixture("nextcloud-drf-base64");
    expect(f.signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    // 32 bytes leave two zero bits in the last character; setting one of them is non-canonical.
    const last = BASE64_ALPHABET.indexOf(f.signature.charAt(42));
    const nonCanonical = `${f.signature.slice(0, 42)}${BASE64_ALPHABET.charAt(last ^ 1)}=`;
    for (const bad of [
      f.signature.slice(0, -1), // padding stripped
      `${f.signature}=`,
      `-${f.signature.slice(1)}`, // base64url alphabet
      `${f.signature.slice(0, 20)} ${f.signature.slice(20)}`,
      ` ${f.signature.slice(1)}`,
      nonCanonical,
    ]) {
      expect(await f.verify(withHeaders(f.request, { "X-Signature": bad })), bad).toMatchObject(
        failure("malformed_signature"),
      );
    }
  });
});
