/** The django-api-key and django-api-signing presets, and key rotation (every secret resolveKey returns is tried). */
import { describe, expect, it } from "vitest";
import { utf8 } from "../encoding.js";
import type { Secret } from "../verify.js";
import { failure, fixture, KEY_ID, withHeaders } from "./presets.test-support.js";

describe("verifyRequest: django-api-key and django-api-signing", () => {
  it("django-api-key covers the API key; django-api-signing needs its Signature header", async () => {
    const apiKey = await fixture("django-api-key", { body: "{}" });
    expect(await apiKey.verify()).toMatchObject({ ok: true, keyId: KEY_ID });
    expect(await apiKey.verify(withHeaders(apiKey.request, { "X-API-Key": "client-2" }))).toMatchObject(
      failure("bad_signature"),
    );
    const signing = await fixture("django-api-signing", { body: "{}" });
    expect(Object.keys(signing.request.headers).sort()).toEqual(["Content-Type", "Signature"]);
    expect(await signing.verify()).toEqual({
      ok: true,
      scheme: "django-api-signing",
      keyId: undefined,
      algorithm: "sha256",
    });
    expect(await signing.verify(withHeaders(signing.request, { Signature: undefined }))).toMatchObject(
      failure("missing_credentials"),
    );
  });

  it("rotation: every secret resolveKey returns is tried", async () => {
    const f = await fixture("django-api-key");
    const rotated: Secret[] = ["an older secret", f.secret];
    expect(await f.verify(f.request, { resolveKey: () => rotated })).toMatchObject({ ok: true });
    expect(await f.verify(f.request, { resolveKey: () => [utf8(f.secret)] })).toMatchObject({ ok: true });
    expect(await f.verify(f.request, { resolveKey: () => ["an older secret"] })).toMatchObject(
      failure("bad_signature"),
    );
  });
});
