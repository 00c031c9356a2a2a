/**
 * SigV4 end to end over real HTTP on 127.0.0.1: the generated client of specs/aws-sigv4-example.yaml
 * (with a session token) against the generated server's node:http and Express adapters. A request the
 * client signed verifies; then, table-driven, the same bytes replayed with one covered component changed
 * (method, path, each query parameter, each signed header, body, date, credential scope, signed-header
 * list, session token) are refused with the right reason code. Presigned URLs: verified, and refused once
 * expired or changed.
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_NOW_MS } from "../../src/emit/test-credentials.js";
import { createClient } from "../golden/aws-sigv4-example/client.js";
import { type AwsSigV4Scheme, presignSigV4 } from "../golden/aws-sigv4-example/runtime/index.js";
import { schemes } from "../golden/aws-sigv4-example/schemes.js";
import { createVerifier } from "../golden/aws-sigv4-example/server.js";
import { type RunningServer, startAdapter } from "../support/adapter-servers.js";

const ACCESS_KEY_ID = "AKIDEXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const SESSION_TOKEN = "FQoGZXIvYXdzE//////////test+session/token==";
const credentials = { sigv4: { keyId: ACCESS_KEY_ID, secret: SECRET, sessionToken: SESSION_TOKEN } };

interface Raw {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** The request exactly as the generated client would send it: captured through its `fetch` option. */
async function signedByClient(
  baseUrl: string,
  call: (api: ReturnType<typeof createClient>) => Promise<unknown>,
  now = TEST_NOW_MS,
): Promise<Raw> {
  let captured: Request | undefined;
  const api = createClient({
    baseUrl,
    credentials,
    now: () => now,
    fetch: async (request: Request) => {
      captured = request;
      return Response.json({});
    },
  });
  await call(api);
  if (!captured) throw new Error("the client sent nothing");
  const headers: Record<string, string> = {};
  captured.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const url = new URL(captured.url);
  return { method: captured.method, path: url.pathname + url.search, headers, body: await captured.text() };
}

/** Sends raw bytes with node:http, so any header (Host too) can be set or changed. */
function send(server: RunningServer, raw: Raw): Promise<{ status: number; body: { reason?: string } }> {
  const { port } = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port, method: raw.method, path: raw.path, headers: { host: `127.0.0.1:${port}`, ...raw.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as { reason?: string }) : {} });
        });
      },
    );
    req.on("error", reject);
    req.end(raw.body === "" ? undefined : raw.body);
  });
}

const withAuthorization = (raw: Raw, change: (value: string) => string): Raw => ({
  ...raw,
  headers: { ...raw.headers, authorization: change(raw.headers.authorization ?? "") },
});

type Tamper = { name: string; base: "get" | "post" | "list"; change: (raw: Raw) => Raw; reason: string };

const TAMPERS: Tamper[] = [
  { name: "method", base: "get", change: (raw) => ({ ...raw, method: "DELETE" }), reason: "bad_signature" },
  { name: "path", base: "get", change: (raw) => ({ ...raw, path: raw.path.replace("o-1", "o-2") }), reason: "bad_signature" },
  {
    name: "first status value",
    base: "list",
    change: (raw) => ({ ...raw, path: raw.path.replace("status=open", "status=closed") }),
    reason: "bad_signature",
  },
  {
    name: "second status value",
    base: "list",
    change: (raw) => ({ ...raw, path: raw.path.replace("status=held", "status=gone") }),
    reason: "bad_signature",
  },
  {
    name: "a repeated parameter dropped",
    base: "list",
    change: (raw) => ({ ...raw, path: raw.path.replace("&status=held", "") }),
    reason: "bad_signature",
  },
  { name: "next token", base: "list", change: (raw) => ({ ...raw, path: raw.path.replace("=abc", "=abd") }), reason: "bad_signature" },
  { name: "a parameter added", base: "list", change: (raw) => ({ ...raw, path: `${raw.path}&limit=1` }), reason: "bad_signature" },
  { name: "host", base: "get", change: (raw) => ({ ...raw, headers: { ...raw.headers, host: "localhost:1" } }), reason: "bad_signature" },
  {
    name: "content-type",
    base: "post",
    change: (raw) => ({ ...raw, headers: { ...raw.headers, "content-type": "text/plain" } }),
    reason: "bad_signature",
  },
  { name: "body", base: "post", change: (raw) => ({ ...raw, body: raw.body.replace("widget", "gadget") }), reason: "bad_signature" },
  {
    name: "x-amz-date, same day",
    base: "get",
    change: (raw) => ({ ...raw, headers: { ...raw.headers, "x-amz-date": "20260101T000001Z" } }),
    reason: "bad_signature",
  },
  {
    name: "x-amz-date, another day than the scope",
    base: "get",
    change: (raw) => ({ ...raw, headers: { ...raw.headers, "x-amz-date": "20251231T235959Z" } }),
    reason: "wrong_scope",
  },
  {
    name: "session token",
    base: "get",
    change: (raw) => ({ ...raw, headers: { ...raw.headers, "x-amz-security-token": `${SESSION_TOKEN}x` } }),
    reason: "bad_signature",
  },
  {
    name: "session token removed",
    base: "get",
    change: (raw) => {
      const { "x-amz-security-token": _token, ...headers } = raw.headers;
      return { ...raw, headers };
    },
    reason: "bad_signature",
  },
  {
    name: "scope region",
    base: "get",
    change: (raw) => withAuthorization(raw, (v) => v.replace("/eu-west-1/", "/us-east-1/")),
    reason: "wrong_scope",
  },
  {
    name: "scope service",
    base: "get",
    change: (raw) => withAuthorization(raw, (v) => v.replace("/execute-api/", "/s3/")),
    reason: "wrong_scope",
  },
  {
    name: "scope date",
    base: "get",
    change: (raw) => withAuthorization(raw, (v) => v.replace("/20260101/", "/20260102/")),
    reason: "wrong_scope",
  },
  {
    name: "access key id",
    base: "get",
    change: (raw) => withAuthorization(raw, (v) => v.replace(ACCESS_KEY_ID, "AKIDOTHER")),
    reason: "unknown_key",
  },
  {
    name: "signed-header list without content-type",
    base: "post",
    change: (raw) => withAuthorization(raw, (v) => v.replace("content-type;", "")),
    reason: "unsigned_header",
  },
  {
    name: "signed-header list without the session token",
    base: "get",
    change: (raw) => withAuthorization(raw, (v) => v.replace(";x-amz-security-token", "")),
    reason: "unsigned_header",
  },
  {
    name: "signed-header list with one more header",
    base: "get",
    change: (raw) => withAuthorization(raw, (v) => v.replace("x-amz-security-token,", "x-amz-security-token;x-extra,")),
    reason: "bad_signature",
  },
  {
    name: "an unsigned x-amz-* header added",
    base: "get",
    change: (raw) => ({ ...raw, headers: { ...raw.headers, "x-amz-meta-owner": "mallory" } }),
    reason: "unsigned_header",
  },
  {
    name: "signature",
    base: "get",
    change: (raw) => withAuthorization(raw, (v) => v.replace(/.$/, (c) => (c === "0" ? "1" : "0"))),
    reason: "bad_signature",
  },
  {
    name: "signature not hex",
    base: "get",
    change: (raw) => withAuthorization(raw, (v) => v.replace(/Signature=.*/, "Signature=xyz")),
    reason: "malformed_signature",
  },
  {
    name: "algorithm",
    base: "get",
    change: (raw) => withAuthorization(raw, (v) => v.replace("AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256")),
    reason: "unsupported_algorithm",
  },
  {
    name: "no Authorization",
    base: "get",
    change: (raw) => {
      const { authorization: _authorization, ...headers } = raw.headers;
      return { ...raw, headers };
    },
    reason: "missing_credentials",
  },
];

describe.each(["node", "express"] as const)("%s adapter", (adapter) => {
  let server: RunningServer;
  const bases: Record<Tamper["base"], Raw> = {} as never;
  beforeAll(async () => {
    const verifier = createVerifier({ resolveKey: (keyId) => (keyId === ACCESS_KEY_ID ? SECRET : undefined), now: () => TEST_NOW_MS });
    server = await startAdapter(adapter, verifier);
    bases.get = await signedByClient(server.baseUrl, (api) => api.GET("/orders/{orderId}", { params: { path: { orderId: "o-1" } } }));
    bases.post = await signedByClient(server.baseUrl, (api) => api.POST("/orders", { body: { item: "widget", quantity: 2 } }));
    bases.list = await signedByClient(server.baseUrl, (api) =>
      api.GET("/orders", { params: { query: { status: ["open", "held"], "next token": "abc" } } }),
    );
  });
  afterAll(() => server.close());

  it("the generated client's requests verify over real HTTP", async () => {
    const api = createClient({ baseUrl: server.baseUrl, credentials, now: () => TEST_NOW_MS });
    const created = await api.POST("/orders", { body: { item: "widget", quantity: 2 } });
    expect(created.response.status).toBe(200);
    expect(created.response.headers.get("content-type")).toMatch(/json/);
    const listed = await api.GET("/orders", { params: { query: { status: ["open", "held"], "next token": "a b/c" } } });
    expect(listed.response.status).toBe(200);
    const path = await api.GET("/orders/{orderId}", { params: { path: { orderId: "a b/é" } } });
    expect(path.response.status).toBe(200);
    // The captured bytes, replayed untouched, verify too: the table below changes exactly one thing.
    for (const raw of Object.values(bases)) expect((await send(server, raw)).status).toBe(200);
    expect(bases.get.headers.authorization).toMatch(/SignedHeaders=host;x-amz-date;x-amz-security-token, /);
    expect(bases.post.headers.authorization).toMatch(/SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, /);
  });

  it("query parameters in another order still verify (SigV4 sorts them)", async () => {
    const [path = "", query = ""] = bases.list.path.split("?");
    const reordered = { ...bases.list, path: `${path}?${query.split("&").reverse().join("&")}` };
    expect(reordered.path).not.toBe(bases.list.path);
    expect((await send(server, reordered)).status).toBe(200);
  });

  it.each(TAMPERS)("tampered $name: $reason", async ({ base, change, reason }) => {
    const result = await send(server, change(bases[base]));
    expect(result).toMatchObject({ status: 401, body: { reason } });
  });

  it("stale and future X-Amz-Date (15 minutes each way)", async () => {
    const stale = await signedByClient(
      server.baseUrl,
      (api) => api.GET("/orders/{orderId}", { params: { path: { orderId: "o-1" } } }),
      TEST_NOW_MS - 901_000,
    );
    expect(await send(server, stale)).toMatchObject({ status: 401, body: { reason: "stale_timestamp" } });
    const future = await signedByClient(
      server.baseUrl,
      (api) => api.GET("/orders/{orderId}", { params: { path: { orderId: "o-1" } } }),
      TEST_NOW_MS + 901_000,
    );
    expect(await send(server, future)).toMatchObject({ status: 401, body: { reason: "future_timestamp" } });
  });

  describe("presigned URLs", () => {
    const presign = (now: number, expiresInSeconds = 300) =>
      presignSigV4(schemes.sigv4 as AwsSigV4Scheme, { method: "GET", url: `${server.baseUrl}/orders/o-1?view=full` }, credentials.sigv4, {
        now: () => now,
        expiresInSeconds,
      });

    it("a presigned URL verifies with no headers at all", async () => {
      const { url, headers } = await presign(TEST_NOW_MS - 60_000);
      expect(headers).toEqual({});
      expect(url).toMatch(/X-Amz-Signature=[0-9a-f]{64}$/);
      expect((await fetch(url)).status).toBe(200);
    });

    it("an expired one is refused: stale_timestamp", async () => {
      const { url } = await presign(TEST_NOW_MS - 301_000);
      const response = await fetch(url);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ reason: "stale_timestamp" });
    });

    it.each([
      { name: "a parameter", change: (url: string) => url.replace("view=full", "view=all"), reason: "bad_signature" },
      { name: "X-Amz-Expires", change: (url: string) => url.replace("X-Amz-Expires=300", "X-Amz-Expires=600"), reason: "bad_signature" },
      { name: "the path", change: (url: string) => url.replace("/o-1?", "/o-2?"), reason: "bad_signature" },
      {
        name: "the session token",
        change: (url: string) => url.replace("X-Amz-Security-Token=", "X-Amz-Security-Token=x"),
        reason: "bad_signature",
      },
      { name: "X-Amz-Credential", change: (url: string) => url.replace("eu-west-1", "us-east-1"), reason: "wrong_scope" },
    ])("a changed $name is refused: $reason", async ({ change, reason }) => {
      const { url } = await presign(TEST_NOW_MS - 60_000);
      const response = await fetch(change(url));
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ reason });
    });

    it("a presigned URL and an Authorization header together: conflicting_headers", async () => {
      const { url } = await presign(TEST_NOW_MS - 60_000);
      const response = await fetch(url, { headers: { authorization: bases.get.headers.authorization ?? "" } });
      expect(await response.json()).toMatchObject({ reason: "conflicting_headers" });
    });
  });
});
