/**
 * The typed router served by real frameworks on 127.0.0.1: Express mounted under a path prefix
 * (`app.use("/v1", nodeRouter(router))`, the verifier told the prefix), Fastify registered with a prefix,
 * and plain node:http. Each gets typed bodies from the generated client, refuses what the verifier refuses
 * before any handler runs, and refuses a target the URL parser would rewrite.
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import Fastify from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { createClient } from "../golden/document-store/client.js";
import { createRouter, fastifyRouter, type Handlers, nodeRouter } from "../golden/document-store/handlers.js";
import { createVerifier } from "../golden/document-store/server.js";

const STORED = { id: "00000000-0000-4000-8000-000000000000", bytes: 0 };
let calls: Array<{ operation: string; body: unknown }> = [];
const handlers: Handlers = {
  status: () => ({ status: 200, body: { up: true } }),
  putMetadata: ({ body }) => {
    calls.push({ operation: "putMetadata", body });
    return { status: 200, body: STORED };
  },
  putNote: () => ({ status: 200, body: STORED }),
  putForm: () => ({ status: 200, body: STORED }),
  upload: async ({ body }) => {
    calls.push({ operation: "upload", body: { caption: body.caption, file: await body.file.text() } });
    return { status: 200, body: { ...STORED, bytes: body.file.size } };
  },
  putRaw: () => ({ status: 200, body: STORED }),
  search: () => ({ status: 200, body: [] }),
  listShared: () => ({ status: 200, body: [] }),
  purgeTenant: () => ({ status: 204 }),
};

const router = (basePath?: string) =>
  createRouter(
    createVerifier({
      resolveKey: (keyId) => (keyId === TEST_KEY_ID ? TEST_SECRETS.base64 : undefined),
      now: () => TEST_NOW_MS,
      ...(basePath ? { basePath } : {}),
    }),
    handlers,
  );

async function listen(server: Server): Promise<{ origin: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const FRAMEWORKS = {
  express: async () => {
    const app = express();
    app.use("/v1", nodeRouter(router("/v1")));
    const running = await listen(createServer(app));
    return { ...running, base: `${running.origin}/v1` };
  },
  fastify: async () => {
    const app = Fastify();
    await app.register(fastifyRouter(router("/v1")), { prefix: "/v1" });
    const origin = await app.listen({ port: 0, host: "127.0.0.1" });
    return { origin, base: `${origin}/v1`, close: () => app.close() };
  },
  "node:http": async () => {
    const running = await listen(createServer(nodeRouter(router())));
    return { ...running, base: running.origin };
  },
} as const;

/** A request-target sent byte for byte, as fetch would normalise it first. */
function rawGet(origin: string, target: string): Promise<number> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path: target, method: "GET" }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe.each(Object.keys(FRAMEWORKS).map((name) => ({ name: name as keyof typeof FRAMEWORKS })))("typed router on $name", ({ name }) => {
  let server: { origin: string; base: string; close: () => Promise<void> };
  beforeAll(async () => {
    server = await FRAMEWORKS[name]();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    calls = [];
  });
  const api = (secret = TEST_SECRETS.base64) =>
    createClient({ baseUrl: server.base, credentials: { docsHmac: { keyId: TEST_KEY_ID, secret } }, now: () => TEST_NOW_MS });
  const folder = { params: { path: { folder: "f" } } };

  it("hands typed JSON and multipart bodies to the handlers, the signature checked over the path as sent", async () => {
    const metadata = { title: "t", tags: ["x"] };
    expect((await api().POST("/documents/{folder}/metadata", { ...folder, body: metadata })).response.status).toBe(200);
    const { data } = await api().POST("/documents/{folder}/upload", { ...folder, body: { file: new Blob(["ü file"]), caption: "c" } });
    expect(data?.bytes).toBe(new TextEncoder().encode("ü file").length);
    expect(calls).toEqual([
      { operation: "putMetadata", body: metadata },
      { operation: "upload", body: { caption: "c", file: "ü file" } },
    ]);
  });

  it("a request the verifier refuses never reaches a handler", async () => {
    const wrong = api(btoa("some other secret, same length!!"));
    expect((await wrong.POST("/documents/{folder}/metadata", { ...folder, body: { title: "t" } })).response.status).toBe(401);
    const unsigned = await fetch(`${server.base}/documents/f/metadata`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(unsigned.status).toBe(401);
    expect(calls).toEqual([]);
  });

  it("refuses a target the URL parser would rewrite, before routing", async () => {
    const prefix = new URL(server.base).pathname.replace(/\/$/, "");
    expect(await rawGet(server.origin, `${prefix}/documents/f/../f/metadata`)).toBe(400);
    expect(await rawGet(server.origin, `${prefix}/status`)).toBe(200);
  });
});
