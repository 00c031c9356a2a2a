/** RFC 9421 Appendix B.2.5, byte for byte: signing with hmac-sha256, and verifying the RFC's own signature. */
import { describe, expect, it } from "vitest";
import {
  B25_SCHEME,
  B25_SIGNATURE,
  B25_SIGNATURE_BASE,
  B25_SIGNATURE_INPUT,
  TEST_CREATED,
  TEST_REQUEST,
  TEST_SHARED_SECRET,
} from "../../../test/support/rfc9421-examples.js";
import { signRequest } from "../sign.js";
import { verifyRequest } from "../verify.js";

const credentials = { keyId: "test-shared-secret", secret: TEST_SHARED_SECRET };

describe("RFC 9421 Appendix B.2.5 (hmac-sha256)", () => {
  it("reproduces the signature base, Signature-Input and Signature", async () => {
    const signed = await signRequest(B25_SCHEME, TEST_REQUEST, credentials, { timestamp: String(TEST_CREATED) });
    expect(signed.stringToSign.text).toBe(B25_SIGNATURE_BASE);
    expect(signed.headers).toEqual({ "Signature-Input": B25_SIGNATURE_INPUT, Signature: B25_SIGNATURE });
    expect(signed.signature).toBe("pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=");
    expect(signed.timestamp).toBe(String(TEST_CREATED));
  });

  it("the clock gives the same answer as an explicit created", async () => {
    const signed = await signRequest(B25_SCHEME, TEST_REQUEST, credentials, { now: () => TEST_CREATED * 1000 + 999 });
    expect(signed.headers.Signature).toBe(B25_SIGNATURE);
  });

  it("verifies the RFC's signature, and refuses it with one byte of a covered field changed", async () => {
    const headers = [
      ...(TEST_REQUEST.headers as Array<[string, string]>),
      ["Signature-Input", B25_SIGNATURE_INPUT] as [string, string],
    ];
    const options = {
      resolveKey: (keyId: string | undefined) => (keyId === "test-shared-secret" ? TEST_SHARED_SECRET : undefined),
      now: () => TEST_CREATED * 1000 + 5_000,
    };
    const good = await verifyRequest(
      B25_SCHEME,
      { ...TEST_REQUEST, headers: [...headers, ["Signature", B25_SIGNATURE]] },
      options,
    );
    expect(good).toEqual({ ok: true, scheme: "sigB25", keyId: "test-shared-secret", algorithm: "sha256" });

    const tampered = headers.map(([name, value]): [string, string] => [
      name,
      name === "Content-Type" ? "application/jsoN" : value,
    ]);
    const bad = await verifyRequest(
      B25_SCHEME,
      { ...TEST_REQUEST, headers: [...tampered, ["Signature", B25_SIGNATURE]] },
      options,
    );
    expect(bad).toMatchObject({ ok: false, reason: "bad_signature", status: 401 });
  });
});
