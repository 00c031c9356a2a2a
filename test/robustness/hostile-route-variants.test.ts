/**
 * Fail closed behind real framework routes. Each adapter form sits in front of the routes an application
 * really writes (a param route, a catch-all, Node's URL routing as its docs show it), whose handlers
 * record every request they are given. An unsigned request to any variant of a protected path must never
 * reach a handler, whatever the framework's own routing makes of it; a signed request must reach one with
 * exactly the method, path, query and body that were signed. The verifier's test app in
 * adapter-servers.ts answers 404 for paths it does not know, so only routes like these show what a real
 * application would hand its handlers.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createVerifier,
  expressVerification,
  fastifyVerification,
  honoVerification,
  nodeVerification,
  withNodeVerification,
  withVerification,
} from "../golden/nextcloud-drf/server.js";
import { ROOT } from "../support/run-cli.js";
import { sendRaw } from "./support/raw-http.js";
import { TARGETS, TEST_KEY_ID, TEST_NOW_MS } from "./support/signing-targets.js";

const target = TARGETS.find((candidate) => candidate.name === "drf");
if (!target) throw new Error("the drf signing target is missing");
const PING = "/api/v1/integrations/nextcloud/ping/";

interface Received {
  route: string;
  method: string;
  url: string;
  body: string;
}

const FORMS = ["web", "express", "fastify", "hono", "node-with", "node-middleware"] as const;
type Form = (typeof FORMS)[number];

/** Variants of the protected ping path that some framework's routing sends to a handler. */
const UNSIGNED_TARGETS = [
  PING,
  "/api/v1/integrations/nextcloud/ping",
  "/api/v1/integrations/other/ping/",
  "/api/v1/integrations/nextcloud/ping/extra",
  "/API/v1/integrations/nextcloud/ping/",
  "//api/v1/integrations/nextcloud/ping/",
  "/api/v1/integrations/nextcloud/ping/;x=1",
  "/api/v1/integrations/%6extcloud/ping/",
  "/api/v1/integrations/nextcloud%2Fping/",
  "/api/v1/./integrations/nextcloud/ping/",
  "/api/v1/x/../integrations/nextcloud/ping/",
  "/api/v1/integrations/nextcloud/ping/?city=x",
  "/api/v1/integrations/nextcloud/ping/%2e%2e/ping/",
  "/api/v1/integrations/nextcloud\\ping/",
  "/api/v1/integrations/nextcloud/ping/#frag",
  "http://tenant-b.example/api/v1/integrations/nextcloud/ping/",
  "/api/v1/undeclared",
  "/anything/at/all",
  "/",
];

function startForm(form: Form, received: Received[]) {
  const verifier = createVerifier({
    resolveKey: (keyId) => (keyId === TEST_KEY_ID ? target?.secret : undefined),
    now: () => TEST_NOW_MS,
  });
  const record = (route: string, method: string, url: string, body: string) => received.push({ route, method, url, body });
  switch (form) {
    case "web":
    case "hono": {
      const app = new Hono();
      if (form === "hono") app.use(honoVerification(verifier));
      app.get("/api/v1/integrations/:provider/ping/", async (c) => {
        record("param", c.req.method, new URL(c.req.url).pathname + new URL(c.req.url).search, await c.req.text());
        return c.text("handled");
      });
      app.all("*", async (c) => {
        record("catch-all", c.req.method, new URL(c.req.url).pathname + new URL(c.req.url).search, await c.req.text());
        return c.text("handled");
      });
      const fetch = form === "web" ? withVerification(verifier, (request) => app.fetch(request)) : app.fetch;
      return listen((resolve) => {
        const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(server as ReturnType<typeof createServer>));
      });
    }
    case "express": {
      const app = express();
      app.use(expressVerification(verifier));
      app.use(express.text({ type: () => true }));
      app.get("/api/v1/integrations/:provider/ping/", (req, res) => {
        record("param", req.method, req.originalUrl, typeof req.body === "string" ? req.body : "");
        res.send("handled");
      });
      app.all("/{*splat}", (req, res) => {
        record("catch-all", req.method, req.originalUrl, typeof req.body === "string" ? req.body : "");
        res.send("handled");
      });
      return listen((resolve) => {
        const server = createServer(app);
        server.listen(0, "127.0.0.1", () => resolve(server));
      });
    }
    case "fastify": {
      return (async () => {
        const app = Fastify();
        await app.register(fastifyVerification(verifier));
        app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));
        app.get("/api/v1/integrations/:provider/ping/", async (request) => {
          record("param", request.method, request.url, typeof request.body === "string" ? request.body : "");
          return "handled";
        });
        app.all("/*", async (request) => {
          record("catch-all", request.method, request.url, typeof request.body === "string" ? request.body : "");
          return "handled";
        });
        await app.listen({ port: 0, host: "127.0.0.1" });
        return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
      })();
    }
    case "node-with":
    case "node-middleware": {
      // Node's documentation routes on `new URL(req.url, base).pathname`.
      const route = async (req: IncomingMessage, res: ServerResponse) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const { pathname, search } = new URL(req.url ?? "/", "http://localhost");
        record(
          pathname.startsWith("/api/v1/integrations/") ? "url-prefix" : "fallback",
          req.method ?? "",
          pathname + search,
          Buffer.concat(chunks).toString(),
        );
        res.end("handled");
      };
      const middleware = nodeVerification(verifier);
      const handler =
        form === "node-with"
          ? withNodeVerification(verifier, route)
          : (req: IncomingMessage, res: ServerResponse) =>
              void middleware(req, res, (error) => (error ? res.writeHead(500).end() : void route(req, res)));
      return listen((resolve) => {
        const server = createServer(handler);
        server.listen(0, "127.0.0.1", () => resolve(server));
      });
    }
  }
}

async function listen(start: (resolve: (server: ReturnType<typeof createServer>) => void) => void) {
  const server = await new Promise<ReturnType<typeof createServer>>(start);
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const figures: Record<string, { tried: number; refused: number }> = {};
afterAll(() => {
  const dir = join(ROOT, ".tmp/robustness");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "hostile-route-variants.json"), `${JSON.stringify({ targets: UNSIGNED_TARGETS.length, figures }, null, 2)}\n`);
});

describe.each(FORMS.map((form) => ({ form })))("$form behind real routes", ({ form }) => {
  const received: Received[] = [];
  let server: { port: number; close(): Promise<void> };
  beforeAll(async () => {
    server = await startForm(form, received);
  });
  afterAll(() => server.close());

  it.each(UNSIGNED_TARGETS.map((url) => ({ url })))("an unsigned GET $url never reaches a handler", async ({ url }) => {
    received.length = 0;
    const response = await sendRaw(server.port, { method: "GET", target: url, headers: [] });
    expect(response.status, response.body).toBeGreaterThanOrEqual(400);
    expect(response.status, response.body).toBeLessThan(500);
    expect(received).toEqual([]);
    const entry = figures[form] ?? { tried: 0, refused: 0 };
    entry.tried += 1;
    entry.refused += 1;
    figures[form] = entry;
  });

  it("an unsigned POST with a body to a catch-all path never reaches a handler", async () => {
    received.length = 0;
    const body = '{"scope":"admin"}';
    const response = await sendRaw(server.port, {
      method: "POST",
      target: "/api/v1/integrations/token",
      headers: [
        ["content-type", "application/json"],
        ["content-length", String(body.length)],
      ],
      body,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(received).toEqual([]);
  });

  it("a signed GET reaches the param route with exactly the signed method, path and query", async () => {
    received.length = 0;
    const headers = await target.sign({ method: "GET", target: PING });
    const response = await sendRaw(server.port, { method: "GET", target: PING, headers });
    expect(response.status, response.body).toBe(200);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: "GET", url: PING, body: "" });
  });

  it("the public health check, declared with security: [], still reaches its handler", async () => {
    received.length = 0;
    const response = await sendRaw(server.port, { method: "GET", target: "/api/v1/health/", headers: [] });
    expect(response.status).toBe(200);
    expect(received.map((entry) => entry.url)).toEqual(["/api/v1/health/"]);
  });
});
