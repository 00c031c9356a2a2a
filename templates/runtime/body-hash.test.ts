/**
 * The signed body chosen by method (the nextcloud-drf presets): "for `GET`, hash the empty body" (TokenSigner) and "for
 * `GET`, hash empty bytes" (DRF), whatever body arrives; every other method, and every scheme without
 * body.emptyFor, hashes the bytes as sent. The verifier refuses such an unsigned body unless told to pass it.
 */
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { presetScheme } from "../../test/support/preset-scheme.js";
import { bodySize } from "./body-hash.js";
import { nodeCryptoProvider } from "./crypto-provider.js";
import { signRequest } from "./sign.js";
import { signedBody, signsBodyAsEmpty } from "./template/signed-body.js";
import type { BodyRule, HmacScheme, StreamedBody } from "./types.js";
import { verifyRequest } from "./verify.js";

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const NONCE = "0123456789abcdef0123456789abcdef";
const BODY = new TextEncoder().encode('{"city":"Zürich"}');
const crypto = nodeCryptoProvider();
const nextcloud = presetScheme("nextcloud-drf");
const rule = (emptyFor: string[]): BodyRule => ({ ...nextcloud.body, emptyFor });

/** A stream that fails the test if it is ever opened. */
const unopenedStream: StreamedBody = {
  size: BODY.length,
  stream() {
    throw new Error("a GET body signed as empty must not be read");
  },
};

describe("signsBodyAsEmpty", () => {
  it.each([
    { emptyFor: ["GET"], method: "GET", expected: true },
    { emptyFor: ["GET"], method: "get", expected: true },
    { emptyFor: ["GET"], method: "POST", expected: false },
    { emptyFor: ["GET"], method: "HEAD", expected: false },
    { emptyFor: [], method: "GET", expected: false },
  ])("$method with emptyFor $emptyFor: $expected", ({ emptyFor, method, expected }) => {
    expect(signsBodyAsEmpty(rule(emptyFor), method)).toBe(expected);
  });

  it("the nextcloud-drf presets declare GET; the other presets declare nothing", () => {
    expect(presetScheme("nextcloud-drf").body.emptyFor).toEqual(["GET"]);
    expect(presetScheme("nextcloud-drf-base64").body.emptyFor).toEqual(["GET"]);
    for (const preset of ["django-hmac-authentication", "django-api-key", "django-api-signing"] as const)
      expect(presetScheme(preset).body.emptyFor, preset).toEqual([]);
  });
});

describe("signedBody by method", () => {
  it("a GET body is hashed as empty bytes, given whole or as a stream (which is never opened)", async () => {
    expect(await signedBody(nextcloud, { method: "GET", body: BODY }, "sha256", crypto)).toEqual({
      bytes: new Uint8Array(0),
      hash: EMPTY_SHA256,
    });
    expect(await signedBody(nextcloud, { method: "get", body: unopenedStream }, "sha256", crypto)).toEqual({
      bytes: new Uint8Array(0),
      hash: EMPTY_SHA256,
    });
  });

  it("a POST body, and a GET body under a scheme without emptyFor, is hashed as sent", async () => {
    const sha = createHash("sha256").update(BODY).digest("hex");
    expect((await signedBody(nextcloud, { method: "POST", body: BODY }, "sha256", crypto)).hash).toBe(sha);
    const hashesGet: HmacScheme = { ...nextcloud, body: rule([]) };
    expect((await signedBody(hashesGet, { method: "GET", body: BODY }, "sha256", crypto)).hash).toBe(sha);
  });

  it("a `body` component (django-api-key's layout) signs no bytes for a method under emptyFor", async () => {
    const bytesScheme: HmacScheme = {
      ...presetScheme("django-api-key"),
      body: { ...presetScheme("django-api-key").body, emptyFor: ["GET"] },
    };
    expect((await signedBody(bytesScheme, { method: "GET", body: BODY }, "sha256", crypto)).bytes).toEqual(
      new Uint8Array(0),
    );
    expect((await signedBody(bytesScheme, { method: "PUT", body: BODY }, "sha256", crypto)).bytes).toEqual(BODY);
  });

  it("bodySize counts bytes and streams, 0 for none", () => {
    expect(bodySize(undefined)).toBe(0);
    expect(bodySize(BODY)).toBe(BODY.length);
    expect(bodySize(unopenedStream)).toBe(BODY.length);
  });
});

describe("a GET with a body, signed as Nextcloud's TokenSigner signs it (known answer)", () => {
  const url = "/api/v1/integrations/nextcloud/ping/?b=2&a=1";
  const timestamp = String(Math.floor(TEST_NOW_MS / 1000));
  // TokenSigner::buildCanonicalString written out by hand, HMAC by node:crypto, not our core.
  const canonical = ["GET", "/api/v1/integrations/nextcloud/ping/", "a=1&b=2", timestamp, NONCE, EMPTY_SHA256].join(
    "\n",
  );
  const expected = createHmac("sha256", Buffer.from(TEST_SECRETS.base64, "base64")).update(canonical).digest("hex");
  const sign = (body: Uint8Array | undefined) =>
    signRequest(
      nextcloud,
      { method: "GET", url, body },
      { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 },
      { now: () => TEST_NOW_MS, nonce: () => NONCE },
    );
  const verify = (headers: Record<string, string>, body: Uint8Array | undefined, unsignedBody?: "refuse" | "pass") =>
    verifyRequest(
      nextcloud,
      { method: "GET", url, headers, body },
      { resolveKey: () => TEST_SECRETS.base64, now: () => TEST_NOW_MS, unsignedBody },
    );

  it("the client signs it with the hash of empty bytes, as with no body", async () => {
    for (const body of [BODY, undefined]) {
      const signed = await sign(body);
      expect(signed.stringToSign.text).toBe(canonical);
      expect(signed.signature).toBe(expected);
    }
  });

  it("the verifier refuses the unsigned body (400 unsigned_body) unless the server passes it", async () => {
    const { headers } = await sign(BODY);
    expect(await verify(headers, BODY)).toEqual({
      ok: false,
      scheme: nextcloud.name,
      reason: "unsigned_body",
      status: 400,
    });
    expect(await verify(headers, BODY, "refuse")).toMatchObject({ ok: false, reason: "unsigned_body" });
    expect(await verify(headers, BODY, "pass")).toMatchObject({ ok: true });
    expect(await verify(headers, new TextEncoder().encode("any other body"), "pass")).toMatchObject({ ok: true });
    expect(await verify(headers, undefined)).toMatchObject({ ok: true });
    expect(await verify(headers, new Uint8Array(0))).toMatchObject({ ok: true });
  });

  it("a POST body stays signed: the refusal is for the declared methods only", async () => {
    const signed = await signRequest(
      nextcloud,
      { method: "POST", url, body: BODY },
      { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 },
      { now: () => TEST_NOW_MS, nonce: () => NONCE },
    );
    const result = await verifyRequest(
      nextcloud,
      { method: "POST", url, headers: signed.headers, body: BODY },
      { resolveKey: () => TEST_SECRETS.base64, now: () => TEST_NOW_MS },
    );
    expect(result).toMatchObject({ ok: true });
  });
});
