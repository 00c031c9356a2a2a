/**
 * The hostile request classes of the fail-closed suite (duplicated, injected and folded headers, framing
 * tricks, oversized bodies, replays, stale and foreign signatures), sent as raw HTTP to webhook receivers
 * behind a real server on 127.0.0.1. Each must be a 4xx: the reason's problem+json, or the status Node's
 * HTTP parser answers before any receiver code runs. None may reach the handler.
 */
import { type ServerType, serve } from "@hono/node-server";
import { Webhook } from "standardwebhooks";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReasonCode } from "../../templates/runtime/reasons.js";
import { MemoryReplayStore } from "../../templates/runtime/replay-store.js";
import type { WebhookScheme } from "../../templates/runtime/types.js";
import { webhookReceiver } from "../../templates/server/webhook-receiver.js";
import { type RawRequest, sendRaw } from "./support/raw-http.js";

const BODY = '{"id":"evt_1","type":"invoice.paid"}';
const STRIPE_SECRET = "whsec_hostile";
const STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const stripe = new Stripe("sk_test_hostile");
const scheme = (preset: WebhookScheme["preset"]): WebhookScheme => ({
  profile: "webhook",
  name: preset,
  preset,
  toleranceSeconds: 300,
  failureStatus: 401,
});

let handled = 0;
const handler = async () => {
  handled++;
  return new Response("ok");
};
const routes: Record<string, (request: Request) => Promise<Response>> = {
  "/stripe": webhookReceiver(scheme("stripe"), { secrets: STRIPE_SECRET, maxBodyBytes: 4096 }, handler),
  "/standard": webhookReceiver(scheme("standard-webhooks"), { secrets: STANDARD_SECRET, replayStore: new MemoryReplayStore() }, handler),
};

let server: ServerType;
let port = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serve(
      {
        fetch: (request) => routes[new URL(request.url).pathname]?.(request) ?? new Response("", { status: 404 }),
        port: 0,
        hostname: "127.0.0.1",
      },
      (info) => {
        port = info.port;
        resolve();
      },
    );
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Headers = Array<[string, string]>;
const json: Headers = [["Content-Type", "application/json"]];
const stripeHeader = (options: { secret?: string; timestamp?: number; payload?: string } = {}) =>
  stripe.webhooks.generateTestHeaderString({
    payload: options.payload ?? BODY,
    secret: options.secret ?? STRIPE_SECRET,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  });
const length = (body: string): Headers => [["Content-Length", String(Buffer.byteLength(body))]];
const stripePost = (headers: Headers, body = BODY): RawRequest => ({
  method: "POST",
  target: "/stripe",
  headers: [...json, ...length(body), ...headers],
  body,
});
function standardHeaders(id: string, at = Date.now()): Headers {
  const date = new Date(Math.floor(at / 1000) * 1000);
  return [
    ["webhook-id", id],
    ["webhook-timestamp", String(date.getTime() / 1000)],
    ["webhook-signature", new Webhook(STANDARD_SECRET).sign(id, date, BODY)],
  ];
}
const standardPost = (headers: Headers): RawRequest => ({
  method: "POST",
  target: "/standard",
  headers: [...json, ...length(BODY), ...headers],
  body: BODY,
});
const now = () => Math.floor(Date.now() / 1000);

interface Case {
  name: string;
  prime?: () => RawRequest;
  build: () => RawRequest;
  reasons: readonly ReasonCode[];
  parser?: readonly number[];
}

const CASES: Case[] = [
  { name: "no credentials at all", build: () => stripePost([]), reasons: ["missing_credentials"] },
  {
    name: "signed with another secret",
    build: () => stripePost([["Stripe-Signature", stripeHeader({ secret: "whsec_other" })]]),
    reasons: ["bad_signature"],
  },
  {
    name: "the body changed after signing",
    build: () => stripePost([["Stripe-Signature", stripeHeader()]], BODY.replace("paid", "void")),
    reasons: ["bad_signature"],
  },
  {
    name: "signed 301 s in the past",
    build: () => stripePost([["Stripe-Signature", stripeHeader({ timestamp: now() - 301 })]]),
    reasons: ["stale_timestamp"],
  },
  {
    name: "signed 301 s in the future",
    build: () => stripePost([["Stripe-Signature", stripeHeader({ timestamp: now() + 301 })]]),
    reasons: ["future_timestamp"],
  },
  {
    name: "signature header sent twice (the real one, then a forged one)",
    build: () =>
      stripePost([
        ["Stripe-Signature", stripeHeader()],
        ["Stripe-Signature", stripeHeader({ secret: "whsec_other" })],
      ]),
    reasons: ["malformed_header"],
  },
  {
    name: "signature header sent twice, the same value both times",
    build: () => {
      const header = stripeHeader();
      return stripePost([
        ["Stripe-Signature", header],
        ["Stripe-Signature", header],
      ]);
    },
    reasons: ["malformed_header"],
  },
  {
    name: "timestamp header sent twice",
    build: () => {
      const headers = standardHeaders("msg_ts_twice");
      return standardPost([...headers, ["webhook-timestamp", headers[1]?.[1] ?? ""]]);
    },
    reasons: ["malformed_timestamp"],
  },
  {
    name: "webhook id sent twice (another id beside the signed one)",
    build: () => standardPost([...standardHeaders("msg_id_twice"), ["webhook-id", "msg_other"]]),
    reasons: ["bad_signature"],
  },
  {
    name: "the same delivery sent twice",
    prime: () => standardPost(standardHeaders("msg_replayed")),
    build: () => standardPost(standardHeaders("msg_replayed")),
    reasons: ["replayed_delivery"],
  },
  {
    name: "CRLF injection: bare LF inside the signature header",
    build: () => stripePost([["Stripe-Signature", `${stripeHeader()}\nX-Injected: 1`]]),
    reasons: ["malformed_signature", "malformed_header", "bad_signature"],
    parser: [400],
  },
  {
    name: "obsolete line folding of the signature header",
    build: () => {
      const header = stripeHeader();
      return stripePost([["Stripe-Signature", `${header.slice(0, 14)}\r\n ${header.slice(14)}`]]);
    },
    reasons: ["malformed_signature", "malformed_header", "bad_signature"],
    parser: [400],
  },
  {
    name: "request smuggling: Content-Length and Transfer-Encoding together",
    build: () => ({
      method: "POST",
      target: "/stripe",
      headers: [...json, ["Stripe-Signature", stripeHeader()], ["Content-Length", "16"], ["Transfer-Encoding", "chunked"]],
      body: `${BODY.length.toString(16)}\r\n${BODY}\r\n0\r\n\r\n`,
    }),
    reasons: ["bad_signature"],
    parser: [400],
  },
  {
    name: "Content-Length not a number",
    build: () => ({
      method: "POST",
      target: "/stripe",
      headers: [...json, ["Stripe-Signature", stripeHeader()], ["Content-Length", "sixteen"]],
      body: BODY,
    }),
    reasons: ["bad_signature"],
    parser: [400],
  },
  {
    name: "a chunked body over the limit, with no Content-Length to refuse it by",
    build: () => {
      const big = JSON.stringify({ data: "x".repeat(8192) });
      return {
        method: "POST",
        target: "/stripe",
        headers: [...json, ["Stripe-Signature", stripeHeader({ payload: big })], ["Transfer-Encoding", "chunked"]],
        body: `${Buffer.byteLength(big).toString(16)}\r\n${big}\r\n0\r\n\r\n`,
      };
    },
    reasons: ["body_too_large"],
  },
  {
    name: "a gzip Content-Encoding the signature does not cover",
    build: () =>
      stripePost([
        ["Stripe-Signature", stripeHeader()],
        ["Content-Encoding", "gzip"],
      ]),
    reasons: ["unsigned_encoding"],
  },
];

describe("hostile deliveries to webhook receivers", () => {
  it.each(CASES)("$name", async (hostile) => {
    if (hostile.prime) expect((await sendRaw(port, hostile.prime())).status).toBe(200);
    const before = handled;
    const response = await sendRaw(port, hostile.build());
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    if (hostile.parser?.includes(response.status) && !response.headers["content-type"]?.includes("problem+json")) return;
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(hostile.reasons).toContain((JSON.parse(response.body) as { reason: ReasonCode }).reason);
    expect(handled).toBe(before);
  });

  it("the baseline: an untouched signed delivery is accepted (so the refusals above are the hostility's doing)", async () => {
    expect((await sendRaw(port, stripePost([["Stripe-Signature", stripeHeader()]]))).status).toBe(200);
    expect((await sendRaw(port, standardPost(standardHeaders("msg_baseline")))).status).toBe(200);
  });
});
