/**
 * Properties over every preset: what we sign verifies, under node:crypto and Web Crypto alike; header
 * names' case and order do not matter; any change to the body or the signature is refused.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PRESETS, schemeFor } from "../../../test/support/webhook-schemes.js";
import { webCryptoProvider } from "../crypto-provider.js";
import type { WebhookPreset } from "../types.js";
import type { WebhookPayload } from "./delivery.js";
import { signWebhook } from "./sign.js";
import { verifyWebhook } from "./verify.js";

const NOW = 1_700_000_000_000;
const URL = "https://hooks.example.com/in?tenant=7";
const SECRETS: Record<WebhookPreset, string> = {
  "standard-webhooks": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  stripe: "whsec_stripe",
  github: "gh-secret",
  slack: "slack-secret",
  shopify: "shopify-secret",
  twilio: "twilio-token",
};

const BODY = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 200 }),
  fc.uint8Array({ minLength: 1, maxLength: 200 }),
);

/** Twilio signs a non-form body through its hash: the body is then covered byte for byte, as elsewhere. */
const payloadOf = (body: string | Uint8Array): WebhookPayload => ({ body, url: URL, contentType: "application/json" });

function headerCasings(headers: Record<string, string>, upper: boolean): Array<[string, string]> {
  return Object.entries(headers)
    .map(([name, value]): [string, string] => [upper ? name.toUpperCase() : name.toLowerCase(), value])
    .reverse();
}

describe.each(PRESETS)("%s", (preset) => {
  const scheme = schemeFor(preset);
  const secrets = SECRETS[preset];
  const options = { secrets, now: () => NOW };

  it("sign then verify holds, whatever the header names' case and order, under both crypto providers", async () => {
    await fc.assert(
      fc.asyncProperty(BODY, fc.boolean(), async (body, upper) => {
        const signed = await signWebhook(scheme, payloadOf(body), options);
        const delivery = {
          headers: [...headerCasings(signed.headers, upper), ["Content-Type", "application/json"]] as Array<
            [string, string]
          >,
          body,
          url: signed.url,
        };
        expect(await verifyWebhook(scheme, delivery, options)).toMatchObject({ ok: true, scheme: scheme.name, preset });
        expect((await verifyWebhook(scheme, delivery, { ...options, crypto: webCryptoProvider() })).ok).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("any changed body byte is refused", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 120 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (body, at, flip) => {
          const signed = await signWebhook(scheme, payloadOf(body), options);
          const tampered = body.slice();
          const index = at % body.length;
          tampered[index] = (tampered[index] ?? 0) ^ flip;
          const delivery = {
            headers: { ...signed.headers, "content-type": "application/json" },
            body: tampered,
            url: signed.url,
          };
          const result = await verifyWebhook(scheme, delivery, options);
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("any changed signature character is refused", async () => {
    const body = '{"event":"ping"}';
    const signed = await signWebhook(scheme, payloadOf(body), options);
    const [name, value] = signatureHeader(preset, signed.headers);
    const start = value.length - (preset === "shopify" || preset === "twilio" ? 28 : 44);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: Math.max(start, 0), max: value.length - 2 }),
        fc.constantFrom("A", "f", "0", "/"),
        async (at, char) => {
          fc.pre(value[at] !== char);
          const changed = `${value.slice(0, at)}${char}${value.slice(at + 1)}`;
          const delivery = {
            headers: { ...signed.headers, [name]: changed, "content-type": "application/json" },
            body,
            url: signed.url,
          };
          expect((await verifyWebhook(scheme, delivery, options)).ok).toBe(false);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("a secret the verifier does not hold is refused as bad_signature", async () => {
    const signed = await signWebhook(scheme, payloadOf("{}"), options);
    const other = preset === "standard-webhooks" ? "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD" : "other";
    const delivery = {
      headers: { ...signed.headers, "content-type": "application/json" },
      body: "{}",
      url: signed.url,
    };
    expect(await verifyWebhook(scheme, delivery, { ...options, secrets: other })).toMatchObject({
      ok: false,
      reason: "bad_signature",
      status: 401,
    });
  });
});

function signatureHeader(preset: WebhookPreset, headers: Record<string, string>): [string, string] {
  const name = {
    "standard-webhooks": "webhook-signature",
    stripe: "Stripe-Signature",
    github: "X-Hub-Signature-256",
    slack: "X-Slack-Signature",
    shopify: "X-Shopify-Hmac-Sha256",
    twilio: "X-Twilio-Signature",
  }[preset];
  return [name, headers[name] ?? ""];
}
