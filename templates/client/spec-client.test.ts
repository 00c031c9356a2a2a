/**
 * createSpecClient, the body every generated createClient calls: a real openapi-fetch client with the
 * network replaced by an injected `fetch` (openapi-fetch's own unit-test style), whose requests must
 * verify with the core a server runs.
 */
import type { Middleware } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { presetScheme } from "../../test/support/preset-scheme.js";
import { type RequestDescription, SigningError, verifyRequest } from "../runtime/index.js";
import { type ClientSecurity, createSpecClient } from "./spec-client.js";

interface Paths {
  "/items": { post: { requestBody: { content: { "application/json": { name: string } } }; responses: { 200: never } } };
  "/health": { get: { responses: { 200: never } } };
}

const hmac = presetScheme("nextcloud-drf", "hmac");
const SECURITY: ClientSecurity = {
  operations: { "POST /items": [["hmac", "apiKey"]], "GET /health": [] },
  defaultSecurity: [["hmac"]],
  hmacSchemes: { hmac },
  plainSchemes: { apiKey: { type: "apiKey", in: "header", name: "X-Api-Key" } },
  requestMediaTypes: { "POST /items": ["application/json"] },
};
const CREDENTIALS = { hmac: { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 }, apiKey: "k-1" };

/** The requests that reached the network, and a fetch that answers each with 200. */
function network(): { sent: Request[]; fetch: (request: Request) => Promise<Response> } {
  const sent: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    sent.push(request);
    return new Response(null, { status: 200 });
  };
  return { sent, fetch };
}

async function described(request: Request): Promise<RequestDescription> {
  const headers: Array<[string, string]> = [];
  request.headers.forEach((value, name) => {
    headers.push([name, value]);
  });
  const body = request.body === null ? undefined : new Uint8Array(await request.clone().arrayBuffer());
  return { method: request.method, url: request.url, headers, body };
}

const verified = async (request: Request) =>
  verifyRequest(hmac, await described(request), { resolveKey: () => TEST_SECRETS.base64, now: () => TEST_NOW_MS });

describe("createSpecClient", () => {
  it("sends each operation's plain credentials and a signature over the bytes that go on the wire", async () => {
    const { sent, fetch } = network();
    const client = createSpecClient<Paths, typeof CREDENTIALS>(SECURITY, {
      baseUrl: "https://api.test",
      credentials: CREDENTIALS,
      now: () => TEST_NOW_MS,
      fetch,
    });
    await client.POST("/items", { body: { name: "a" } });
    const [request] = sent;
    if (!request) throw new Error("nothing was sent");
    expect(request.headers.get("x-api-key")).toBe("k-1");
    expect(await verified(request)).toMatchObject({ ok: true, keyId: TEST_KEY_ID });
    const tampered = new Request(request, { body: '{"name":"b"}', method: "POST" });
    expect(await verified(tampered)).toMatchObject({ ok: false });
  });

  it("runs the option's middleware before signing, so the signature covers what it changes; use() runs after", async () => {
    const { sent, fetch } = network();
    const seen: Array<{ by: string; signed: boolean }> = [];
    const spy = (by: string, rewrite?: string): Middleware => ({
      onRequest({ request }) {
        seen.push({ by, signed: request.headers.has("x-signature") });
        return rewrite === undefined ? undefined : new Request(request, { body: rewrite, method: request.method });
      },
    });
    const client = createSpecClient<Paths, typeof CREDENTIALS>(SECURITY, {
      baseUrl: "https://api.test",
      credentials: CREDENTIALS,
      now: () => TEST_NOW_MS,
      fetch,
      middleware: [spy("before", '{"name":"rewritten"}')],
    });
    client.use(spy("after"));
    await client.POST("/items", { body: { name: "a" } });
    expect(seen).toEqual([
      { by: "before", signed: false },
      { by: "after", signed: true },
    ]);
    const [request] = sent;
    if (!request) throw new Error("nothing was sent");
    expect(await request.clone().text()).toBe('{"name":"rewritten"}');
    expect(await verified(request)).toMatchObject({ ok: true });
  });

  it("passes a public operation untouched and keeps openapi-fetch's own options (default headers)", async () => {
    const { sent, fetch } = network();
    const client = createSpecClient<Paths, typeof CREDENTIALS>(SECURITY, {
      baseUrl: "https://api.test",
      credentials: CREDENTIALS,
      headers: { "x-app": "demo" },
      fetch,
    });
    await client.GET("/health");
    const [request] = sent;
    expect(request?.headers.get("x-app")).toBe("demo");
    expect(request?.headers.has("x-signature")).toBe(false);
    expect(request?.headers.has("x-api-key")).toBe(false);
  });

  it("checks credentials once, when the client is built, and keeps the copy it checked", async () => {
    const build = (secret: string) =>
      createSpecClient<Paths, object>(SECURITY, {
        baseUrl: "https://api.test",
        credentials: { hmac: { keyId: TEST_KEY_ID, secret } },
      });
    expect(() => build("not base64!")).toThrow(SigningError);

    const { sent, fetch } = network();
    const credentials: { hmac?: typeof CREDENTIALS.hmac; apiKey?: string } = { ...CREDENTIALS };
    const client = createSpecClient<Paths, typeof credentials>(SECURITY, {
      baseUrl: "https://api.test",
      credentials,
      now: () => TEST_NOW_MS,
      fetch,
    });
    delete credentials.hmac;
    await client.POST("/items", { body: { name: "a" } });
    const [request] = sent;
    if (!request) throw new Error("nothing was sent");
    expect(await verified(request)).toMatchObject({ ok: true });
  });
});
