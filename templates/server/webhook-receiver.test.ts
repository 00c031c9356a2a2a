/**
 * webhookReceiver behind a real HTTP server on 127.0.0.1 (@hono/node-server serving the fetch handler),
 * with deliveries signed by the providers' own libraries: the signed one reaches the handler with its
 * bytes, and the tampered, stale, replayed, oversized, encoded and unsigned ones are refused with
 * problem+json before it runs.
 */
import { type ServerType, serve } from "@hono/node-server";
import { sign as octokitSign } from "@octokit/webhooks-methods";
import { Webhook } from "standardwebhooks";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryReplayStore } from "../runtime/replay-store.js";
import type { WebhookScheme } from "../runtime/types.js";
import { webhookReceiver } from "./webhook-receiver.js";

const scheme = (preset: WebhookScheme["preset"]): WebhookScheme => ({
  profile: "webhook",
  name: `${preset}Hook`,
  preset,
  toleranceSeconds: 300,
  failureStatus: 401,
});
const BODY = JSON.stringify({ id: "evt_1", type: "invoice.paid" });
const STRIPE_SECRET = "whsec_receiver";
const STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const GITHUB_SECRET = "It's a Secret to Everybody";

const seen: unknown[] = [];
const record = async (delivery: { json(): unknown }) => {
  seen.push(delivery.json());
  return new Response("ok", { status: 200 });
};
const routes: Record<string, (request: Request) => Promise<Response>> = {
  "/stripe": webhookReceiver(scheme("stripe"), { secrets: ["whsec_old", STRIPE_SECRET] }, record),
  "/standard": webhookReceiver(
    scheme("standard-webhooks"),
    { secrets: STANDARD_SECRET, replayStore: new MemoryReplayStore() },
    record,
  ),
  "/github": webhookReceiver(scheme("github"), { secrets: GITHUB_SECRET, maxBodyBytes: 1024 }, record),
};

let server: ServerType;
let base = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serve(
      {
        fetch: (request) => routes[new URL(request.url).pathname]?.(request) ?? new Response("", { status: 404 }),
        port: 0,
        hostname: "127.0.0.1",
      },
      (info) => {
        base = `http://127.0.0.1:${info.port}`;
        resolve();
      },
    );
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function post(path: string, headers: Record<string, string>, body: string = BODY) {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    reason: text.startsWith("{") ? (JSON.parse(text) as { reason?: string }).reason : undefined,
  };
}

describe("a Stripe receiver", () => {
  const stripe = new Stripe("sk_test_receiver");
  it("passes a delivery signed by stripe's generateTestHeaderString to the handler, parsed", async () => {
    seen.length = 0;
    const header = stripe.webhooks.generateTestHeaderString({ payload: BODY, secret: STRIPE_SECRET });
    expect(await post("/stripe", { "stripe-signature": header })).toMatchObject({ status: 200 });
    expect(seen).toEqual([JSON.parse(BODY)]);
  });

  it("refuses a tampered body, a stale delivery and a missing header with problem+json, before the handler", async () => {
    seen.length = 0;
    const header = stripe.webhooks.generateTestHeaderString({ payload: BODY, secret: STRIPE_SECRET });
    expect(await post("/stripe", { "stripe-signature": header }, BODY.replace("1", "2"))).toEqual({
      status: 401,
      type: "application/problem+json",
      reason: "bad_signature",
    });
    const stale = stripe.webhooks.generateTestHeaderString({
      payload: BODY,
      secret: STRIPE_SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    expect(await post("/stripe", { "stripe-signature": stale })).toMatchObject({
      status: 401,
      reason: "stale_timestamp",
    });
    expect(await post("/stripe", {})).toMatchObject({ status: 401, reason: "missing_credentials" });
    expect(seen).toEqual([]);
  });

  it("refuses a Content-Encoding: the signature covers the bytes sent, not a decoder's output", async () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload: BODY, secret: STRIPE_SECRET });
    expect(await post("/stripe", { "stripe-signature": header, "content-encoding": "gzip" })).toMatchObject({
      status: 415,
      reason: "unsigned_encoding",
    });
  });
});

describe("a Standard Webhooks receiver with a replay store", () => {
  it("accepts a delivery signed by standardwebhooks once; the same webhook-id again is a replay", async () => {
    const timestamp = new Date();
    const headers = {
      "webhook-id": "msg_receiver",
      "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
      "webhook-signature": new Webhook(STANDARD_SECRET).sign("msg_receiver", timestamp, BODY),
    };
    expect(await post("/standard", headers)).toMatchObject({ status: 200 });
    expect(await post("/standard", headers)).toMatchObject({ status: 401, reason: "replayed_delivery" });
  });
});

describe("a GitHub receiver with a 1 KiB limit", () => {
  it("accepts octokit's signature and refuses a larger body with 413 before verifying it", async () => {
    expect(await post("/github", { "x-hub-signature-256": await octokitSign(GITHUB_SECRET, BODY) })).toMatchObject({
      status: 200,
    });
    const big = JSON.stringify({ data: "x".repeat(2048) });
    expect(await post("/github", { "x-hub-signature-256": await octokitSign(GITHUB_SECRET, big) }, big)).toMatchObject({
      status: 413,
      reason: "body_too_large",
    });
  });

  it("a Twilio receiver without its public URL is refused when it is built", () => {
    expect(() => webhookReceiver(scheme("twilio"), { secrets: "t" }, record)).toThrow(/publicUrl/);
  });
});
