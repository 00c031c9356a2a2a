/**
 * The client glue (templates/client): security alternatives, plain (non-x-hmac) credentials, the
 * SignableRequest that remembers its body, the wire body the signer hashes, and the openapi-fetch
 * signing middleware, whose output must verify with the same core a server runs.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { presetScheme } from "../../test/support/preset-scheme.js";
import { type HmacScheme, type RequestDescription, SigningError, signRequest, verifyRequest } from "../runtime/index.js";
import { applyPlainCredential, isPlainCredential, type PlainScheme } from "./plain-credentials.js";
import { firstSatisfiable, MissingCredentialsError, operationKey, type SecurityAlternatives } from "./security.js";
import { bodySourceOf, SignableRequest } from "./signable-request.js";
import { createSigningMiddleware, type SigningMiddlewareOptions } from "./signing-middleware.js";
import { wireBody } from "./wire-body.js";

const BASE = "https://api.test";
const NONCE = "00112233445566778899aabbccddeeff";
const text = (value: Uint8Array): string => new TextDecoder().decode(value);
const has = (...names: string[]) => {
  const set = new Set(names);
  return (scheme: string): boolean => set.has(scheme);
};

/** Deterministic bytes with every value 0..255 represented, so an off-by-one offset shows. */
function pattern(length: number, seed = 7): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  for (let index = 0; index < length; index++) out[index] = (index * 31 + seed) & 0xff;
  return out;
}

/** Large arrays compared as one boolean: toEqual walks them element by element. */
function expectSameBytes(actual: RequestDescription["body"], expected: Uint8Array): void {
  expect(actual).toBeInstanceOf(Uint8Array);
  expect((actual as Uint8Array).byteLength).toBe(expected.byteLength);
  expect(Buffer.from(actual as Uint8Array).equals(expected)).toBe(true);
}

async function bytesOf(source: Request | Blob): Promise<Uint8Array> {
  return new Uint8Array(await source.arrayBuffer());
}

function headerPairs(headers: Headers): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  headers.forEach((value, name) => {
    pairs.push([name, value]);
  });
  return pairs;
}

/** What a server sees: method, URL, headers and the body bytes (read from a clone, so `request` stays usable). */
async function described(request: Request): Promise<RequestDescription> {
  return {
    method: request.method,
    url: request.url,
    headers: headerPairs(request.headers),
    body: request.body === null ? undefined : await bytesOf(request.clone()),
  };
}

function verify(scheme: HmacScheme, description: RequestDescription, secret: string = TEST_SECRETS[scheme.secretEncoding]) {
  return verifyRequest(scheme, description, { resolveKey: () => secret, now: () => TEST_NOW_MS });
}

afterEach(() => {
  vi.restoreAllMocks();
});

// ---------------------------------------------------------------------------------------------------
describe("security", () => {
  it("operationKey upper-cases the method and keeps the path template", () => {
    expect(operationKey("post", "/items/{id}")).toBe("POST /items/{id}");
    expect(operationKey("GET", "/")).toBe("GET /");
  });

  it("firstSatisfiable picks the first alternative whose schemes are all available", () => {
    const alternatives: SecurityAlternatives = [["hmac", "apiKey"], ["bearer"], ["hmac"]];
    expect(firstSatisfiable(alternatives, has("hmac", "bearer"))).toBe(alternatives[1]);
    expect(firstSatisfiable(alternatives, has("hmac", "apiKey", "bearer"))).toBe(alternatives[0]);
    expect(firstSatisfiable(alternatives, has("hmac"))).toBe(alternatives[2]);
    expect(firstSatisfiable(alternatives, has("apiKey"))).toBeUndefined();
    expect(firstSatisfiable(alternatives, has())).toBeUndefined();
  });

  it("an empty alternatives list has nothing to satisfy", () => {
    expect(firstSatisfiable([], () => true)).toBeUndefined();
  });

  it("an empty alternative inside the list is always satisfiable, in its place in the order", () => {
    expect(firstSatisfiable([["hmac"], []], has())).toEqual([]);
    expect(firstSatisfiable([["hmac"], []], has("hmac"))).toEqual(["hmac"]);
    expect(firstSatisfiable([[], ["hmac"]], has("hmac"))).toEqual([]);
  });

  it("MissingCredentialsError names the operation and each missing scheme per alternative", () => {
    const error = new MissingCredentialsError("POST /items", [["hmac", "apiKey"], ["bearer"]], has("hmac"));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("MissingCredentialsError");
    expect(error.message).toBe(
      '[hmac-codegen] POST /items needs credentials for one of: hmac + apiKey (missing "apiKey"); bearer (missing "bearer")',
    );
  });

  it("MissingCredentialsError from the middleware carries no credential value", async () => {
    const secret = TEST_SECRETS.base64;
    const middleware = createSigningMiddleware({
      operations: { "POST /items": [["hmac", "apiKey"], ["token"]] },
      defaultSecurity: [],
      hmacSchemes: { hmac: presetScheme("nextcloud-drf", "hmac") },
      plainSchemes: { apiKey: { type: "apiKey", in: "header", name: "X-Api-Key" }, token: { type: "http", scheme: "bearer" } },
      credentials: { hmac: { keyId: TEST_KEY_ID, secret }, apiKey: "", token: undefined },
    });
    const request = new Request(`${BASE}/items`, { method: "POST", body: "{}" });
    const error = await middleware.onRequest({ request, schemaPath: "/items" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MissingCredentialsError);
    const message = (error as Error).message;
    expect(message).toBe(
      '[hmac-codegen] POST /items needs credentials for one of: hmac + apiKey (missing "apiKey"); token (missing "token")',
    );
    expect(message).not.toContain(secret);
    expect(message).not.toContain(TEST_KEY_ID);
  });
});

// ---------------------------------------------------------------------------------------------------
describe("plain credentials", () => {
  const url = `${BASE}/items?x=1`;

  it("apiKey in a header sets the header and keeps the URL", () => {
    const headers = new Headers({ accept: "application/json" });
    const result = applyPlainCredential({ type: "apiKey", in: "header", name: "X-Api-Key" }, "k-123", url, headers);
    expect(result).toBe(url);
    expect(headers.get("x-api-key")).toBe("k-123");
    expect(headers.get("accept")).toBe("application/json");
  });

  it("apiKey in the query appends name=value, percent-encoded exactly once", () => {
    const scheme: PlainScheme = { type: "apiKey", in: "query", name: "api key" };
    const headers = new Headers();
    const result = applyPlainCredential(scheme, "a b&c", url, headers);
    expect(result).toBe(`${BASE}/items?x=1&api%20key=a%20b%26c`);
    expect(result).not.toContain("%25");
    expect(new URL(result).searchParams.get("api key")).toBe("a b&c");
    expect(applyPlainCredential(scheme, "a b&c", `${BASE}/items`, headers)).toBe(`${BASE}/items?api%20key=a%20b%26c`);
    // The URL parser leaves it as it is: what is signed is what is sent.
    expect(new Request(result).url).toBe(result);
    expect(headerPairs(headers)).toEqual([]);
  });

  it("apiKey in a cookie appends to an existing cookie header", () => {
    const scheme: PlainScheme = { type: "apiKey", in: "cookie", name: "api_key" };
    const fresh = new Headers();
    expect(applyPlainCredential(scheme, "a b;c", url, fresh)).toBe(url);
    expect(fresh.get("cookie")).toBe("api_key=a%20b%3Bc");

    const existing = new Headers({ cookie: "session=s1" });
    applyPlainCredential(scheme, "k", url, existing);
    expect(existing.get("cookie")).toBe("session=s1; api_key=k");
  });

  it("http bearer sends Authorization: Bearer <token>", () => {
    const headers = new Headers();
    expect(applyPlainCredential({ type: "http", scheme: "bearer" }, "tok.en", url, headers)).toBe(url);
    expect(headers.get("authorization")).toBe("Bearer tok.en");
  });

  it("http basic is base64 of user:pass (RFC 7617 §2 and its UTF-8 example)", () => {
    const scheme: PlainScheme = { type: "http", scheme: "basic" };
    const headers = new Headers();
    expect(applyPlainCredential(scheme, { username: "Aladdin", password: "open sesame" }, url, headers)).toBe(url);
    expect(headers.get("authorization")).toBe("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    applyPlainCredential(scheme, { username: "test", password: "123\u00a3" }, url, headers);
    expect(headers.get("authorization")).toBe("Basic dGVzdDoxMjPCow==");
    applyPlainCredential(scheme, { username: "J\u00fcrgen", password: "p:ss w\u00f6rd" }, url, headers);
    expect(headers.get("authorization")).toBe(`Basic ${Buffer.from("J\u00fcrgen:p:ss w\u00f6rd", "utf8").toString("base64")}`);
  });

  it("another http scheme is sent under its name, capitalised", () => {
    const headers = new Headers();
    applyPlainCredential({ type: "http", scheme: "digest" }, 'username="u"', url, headers);
    expect(headers.get("authorization")).toBe('Digest username="u"');
  });

  it("oauth2 and openIdConnect tokens are sent as bearer tokens", () => {
    for (const type of ["oauth2", "openIdConnect"] as const) {
      const headers = new Headers();
      expect(applyPlainCredential({ type }, "access-1", url, headers)).toBe(url);
      expect(headers.get("authorization"), type).toBe("Bearer access-1");
    }
  });

  it("isPlainCredential wants a non-empty string, or a username and password for basic", () => {
    const apiKey: PlainScheme = { type: "apiKey", in: "header", name: "X-Api-Key" };
    const bearer: PlainScheme = { type: "http", scheme: "bearer" };
    const basic: PlainScheme = { type: "http", scheme: "basic" };
    expect(isPlainCredential(apiKey, "k")).toBe(true);
    expect(isPlainCredential(apiKey, "")).toBe(false);
    expect(isPlainCredential(apiKey, undefined)).toBe(false);
    expect(isPlainCredential(apiKey, 42)).toBe(false);
    expect(isPlainCredential(bearer, "")).toBe(false);
    expect(isPlainCredential(bearer, { username: "u", password: "p" })).toBe(false);
    expect(isPlainCredential({ type: "oauth2" }, "t")).toBe(true);
    expect(isPlainCredential({ type: "oauth2" }, "")).toBe(false);

    expect(isPlainCredential(basic, { username: "u", password: "p" })).toBe(true);
    expect(isPlainCredential(basic, { username: "u", password: "" })).toBe(true);
    expect(isPlainCredential(basic, { username: "u" })).toBe(false);
    expect(isPlainCredential(basic, { password: "p" })).toBe(false);
    expect(isPlainCredential(basic, { username: 1, password: "p" })).toBe(false);
    expect(isPlainCredential(basic, { username: "u", password: null })).toBe(false);
    expect(isPlainCredential(basic, "u:p")).toBe(false);
    expect(isPlainCredential(basic, null)).toBe(false);
    expect(isPlainCredential(basic, undefined)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------
describe("SignableRequest and wireBody", () => {
  const post = (body: BodyInit): RequestInit => ({ method: "POST", body });

  it("a string body: the UTF-8 bytes the Request sends, and the body is still readable", async () => {
    const body = '{"name":"Zo\u00eb","emoji":"\u{1f600}"}';
    const request = new SignableRequest(`${BASE}/items`, post(body));
    const wire = await wireBody(request);
    expect(wire).toBeInstanceOf(Uint8Array);
    expect(wire).toEqual(await bytesOf(new Request(`${BASE}/items`, post(body))));
    expect(request.bodyUsed).toBe(false);
    expect(await request.text()).toBe(body);
  });

  it("an empty string body gives zero bytes, not undefined", async () => {
    const request = new SignableRequest(`${BASE}/items`, post(""));
    expect(await wireBody(request)).toEqual(new Uint8Array(0));
  });

  it("an ArrayBuffer body", async () => {
    const bytes = pattern(300);
    const buffer = bytes.slice().buffer;
    const request = new SignableRequest(`${BASE}/upload`, post(buffer));
    const wire = await wireBody(request);
    expect(wire).toEqual(await bytesOf(new Request(`${BASE}/upload`, post(bytes.slice().buffer))));
    expect(wire).toEqual(bytes);
    expect(await bytesOf(request)).toEqual(bytes);
  });

  it("a Uint8Array view with a byteOffset: exactly the viewed bytes", async () => {
    const backing = pattern(64);
    const view = backing.subarray(5, 23);
    expect(view.byteOffset).toBe(5);
    const request = new SignableRequest(`${BASE}/upload`, post(view));
    const wire = await wireBody(request);
    expect(wire).toBeInstanceOf(Uint8Array);
    expect((wire as Uint8Array).byteLength).toBe(18);
    expect(wire).toEqual(await bytesOf(new Request(`${BASE}/upload`, post(view))));
    expect(wire).toEqual(backing.slice(5, 23));
    expect(await bytesOf(request)).toEqual(backing.slice(5, 23));
  });

  it("a DataView with a byteOffset", async () => {
    const backing = pattern(40);
    const view = new DataView(backing.buffer, 3, 10);
    const request = new SignableRequest(`${BASE}/upload`, post(view));
    expect(await wireBody(request)).toEqual(backing.slice(3, 13));
    expect(await bytesOf(request)).toEqual(backing.slice(3, 13));
  });

  it("a Blob body: the very Blob, for streaming; the request body is untouched", async () => {
    const blob = new Blob([pattern(1000)], { type: "application/octet-stream" });
    const request = new SignableRequest(`${BASE}/upload`, post(blob));
    const clone = vi.spyOn(Request.prototype, "clone");
    expect(await wireBody(request)).toBe(blob);
    expect(clone).not.toHaveBeenCalled();
    expect(request.bodyUsed).toBe(false);
    expect(await bytesOf(request)).toEqual(pattern(1000));
  });

  it("a FormData body: the bytes of the request itself, boundary included", async () => {
    const form = new FormData();
    form.append("title", "r\u00e9sum\u00e9");
    form.append("file", new Blob(["file-content"], { type: "text/plain" }), "a.txt");
    const request = new SignableRequest(`${BASE}/upload`, post(form));
    const wire = await wireBody(request);
    expect(wire).toBeInstanceOf(Uint8Array);
    const sent = await bytesOf(request);
    expect(wire).toEqual(sent);
    const boundary = /boundary=(.+)$/.exec(request.headers.get("content-type") ?? "")?.[1];
    expect(boundary).toBeDefined();
    expect(text(sent)).toContain(`--${boundary}`);
    expect(text(sent)).toContain("file-content");
  });

  it("a URLSearchParams body", async () => {
    const params = (): URLSearchParams =>
      new URLSearchParams([
        ["q", "a b&c"],
        ["q", "\u00e9"],
      ]);
    const request = new SignableRequest(`${BASE}/search`, post(params()));
    const wire = await wireBody(request);
    expect(wire).toEqual(await bytesOf(new Request(`${BASE}/search`, post(params()))));
    expect(text(wire as Uint8Array)).toBe("q=a+b%26c&q=%C3%A9");
    expect(await request.text()).toBe("q=a+b%26c&q=%C3%A9");
  });

  it("no body: undefined", async () => {
    expect(await wireBody(new SignableRequest(`${BASE}/items`))).toBeUndefined();
    expect(await wireBody(new Request(`${BASE}/items`, { method: "DELETE" }))).toBeUndefined();
  });

  it("bodySourceOf is the init body exactly as given", () => {
    const blob = new Blob(["x"]);
    const view = pattern(8).subarray(2);
    expect(bodySourceOf(new SignableRequest(`${BASE}/`, post(blob)))).toBe(blob);
    expect(bodySourceOf(new SignableRequest(`${BASE}/`, post(view)))).toBe(view);
    expect(bodySourceOf(new SignableRequest(`${BASE}/`, post("s")))).toBe("s");
    expect(bodySourceOf(new SignableRequest(`${BASE}/`))).toBeUndefined();
    expect(bodySourceOf(new SignableRequest(`${BASE}/`, { method: "POST", body: null }))).toBeUndefined();
  });

  it("a plain Request is instanceof SignableRequest, has no body source, and is read from a clone", async () => {
    const plain = new Request(`${BASE}/items`, post('{"a":1}'));
    expect(plain instanceof SignableRequest).toBe(true);
    expect(new SignableRequest(`${BASE}/`) instanceof Request).toBe(true);
    expect(({ url: "x" } as unknown) instanceof SignableRequest).toBe(false);
    expect(("x" as unknown) instanceof SignableRequest).toBe(false);
    expect(bodySourceOf(plain)).toBeUndefined();

    const clone = vi.spyOn(Request.prototype, "clone");
    expect(await wireBody(plain)).toEqual(new TextEncoder().encode('{"a":1}'));
    expect(clone).toHaveBeenCalledTimes(1);
    expect(plain.bodyUsed).toBe(false);
    expect(await plain.text()).toBe('{"a":1}');
  });

  it("a SignableRequest with a string body is not cloned", async () => {
    const request = new SignableRequest(`${BASE}/items`, post("abc"));
    const clone = vi.spyOn(Request.prototype, "clone");
    await wireBody(request);
    expect(clone).not.toHaveBeenCalled();
  });

  it("a plain Request with a stream body is read from a clone and still sends every byte", async () => {
    const chunks = ["one,", "two,", "three"];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    const request = new Request(`${BASE}/upload`, { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect(text((await wireBody(request)) as Uint8Array)).toBe("one,two,three");
    expect(await request.text()).toBe("one,two,three");
  });
});

// ---------------------------------------------------------------------------------------------------
describe("signing middleware", () => {
  const hmac = presetScheme("nextcloud-drf", "hmac");
  const hmacCredentials = { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 };

  function options(overrides: Partial<SigningMiddlewareOptions> = {}): SigningMiddlewareOptions {
    return {
      operations: {
        "GET /public": [],
        "GET /optional": [["hmac"], []],
        "POST /items": [["hmac"]],
        "POST /items/{id}/upload": [["apiKeyQuery", "hmac"]],
        "GET /bearer": [["hmac", "token"], ["token"]],
      },
      defaultSecurity: [["hmac"]],
      hmacSchemes: { hmac },
      plainSchemes: {
        apiKeyQuery: { type: "apiKey", in: "query", name: "api_key" },
        token: { type: "http", scheme: "bearer" },
      },
      credentials: { hmac: hmacCredentials, apiKeyQuery: "a b&c", token: "tok-1" },
      now: () => TEST_NOW_MS,
      nonce: () => NONCE,
      ...overrides,
    };
  }

  async function sign(request: Request, schemaPath: string, overrides: Partial<SigningMiddlewareOptions> = {}): Promise<Request> {
    const result = await createSigningMiddleware(options(overrides)).onRequest({ request, schemaPath });
    if (!result) throw new Error("expected a signed request");
    return result;
  }

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
    expect(() => createSigningMiddleware(options({ credentials: { hmac: { keyId: TEST_KEY_ID, secret: 42 } } }))).toThrow(SigningError);
    expect(() => createSigningMiddleware(options({ credentials: { hmac: { keyId: TEST_KEY_ID } } }))).toThrow(SigningError);
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
    expect(await verify(hmac, description)).toEqual({ ok: true, scheme: "hmac", keyId: TEST_KEY_ID, algorithm: "sha256" });

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
    expect(await verify(hmac, description, Buffer.from("another-key-of-thirty-two-bytes!").toString("base64"))).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("signs a Blob body from the Blob as a stream, and the bytes still go out", async () => {
    const payload = pattern(200_000, 3);
    const blob = new Blob([payload]);
    const request = new SignableRequest(`${BASE}/items`, { method: "POST", body: blob });
    const clone = vi.spyOn(Request.prototype, "clone");
    const stream = vi.spyOn(blob, "stream");
    const signed = await sign(request, "/items");
    expect(clone).not.toHaveBeenCalled();
    expect(stream).toHaveBeenCalled();
    const description = await described(signed);
    expectSameBytes(description.body, payload);
    expect(await verify(hmac, description)).toMatchObject({ ok: true });
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

  it("a scheme without a body component never reads the body, and the body is sent unchanged", async () => {
    const headerOnly: HmacScheme = {
      ...hmac,
      stringToSign: { components: ["method", "path", "query", "timestamp", "nonce"], separator: "\n" },
    };
    const overrides = { hmacSchemes: { hmac: headerOnly } };

    // A Blob body: neither cloned nor streamed by the middleware.
    const blob = new Blob([pattern(5000)]);
    const fromBlob = new SignableRequest(`${BASE}/items`, { method: "POST", body: blob });
    const clone = vi.spyOn(Request.prototype, "clone");
    const stream = vi.spyOn(blob, "stream");
    const arrayBuffer = vi.spyOn(blob, "arrayBuffer");
    const signedBlob = await sign(fromBlob, "/items", overrides);
    expect(clone).not.toHaveBeenCalled();
    expect(stream).not.toHaveBeenCalled();
    expect(arrayBuffer).not.toHaveBeenCalled();
    expect(signedBlob.headers.get("x-signature")).not.toBeNull();
    expect(await verify(headerOnly, { ...(await described(signedBlob)), body: undefined })).toMatchObject({ ok: true });
    expect(await bytesOf(signedBlob)).toEqual(pattern(5000));

    // A stream body on a plain Request: not drained before it is sent.
    clone.mockClear();
    const chunkCount = 20;
    let pulls = 0;
    const source = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          controller.enqueue(new TextEncoder().encode(`chunk-${pulls};`));
          pulls++;
          if (pulls === chunkCount) controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const fromStream = new Request(`${BASE}/items`, { method: "POST", body: source, duplex: "half" } as RequestInit);
    const signedStream = await sign(fromStream, "/items", overrides);
    expect(clone).not.toHaveBeenCalled();
    expect(pulls).toBeLessThan(chunkCount);
    const expected = Array.from({ length: chunkCount }, (_, index) => `chunk-${index};`).join("");
    expect(await signedStream.text()).toBe(expected);
    expect(pulls).toBe(chunkCount);
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
    expect(await publicDefault.onRequest({ request: new Request(`${BASE}/not/in/table`), schemaPath: "/not/in/table" })).toBeUndefined();

    // The table is keyed by method too: GET /items is not POST /items.
    const noDefault = createSigningMiddleware(options({ defaultSecurity: [["token"]], credentials: { hmac: hmacCredentials } }));
    await expect(noDefault.onRequest({ request: new Request(`${BASE}/items`), schemaPath: "/items" })).rejects.toThrow(
      '[hmac-codegen] GET /items needs credentials for one of: token (missing "token")',
    );
  });

  it("a query-carried apiKey gives a new Request with the key once-encoded and the Blob body intact", async () => {
    const payload = pattern(70_000, 11);
    const blob = new Blob([payload], { type: "application/octet-stream" });
    const abort = new AbortController();
    const request = new SignableRequest(`${BASE}/items/7/upload?mode=full`, {
      method: "PUT",
      body: blob,
      signal: abort.signal,
      headers: { "x-trace": "t1" },
    });
    const signed = await sign(request, "/items/{id}/upload", {
      operations: { "PUT /items/{id}/upload": [["apiKeyQuery", "hmac"]] },
    });
    expect(signed).not.toBe(request);
    expect(signed.method).toBe("PUT");
    expect(signed.url).toBe(`${BASE}/items/7/upload?mode=full&api_key=a%20b%26c`);
    expect(signed.url).not.toContain("%25");
    expect(signed.headers.get("x-trace")).toBe("t1");
    expect(signed.headers.get("content-type")).toBe("application/octet-stream");
    expect(signed.headers.get("x-signature")).toMatch(/^[0-9a-f]{64}$/);

    const description = await described(signed);
    expectSameBytes(description.body, payload);
    expect(await verify(hmac, description)).toMatchObject({ ok: true });
    // The key is covered: a swapped key breaks the signature.
    expect(await verify(hmac, { ...description, url: signed.url.replace("a%20b%26c", "other") })).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });

    abort.abort();
    expect(signed.signal.aborted).toBe(true);
  });

  it("a query-carried apiKey on a plain Request re-sends the bytes read from the clone", async () => {
    const body = '{"a":"\u00fc"}';
    const signed = await sign(new Request(`${BASE}/items/7/upload`, { method: "POST", body }), "/items/{id}/upload");
    expect(signed.url).toBe(`${BASE}/items/7/upload?api_key=a%20b%26c`);
    expect(signed.headers.get("content-type")).toBe("text/plain;charset=UTF-8");
    expect(await signed.clone().text()).toBe(body);
    expect(await verify(hmac, await described(signed))).toMatchObject({ ok: true });
  });
});

describe("regressions found in review", () => {
  it("signs the bytes sent when the caller changes a buffer after building the Request", async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const request = new SignableRequest(`${BASE}/x`, { method: "POST", body: bytes });
    bytes[0] = 9;
    expectSameBytes(await wireBody(request), new Uint8Array([1, 2, 3]));
  });

  it("signs a query-carried value with ' as the URL parser will send it (%27)", async () => {
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

  it("refuses a basic username with a colon (RFC 7617 §2)", () => {
    expect(isPlainCredential({ type: "http", scheme: "basic" }, { username: "a:b", password: "p" })).toBe(false);
  });
});
