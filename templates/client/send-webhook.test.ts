/**
 * sendWebhook against a real node:http server on 127.0.0.1 that verifies the raw bytes it received with
 * the providers' own libraries (stripe constructEvent, standardwebhooks, octokit verify): the bytes signed
 * are the bytes sent. signedWebhookRequest feeds a receiver directly, as a consumer's test would.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verify as octokitVerify } from "@octokit/webhooks-methods";
import { Webhook } from "standardwebhooks";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebhookScheme } from "../runtime/types.js";
import { webhookReceiver } from "../server/webhook-receiver.js";
import { sendWebhook, signedWebhookRequest } from "./send-webhook.js";

const scheme = (preset: WebhookScheme["preset"]): WebhookScheme => ({
  profile: "webhook",
  name: preset,
  preset,
  toleranceSeconds: 300,
  failureStatus: 401,
});
const BODY = JSON.stringify({ id: "evt_1", note: "café" });
const SECRETS = { stripe: "whsec_send", standard: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", github: "gh-send" };
const stripe = new Stripe("sk_test_send");

/** The oracle: each provider's library over the raw bytes the server received. */
async function verifiedByLibrary(
  path: string,
  headers: Record<string, string | string[] | undefined>,
  raw: Buffer,
): Promise<boolean> {
  const header = (name: string) => String(headers[name] ?? "");
  try {
    if (path === "/stripe")
      return stripe.webhooks.constructEvent(raw, header("stripe-signature"), SECRETS.stripe).id === "evt_1";
    if (path === "/standard") {
      new Webhook(SECRETS.standard).verify(raw, {
        "webhook-id": header("webhook-id"),
        "webhook-timestamp": header("webhook-timestamp"),
        "webhook-signature": header("webhook-signature"),
      });
      return true;
    }
    return await octokitVerify(SECRETS.github, raw.toString("utf8"), header("x-hub-signature-256"));
  } catch {
    return false;
  }
}

let server: Server;
let base = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const ok = await verifiedByLibrary(req.url ?? "", req.headers, Buffer.concat(chunks));
      res.writeHead(ok ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("sendWebhook", () => {
  it.each([
    ["stripe", "/stripe", SECRETS.stripe],
    ["standard-webhooks", "/standard", SECRETS.standard],
    ["github", "/github", SECRETS.github],
  ] as const)(
    "a %s delivery verifies in the provider's library on the receiving server",
    async (preset, path, secret) => {
      const response = await sendWebhook(scheme(preset), `${base}${path}`, { body: BODY }, { secrets: secret });
      expect(response.status).toBe(204);
    },
  );

  it("the same server refuses a delivery signed with another secret (the oracle can fail)", async () => {
    const response = await sendWebhook(scheme("stripe"), `${base}/stripe`, { body: BODY }, { secrets: "whsec_other" });
    expect(response.status).toBe(401);
  });
});

describe("signedWebhookRequest, for a consumer's tests", () => {
  it("reaches a receiver's handler with the bytes signed; the same request with its body changed does not", async () => {
    const receiver = webhookReceiver(scheme("github"), { secrets: SECRETS.github }, async (delivery) =>
      Response.json(delivery.json()),
    );
    const request = await signedWebhookRequest(
      scheme("github"),
      "https://consumer.example/hooks",
      { body: BODY },
      { secrets: SECRETS.github },
    );
    const forged = new Request(request.url, {
      method: "POST",
      headers: request.headers,
      body: BODY.replace("café", "cafe"),
    });
    const accepted = await receiver(request);
    expect([accepted.status, await accepted.json()]).toEqual([200, JSON.parse(BODY)]);
    expect((await receiver(forged)).status).toBe(401);
  });
});
