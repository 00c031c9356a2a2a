/**
 * The openapi-fetch signing middleware: which operations it signs and with which alternative, the options
 * it refuses at construction, and requests whose signature verifies with the same core a server runs.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { presetScheme } from "../../test/support/preset-scheme.js";
import { type HmacScheme, SigningError, signRequest } from "../runtime/index.js";
import { MissingCredentialsError } from "./security.js";
import { SignableRequest } from "./signable-request.js";
import {
  BASE,
  described,
  headerPairs,
  hmac,
  hmacCredentials,
  NONCE,
  options,
  sign,
  text,
  verify,
} from "./signing.test-support.js";
import { createSigningMiddleware } from "./signing-middleware.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("signing middleware", () => {
  it("a public operation passes untouched", async () => {
    const middleware = createSigningMiddleware(options());
    const request = new SignableRequest(`${BASE}/public`, { headers: { "x-trace": "1" } });
    expect(await middleware.onRequest({ request, schemaPath: "/public" })).toBeUndefined();
    expect(headerPairs(request.headers)).toEqual([["x-trace", "1"]]);
  });

  it("an operation with an empty alternative passes untouched when no credentials are given", async () => {
    const middleware = createSigningMiddleware(options({ credentials: {} }));
    const request = new Request(`${BASE}/optional`);
    expect(await middleware.onRequest({ request, schemaPath: "/optional" })).toBeUndefined();
  });

  it("an operation whose credentials are missing fails before reading anything", async () => {
    const middleware = createSigningMiddleware(options({ credentials: {} }));
    const clone = vi.spyOn(Request.prototype, "clone");
    const request = new Request(`${BASE}/items`, { method: "POST", body: '{"a":1}' });
    await expect(middleware.onRequest({ request, schemaPath: "/items" })).rejects.toThrow(
      new MissingCredentialsError("POST /items", [["hmac"]], () => false),
    );
    expect(clone).not.toHaveBeenCalled();
    expect(request.bodyUsed).toBe(false);
    expect(request.headers.get("x-signature")).toBeNull();
  });

  it("rejects a secret that is not valid in the scheme's encoding at construction, without echoing it", () => {
    const secret = "not*base64*secret-value";
    const create = () => createSigningMiddleware(options({ credentials: { hmac: { keyId: TEST_KEY_ID, secret } } }));
    expect(create).toThrow(SigningError);
    expect(create).toThrow("credentials.hmac.secret must be a base64 string or key bytes");
    try {
      create();
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });

  it("rejects a secret that is neither text nor bytes at construction", () => {
    expect(() =>
      createSigningMiddleware(options({ credentials: { hmac: { keyId: TEST_KEY_ID, secret: 42 } } })),
    ).toThrow(SigningError);
    expect(() => createSigningMiddleware(options({ credentials: { hmac: { keyId: TEST_KEY_ID } } }))).toThrow(
      SigningError,
    );
  });

  it("rejects a missing keyId at construction, without echoing the secret", () => {
    const create = () => createSigningMiddleware(options({ credentials: { hmac: { secret: TEST_SECRETS.base64 } } }));
    expect(create).toThrow(SigningError);
    expect(create).toThrow('credentials.hmac.keyId is required: scheme "hmac" sends a key id');
    try {
      create();
    } catch (error) {
      expect((error as Error).message).not.toContain(TEST_SECRETS.base64);
    }
  });

  it("accepts raw key bytes as the secret", async () => {
    const keyBytes = Buffer.from(TEST_SECRETS.base64, "base64");
    const signed = await sign(new Request(`${BASE}/items`, { method: "POST", body: "{}" }), "/items", {
      credentials: { hmac: { keyId: TEST_KEY_ID, secret: new Uint8Array(keyBytes) } },
    });
    expect(await verify(hmac, await described(signed))).toMatchObject({ ok: true, keyId: TEST_KEY_ID });
  });

  it("signs so that verifyRequest accepts the request, and a changed body is refused", async () => {
    const body = '{"title":"caf\u00e9","n":[1,2,3]}';
    const request = new SignableRequest(`${BASE}/items?b=2&a=1`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json" },
    });
    const signed = await sign(request, "/items");
    expect(signed.headers.get("x-client-id")).toBe(TEST_KEY_ID);
    expect(signed.headers.get("x-timestamp")).toBe(String(TEST_NOW_MS / 1000));
    expect(signed.headers.get("x-nonce")).toBe(NONCE);
    expect(signed.headers.get("x-signature")).toMatch(/^[0-9a-f]{64}$/);
    expect(signed.headers.get("content-type")).toBe("application/json");
    expect(signed.url).toBe(`${BASE}/items?b=2&a=1`);

    const description = await described(signed);
    expect(text(description.body as Uint8Array)).toBe(body);
    expect(await verify(hmac, description)).toEqual({
      ok: true,
      scheme: "hmac",
      keyId: TEST_KEY_ID,
      algorithm: "sha256",
    });

    // The same signature signRequest gives over the same description.
    const direct = await signRequest(
      hmac,
      {
        method: "POST",
        url: `${BASE}/items?b=2&a=1`,
        headers: { "content-type": "application/json" },
        body: new TextEncoder().encode(body),
      },
      hmacCredentials,
      { now: () => TEST_NOW_MS, nonce: () => NONCE },
    );
    expect(signed.headers.get("x-signature")).toBe(direct.signature);

    const tampered = { ...description, body: new TextEncoder().encode(body.replace("1", "9")) };
    expect(await verify(hmac, tampered)).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(
      await verify(hmac, description, Buffer.from("another-key-of-thirty-two-bytes!").toString("base64")),
    ).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("signs with a body-covering preset too (django-api-key: the body itself)", async () => {
    const apiKeyScheme = presetScheme("django-api-key", "hmac");
    const signed = await sign(new SignableRequest(`${BASE}/items`, { method: "POST", body: '{"x":1}' }), "/items", {
      hmacSchemes: { hmac: apiKeyScheme },
      credentials: { hmac: { keyId: TEST_KEY_ID, secret: TEST_SECRETS.utf8 } },
    });
    expect(signed.headers.get("x-api-key")).toBe(TEST_KEY_ID);
    expect(await verify(apiKeyScheme, await described(signed))).toMatchObject({ ok: true, keyId: TEST_KEY_ID });
  });

  it("signs with every x-hmac scheme of the chosen alternative", async () => {
    const second = presetScheme("django-api-signing", "second");
    const signed = await sign(new Request(`${BASE}/items`, { method: "POST", body: '{"x":1}' }), "/items", {
      operations: { "POST /items": [["hmac", "second"]] },
      hmacSchemes: { hmac, second },
      credentials: { hmac: hmacCredentials, second: { secret: TEST_SECRETS.utf8 } },
    });
    expect(signed.headers.get("x-signature")).not.toBeNull();
    expect(signed.headers.get("signature")).not.toBeNull();
    const description = await described(signed);
    expect(await verify(hmac, description)).toMatchObject({ ok: true, scheme: "hmac" });
    expect(await verify(second, description)).toMatchObject({ ok: true, scheme: "second" });
  });

  it("applies the plain scheme of the chosen alternative with the signature", async () => {
    const signed = await sign(new Request(`${BASE}/bearer`), "/bearer");
    expect(signed.headers.get("authorization")).toBe("Bearer tok-1");
    expect(signed.headers.get("x-signature")).not.toBeNull();
    expect(await verify(hmac, await described(signed))).toMatchObject({ ok: true });

    // Without x-hmac credentials, the bearer-only alternative: no signature.
    const bearerOnly = await sign(new Request(`${BASE}/bearer`), "/bearer", { credentials: { token: "tok-2" } });
    expect(bearerOnly.headers.get("authorization")).toBe("Bearer tok-2");
    expect(bearerOnly.headers.get("x-signature")).toBeNull();
  });

  it("a request that comes round again is passed on as it is, not signed twice", async () => {
    const middleware = createSigningMiddleware(options());
    const signed = await middleware.onRequest({
      request: new Request(`${BASE}/items`, { method: "POST", body: "{}" }),
      schemaPath: "/items",
    });
    if (!signed) throw new Error("expected a signed request");
    const before = headerPairs(signed.headers);
    expect(await middleware.onRequest({ request: signed, schemaPath: "/items" })).toBeUndefined();
    // Also through a second middleware instance (the middleware registered twice).
    expect(
      await createSigningMiddleware(options({ nonce: () => "ffeeddccbbaa99887766554433221100" })).onRequest({
        request: signed,
        schemaPath: "/items",
      }),
    ).toBeUndefined();
    expect(headerPairs(signed.headers)).toEqual(before);
    expect(signed.bodyUsed).toBe(false);
    expect(await verify(hmac, await described(signed))).toMatchObject({ ok: true });
  });

  it("a path the table does not list falls back to defaultSecurity", async () => {
    const signed = await sign(new Request(`${BASE}/not/in/table`), "/not/in/table");
    expect(signed.headers.get("x-signature")).not.toBeNull();
    expect(await verify(hmac, await described(signed))).toMatchObject({ ok: true });

    const publicDefault = createSigningMiddleware(options({ defaultSecurity: [] }));
    expect(
      await publicDefault.onRequest({ request: new Request(`${BASE}/not/in/table`), schemaPath: "/not/in/table" }),
    ).toBeUndefined();

    // The table is keyed by method too: GET /items is not POST /items.
    const noDefault = createSigningMiddleware(
      options({ defaultSecurity: [["token"]], credentials: { hmac: hmacCredentials } }),
    );
    await expect(noDefault.onRequest({ request: new Request(`${BASE}/items`), schemaPath: "/items" })).rejects.toThrow(
      '[hmac-codegen] GET /items needs credentials for one of: token (missing "token")',
    );
  });

  it("regression: signs a query-carried value with ' as the URL parser will send it (%27)", async () => {
    const base = presetScheme("nextcloud-drf", "hmac");
    const hmac: HmacScheme = { ...base, query: { ...base.query, form: "as-sent" } };
    const middleware = createSigningMiddleware({
      operations: {},
      defaultSecurity: [["key", "hmac"]],
      hmacSchemes: { hmac },
      plainSchemes: { key: { type: "apiKey", in: "query", name: "key" } },
      credentials: { hmac: { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 }, key: "it's" },
      now: () => TEST_NOW_MS,
    });
    const signed = await middleware.onRequest({ request: new Request(`${BASE}/x`), schemaPath: "/x" });
    expect(signed?.url).toBe(`${BASE}/x?key=it%27s`);
    const result = await verify(hmac, await described(signed ?? new Request(BASE)));
    expect(result.ok).toBe(true);
  });
});
