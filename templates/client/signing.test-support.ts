/**
 * Test support, not shipped (the embed script and the package leave `*.test-support.ts` out): requests
 * and bodies for the client glue's tests, what a server would see of a signed Request, the verifier call
 * that checks it, and the signing middleware over a small operation table with fixed clock and nonce.
 */
import { expect } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { presetScheme } from "../../test/support/preset-scheme.js";
import { type HmacScheme, type RequestDescription, verifyRequest } from "../runtime/index.js";
import { createSigningMiddleware, type SigningMiddlewareOptions } from "./signing-middleware.js";

export const BASE = "https://api.test";
export const NONCE = "00112233445566778899aabbccddeeff";
export const text = (value: Uint8Array): string => new TextDecoder().decode(value);
export const has = (...names: string[]) => {
  const set = new Set(names);
  return (scheme: string): boolean => set.has(scheme);
};

/** Deterministic bytes with every value 0..255 represented, so an off-by-one offset shows. */
export function pattern(length: number, seed = 7): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  for (let index = 0; index < length; index++) out[index] = (index * 31 + seed) & 0xff;
  return out;
}

/** Large arrays compared as one boolean: toEqual walks them element by element. */
export function expectSameBytes(actual: RequestDescription["body"], expected: Uint8Array): void {
  expect(actual).toBeInstanceOf(Uint8Array);
  expect((actual as Uint8Array).byteLength).toBe(expected.byteLength);
  expect(Buffer.from(actual as Uint8Array).equals(expected)).toBe(true);
}

export async function bytesOf(source: Request | Blob): Promise<Uint8Array> {
  return new Uint8Array(await source.arrayBuffer());
}

export function headerPairs(headers: Headers): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  headers.forEach((value, name) => {
    pairs.push([name, value]);
  });
  return pairs;
}

/** What a server sees: method, URL, headers and the body bytes (read from a clone, so `request` stays usable). */
export async function described(request: Request): Promise<RequestDescription> {
  return {
    method: request.method,
    url: request.url,
    headers: headerPairs(request.headers),
    body: request.body === null ? undefined : await bytesOf(request.clone()),
  };
}

export function verify(
  scheme: HmacScheme,
  description: RequestDescription,
  secret: string = TEST_SECRETS[scheme.secretEncoding],
) {
  return verifyRequest(scheme, description, { resolveKey: () => secret, now: () => TEST_NOW_MS });
}

export const hmac = presetScheme("nextcloud-drf", "hmac");
export const hmacCredentials = { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 };

/** The middleware options every signing test starts from: one operation per security shape, fixed clock and nonce. */
export function options(overrides: Partial<SigningMiddlewareOptions> = {}): SigningMiddlewareOptions {
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

/** The request the middleware returns for `request`; throws when it passes the request on unsigned. */
export async function sign(
  request: Request,
  schemaPath: string,
  overrides: Partial<SigningMiddlewareOptions> = {},
): Promise<Request> {
  const result = await createSigningMiddleware(options(overrides)).onRequest({ request, schemaPath });
  if (!result) throw new Error("expected a signed request");
  return result;
}
