/**
 * The generated webhooks.ts (golden of specs/webhooks.yaml) behind each adapter on a real server on
 * 127.0.0.1: a delivery signed by the provider's own library (@octokit/webhooks-methods for GitHub,
 * standardwebhooks for Standard Webhooks) reaches its typed handler byte for byte; tampered, stale,
 * replayed and unsigned ones get 4xx problem+json and never reach it.
 */
import { createServer } from "node:http";
import { sign as octokitSign } from "@octokit/webhooks-methods";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryReplayStore } from "../../templates/runtime/replay-store.js";
import {
  fastifyWebhook,
  honoWebhook,
  invoicePaidReceiver,
  nodeWebhook,
  type PushPayload,
  pushReceiver,
} from "../golden/webhooks/webhooks.js";
import { type RunningServer, startFetchHandler } from "../support/adapter-servers.js";

const GITHUB_SECRET = "It's a Secret to Everybody";
const STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
// Key order and spacing a re-serialisation would not keep: the handler must get these exact bytes.
const PUSH = '{ "ref":"refs/heads/main",  "commits":[{"message":"fix","id":"c0ffee"}] }';
const INVOICE = '{"type":"invoice.paid","data":{"invoiceId":"in_1","amountCents":1250}}';

interface Seen {
  text: string;
  ref?: string;
}

function routes(seen: Seen[]) {
  const github = pushReceiver({ secrets: GITHUB_SECRET }, (delivery) => {
    const push: PushPayload = delivery.json();
    seen.push({ text: delivery.text(), ref: push.ref });
    return new Response(null, { status: 204 });
  });
  const standard = invoicePaidReceiver({ secrets: STANDARD_SECRET, replayStore: new MemoryReplayStore() }, (delivery) => {
    seen.push({ text: delivery.text(), ref: delivery.json().data.invoiceId });
    return new Response(null, { status: 204 });
  });
  return { github, standard };
}

type Start = (seen: Seen[]) => Promise<RunningServer>;

const listen = async (server: ReturnType<typeof createServer>): Promise<RunningServer> => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

const ADAPTERS: Record<string, Start> = {
  web: (seen) => {
    const { github, standard } = routes(seen);
    return startFetchHandler((request) => (new URL(request.url).pathname === "/github" ? github : standard)(request));
  },
  hono: (seen) => {
    const { github, standard } = routes(seen);
    const app = new Hono();
    app.post("/github", honoWebhook(github));
    app.post("/standard", honoWebhook(standard));
    return startFetchHandler(app.fetch);
  },
  express: (seen) => {
    const { github, standard } = routes(seen);
    const app = express();
    app.post("/github", nodeWebhook(github));
    app.post("/standard", nodeWebhook(standard));
    // A body parser for the app's other routes; the webhook routes answered before it.
    app.use(express.json());
    return listen(createServer(app));
  },
  node: (seen) => {
    const { github, standard } = routes(seen);
    const [onGithub, onStandard] = [nodeWebhook(github), nodeWebhook(standard)];
    return listen(createServer((req, res) => (req.url === "/github" ? onGithub : onStandard)(req, res)));
  },
  fastify: async (seen) => {
    const { github, standard } = routes(seen);
    const app = Fastify();
    // The handler after the hook must never run: the hook answers every delivery.
    const never = async () => {
      throw new Error("the route handler ran after the webhook hook");
    };
    app.post("/github", { preParsing: fastifyWebhook(github) as never }, never);
    app.post("/standard", { preParsing: fastifyWebhook(standard) as never }, never);
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    return { baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
  },
};

const standardHeaders = (id: string, at: Date, body: string, secret = STANDARD_SECRET): Record<string, string> => ({
  "webhook-id": id,
  "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
  "webhook-signature": new Webhook(secret).sign(id, at, body),
});

describe.each(Object.keys(ADAPTERS))("%s", (adapter) => {
  const seen: Seen[] = [];
  let server: RunningServer;
  beforeAll(async () => {
    server = await (ADAPTERS[adapter] as Start)(seen);
  });
  afterAll(() => server.close());

  async function post(path: string, headers: Record<string, string>, body: string) {
    const before = seen.length;
    const response = await fetch(`${server.baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get("content-type"), text, reached: seen.length > before };
  }

  it("hands a GitHub delivery signed by @octokit/webhooks-methods to its typed handler, byte for byte", async () => {
    const result = await post("/github", { "x-hub-signature-256": await octokitSign(GITHUB_SECRET, PUSH) }, PUSH);
    expect(result).toMatchObject({ status: 204, reached: true });
    expect(seen.at(-1)).toEqual({ text: PUSH, ref: "refs/heads/main" });
  });

  it("refuses a tampered, an unsigned and a wrongly keyed GitHub delivery before the handler", async () => {
    const signature = await octokitSign(GITHUB_SECRET, PUSH);
    for (const [headers, body] of [
      [{ "x-hub-signature-256": signature }, PUSH.replace("main", "mainx")],
      [{}, PUSH],
      [{ "x-hub-signature-256": await octokitSign("another secret", PUSH) }, PUSH],
    ] as const) {
      const result = await post("/github", headers, body);
      expect(result, JSON.stringify(headers)).toMatchObject({ status: 401, type: "application/problem+json", reached: false });
    }
  });

  it("refuses a body over the receiver's limit with 413, signed or not, before the handler", async () => {
    const large = `{"ref":"${"x".repeat(1024 * 1024)}","commits":[]}`;
    const result = await post("/github", { "x-hub-signature-256": await octokitSign(GITHUB_SECRET, large) }, large);
    expect(result).toMatchObject({ status: 413, reached: false });
  });

  it("hands a Standard Webhooks delivery signed by standardwebhooks to its handler once; its replay is refused", async () => {
    const headers = standardHeaders(`msg_${adapter}`, new Date(), INVOICE);
    expect(await post("/standard", headers, INVOICE)).toMatchObject({ status: 204, reached: true });
    expect(seen.at(-1)).toEqual({ text: INVOICE, ref: "in_1" });
    const replayed = await post("/standard", headers, INVOICE);
    expect(replayed.status).toBeGreaterThanOrEqual(400);
    expect(replayed.status).toBeLessThan(500);
    expect(replayed.reached).toBe(false);
  });

  it("refuses a stale, a tampered and an unsigned Standard Webhooks delivery before the handler", async () => {
    const stale = standardHeaders(`msg_stale_${adapter}`, new Date(Date.now() - 600_000), INVOICE);
    const fresh = standardHeaders(`msg_tampered_${adapter}`, new Date(), INVOICE);
    for (const [headers, body] of [
      [stale, INVOICE],
      [fresh, INVOICE.replace("1250", "125000")],
      [{ "webhook-id": "msg_unsigned", "webhook-timestamp": String(Math.floor(Date.now() / 1000)) }, INVOICE],
    ] as const) {
      const result = await post("/standard", headers, body);
      expect(result, JSON.stringify(headers)).toMatchObject({ status: 401, type: "application/problem+json", reached: false });
    }
  });
});
