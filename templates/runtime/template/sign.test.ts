/** signRequest and verifyRequest agree outside the presets (a query-carried signature), and signRequest refuses key ids no verifier accepts. */
import { describe, expect, it } from "vitest";
import type { PresetName } from "../../../src/scheme/profiles/template/presets.js";
import { resolveScheme } from "../../../src/scheme/resolve.js";
import { presetScheme } from "../../../test/support/preset-scheme.js";
import { SigningError, signRequest } from "../sign.js";
import { verifyRequest } from "../verify.js";
import { NONCE, NOW, SECRETS } from "./presets.test-support.js";

describe("sign/verify agreement outside the presets", () => {
  it("signature in the query, as-sent query: a URL whose query ends in '&' verifies", async () => {
    // The signer signs `a=1&` and appends `&sig=...`; the verifier removes the sig pair and gets `a=1&` back.
    const resolved = resolveScheme({}, { name: "q", pointer: "#", type: "apiKey", in: "query", parameterName: "sig" });
    if (!resolved.scheme) throw new Error("unreachable");
    const signed = await signRequest(
      resolved.scheme,
      { method: "GET", url: "/x?a=1&" },
      { keyId: "k", secret: "s" },
      {
        now: () => NOW,
        nonce: () => NONCE,
      },
    );
    expect(signed.url).toMatch(/^\/x\?a=1&&sig=/);
    const request = { method: "GET", url: signed.url, headers: signed.headers };
    expect(await verifyRequest(resolved.scheme, request, { resolveKey: () => "s", now: () => NOW })).toMatchObject({
      ok: true,
    });
  });

  it("regression: a parameter appended to a query that ends in '?' is glued onto the last value", async () => {
    // appendQueryParam adds no separator when the URL ends in "?", even when that "?" is inside the
    // query (`next=/y?`): the signed URL is /x?next=/y?sig=..., which carries no sig parameter.
    const resolved = resolveScheme({}, { name: "q", pointer: "#", type: "apiKey", in: "query", parameterName: "sig" });
    if (!resolved.scheme) throw new Error("unreachable");
    const signed = await signRequest(
      resolved.scheme,
      { method: "GET", url: "/x?next=/y?" },
      { keyId: "k", secret: "s" },
      {
        now: () => NOW,
        nonce: () => NONCE,
      },
    );
    const request = { method: "GET", url: signed.url, headers: signed.headers };
    expect(await verifyRequest(resolved.scheme, request, { resolveKey: () => "s", now: () => NOW })).toMatchObject({
      ok: true,
    });
  });

  it("regression: signRequest accepts key ids that verifyRequest always rejects", async () => {
    // "client 1" -> malformed_header; "a;b" under django-hmac-authentication -> malformed_timestamp.
    await expect(fixtureWithKeyId("nextcloud-drf", "client 1")).rejects.toThrow(SigningError);
    await expect(fixtureWithKeyId("django-hmac-authentication", "a;b")).rejects.toThrow(SigningError);
  });

  it("signRequest refuses a key id with a space, or one holding the template's separator", async () => {
    await expect(fixtureWithKeyId("nextcloud-drf", "client 1")).rejects.toThrow(SigningError);
    await expect(fixtureWithKeyId("django-hmac-authentication", "a;b")).rejects.toThrow(/separators/);
  });
});

async function fixtureWithKeyId(preset: PresetName, keyId: string) {
  const s = presetScheme(preset);
  const secret = SECRETS[s.secretEncoding];
  const signed = await signRequest(
    s,
    { method: "GET", url: "/x" },
    { keyId, secret },
    { now: () => NOW, nonce: () => NONCE },
  );
  const request = { method: "GET", url: signed.url, headers: signed.headers };
  return { verify: () => verifyRequest(s, request, { resolveKey: () => secret, now: () => NOW }) };
}
