/**
 * Frameworks route looser than the spec: Express ignores case and a trailing slash, Fastify and Hono decode
 * percent-escapes, node handlers often resolve `..` through a URL, and HEAD runs the GET handler. None of
 * those variants may reach a signed operation's handler unsigned: the verifier matches them to the
 * operation and verifies. Each framework here routes the declared path to its handler, as apps do.
 */
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { createClient } from "../golden/nextcloud-drf/client.js";
import {
  createVerifier,
  expressVerification,
  fastifyVerification,
  honoVerification,
  verificationOf,
  withNodeVerification,
} from "../golden/nextcloud-drf/server.js";

const PING = "/api/v1/integrations/nextcloud/ping/";
const VARIANTS: Array<[method: string, target: string]> = [
  ["GET", "/API/V1/INTEGRATIONS/NEXTCLOUD/PING/"],
  ["GET", "/api/v1/integrations/nextcloud/ping"],
  ["HEAD", PING],
  ["GET", "/api/v1/integrations/nextcloud/p%69ng/"],
  ["GET", "/api/v1/integrations/x/../nextcloud/ping/"],
  ["GET", "/api/v1/integrations/nextcloud/ping/x/%2e%2e/"],
  ["GET", "//api/v1/integrations/nextcloud/ping/"],
  ["GET", "/api/v1/integrations/nextcloud/./ping/"],
];

let handlerRuns = 0;
const verifier = () =>
  createVerifier({ resolveKey: (keyId) => (keyId === TEST_KEY_ID ? TEST_SECRETS.base64 : undefined), now: () => TEST_NOW_MS });

type Started = { baseUrl: string; close(): Promise<void> };

const FRAMEWORKS: Record<string, () => Promise<Started>> = {
  async express() {
    const app = express();
    app.use(expressVerification(verifier()));
    app.get(PING, (req, res) => {
      handlerRuns += verificationOf(req) ? 1 : 0;
      res.json({ status: "ok" });
    });
    return listen(createServer(app));
  },
  async fastify() {
    const app = Fastify();
    await app.register(fastifyVerification(verifier()));
    app.get(PING, async () => {
      handlerRuns += 1;
      return { status: "ok" };
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    return { baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() };
  },
  async hono() {
    const app = new Hono();
    app.use(honoVerification(verifier()));
    app.get(PING, (c) => {
      handlerRuns += 1;
      return c.json({ status: "ok" });
    });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
    });
    return {
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => new Promise((r) => server.close(() => r())),
    };
  },
  async node() {
    return listen(
      createServer(
        withNodeVerification(verifier(), (req, res) => {
          // Routing as many node apps do: through a URL, which resolves `..` and `.`.
          if (new URL(req.url ?? "/", "http://x").pathname.replace(/\/{2,}/g, "/") !== PING) return void res.writeHead(404).end();
          handlerRuns += 1;
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok" }));
        }),
      ),
    );
  },
};

async function listen(server: ReturnType<typeof createServer>): Promise<Started> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The exact request-target, which fetch would normalise. */
function raw(baseUrl: string, method: string, path: string): Promise<number> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

describe.each(Object.keys(FRAMEWORKS).map((framework) => ({ framework })))("$framework", ({ framework }) => {
  let started: Started;
  beforeAll(async () => {
    started = await (FRAMEWORKS[framework] as () => Promise<Started>)();
  });
  afterAll(() => started.close());

  it("serves the signed request", async () => {
    const client = createClient({
      baseUrl: started.baseUrl,
      credentials: { integrationHmac: { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 } },
      now: () => TEST_NOW_MS,
    });
    const before = handlerRuns;
    expect((await client.GET(PING)).response.status).toBe(200);
    expect(handlerRuns).toBe(before + 1);
  });

  it.each(VARIANTS.map(([method, target]) => ({ method, target })))(
    "never runs the handler for an unsigned $method $target",
    async ({ method, target }) => {
      const before = handlerRuns;
      const status = await raw(started.baseUrl, method, target);
      expect(handlerRuns, `status ${status}`).toBe(before);
      expect([401, 404]).toContain(status);
    },
  );
});

describe("express under a mount path (app.use('/v1', router))", () => {
  let started: Started;
  beforeAll(async () => {
    const router = express.Router();
    router.use(expressVerification(createVerifier({ resolveKey: () => TEST_SECRETS.base64, now: () => TEST_NOW_MS, basePath: "/v1" })));
    router.get(PING, (_req, res) => {
      res.json({ status: "ok" });
    });
    const app = express();
    app.use("/v1", router);
    started = await listen(createServer(app));
  });
  afterAll(() => started.close());

  it("verifies the URL as sent (req.originalUrl), not the one Express stripped the mount from", async () => {
    const client = createClient({
      baseUrl: `${started.baseUrl}/v1`,
      credentials: { integrationHmac: { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 } },
      now: () => TEST_NOW_MS,
    });
    expect((await client.GET(PING)).response.status).toBe(200);
    expect(await raw(started.baseUrl, "GET", `/v1${PING}`)).toBe(401);
  });
});
