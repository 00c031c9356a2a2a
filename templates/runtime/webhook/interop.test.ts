/**
 * Byte-for-byte interop with the libraries consumers and providers already run, both directions: our
 * signature verifies in theirs and equals theirs for the same inputs; theirs verifies in ours. The
 * libraries are the oracle: none of their code is shared with this profile (standardwebhooks computes
 * HMAC in pure JS with fast-sha256, stripe and @octokit/webhooks-methods with node:crypto themselves).
 */
import { sign as octokitSign, verify as octokitVerify, verifyWithFallback } from "@octokit/webhooks-methods";
import { Webhook } from "standardwebhooks";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { schemeFor } from "../../../test/support/webhook-schemes.js";
import { signWebhook } from "./sign.js";
import { verifyWebhook } from "./verify.js";

const BODY = JSON.stringify({ id: "evt_1", type: "invoice.paid", data: { object: { amount: 1999, note: "café ☕" } } });
const BODY_BYTES = new TextEncoder().encode(BODY);
const stripeClient = new Stripe("sk_test_interop");

describe("standardwebhooks (the Standard Webhooks reference library)", () => {
  const scheme = schemeFor("standard-webhooks");
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const reference = new Webhook(secret);

  it("our signature equals the library's and verifies in it", async () => {
    const now = Date.now();
    const signed = await signWebhook(scheme, { body: BODY }, { secrets: secret, id: "msg_interop", now: () => now });
    const date = new Date(Math.floor(now / 1000) * 1000);
    expect(signed.headers["webhook-signature"]).toBe(reference.sign("msg_interop", date, BODY));
    expect(reference.verify(BODY, signed.headers)).toEqual(JSON.parse(BODY));
  });

  it("the library's signature verifies in ours, from text and from bytes", async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      "webhook-id": "msg_theirs",
      "webhook-timestamp": String(timestamp),
      "webhook-signature": reference.sign("msg_theirs", new Date(timestamp * 1000), BODY_BYTES),
    };
    for (const body of [BODY, BODY_BYTES]) {
      expect(await verifyWebhook(scheme, { headers, body }, { secrets: secret })).toMatchObject({
        ok: true,
        id: "msg_theirs",
      });
    }
  });

  it("signing with two secrets gives a header each library instance verifies", async () => {
    const next = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    const signed = await signWebhook(scheme, { body: BODY }, { secrets: [secret, next] });
    expect(signed.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect(() => new Webhook(secret).verify(BODY, signed.headers)).not.toThrow();
    expect(() => new Webhook(next).verify(BODY, signed.headers)).not.toThrow();
  });

  it("a raw-key secret (Uint8Array) matches the library's raw format", async () => {
    const key = new Uint8Array(24).map((_, i) => i * 7);
    const signed = await signWebhook(scheme, { body: BODY }, { secrets: key });
    expect(() => new Webhook(key, { format: "raw" }).verify(BODY, signed.headers)).not.toThrow();
  });
});

describe("stripe (webhooks.constructEvent, generateTestHeaderString)", () => {
  const scheme = schemeFor("stripe");
  const secret = "whsec_test_secret_for_interop";

  it("our header equals generateTestHeaderString's and constructEvent accepts it", async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = await signWebhook(scheme, { body: BODY }, { secrets: secret, now: () => timestamp * 1000 });
    expect(signed.headers["Stripe-Signature"]).toBe(
      stripeClient.webhooks.generateTestHeaderString({ payload: BODY, secret, timestamp }),
    );
    const header = signed.headers["Stripe-Signature"] ?? "";
    expect(stripeClient.webhooks.constructEvent(BODY, header, secret).id).toBe("evt_1");
    expect(stripeClient.webhooks.constructEvent(Buffer.from(BODY_BYTES), header, secret).id).toBe("evt_1");
  });

  it("generateTestHeaderString's header verifies in ours, with and without a second secret configured", async () => {
    const header = stripeClient.webhooks.generateTestHeaderString({ payload: BODY, secret });
    const delivery = { headers: { "stripe-signature": header }, body: BODY };
    expect((await verifyWebhook(scheme, delivery, { secrets: secret })).ok).toBe(true);
    expect((await verifyWebhook(scheme, delivery, { secrets: ["whsec_old", secret] })).ok).toBe(true);
    expect(await verifyWebhook(scheme, delivery, { secrets: "whsec_other" })).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("a header signed with two secrets passes constructEvent under either", async () => {
    const signed = await signWebhook(scheme, { body: BODY }, { secrets: [secret, "whsec_next"] });
    const header = signed.headers["Stripe-Signature"] ?? "";
    expect(stripeClient.webhooks.constructEvent(BODY, header, secret).id).toBe("evt_1");
    expect(stripeClient.webhooks.constructEvent(BODY, header, "whsec_next").id).toBe("evt_1");
  });

  it("agrees with constructEvent on the tolerance edge (300 s accepted, 301 s refused)", async () => {
    const timestamp = 1_700_000_000;
    const header = stripeClient.webhooks.generateTestHeaderString({ payload: BODY, secret, timestamp });
    const delivery = { headers: { "stripe-signature": header }, body: BODY };
    for (const [age, ok] of [
      [300, true],
      [301, false],
    ] as const) {
      const theirs = () =>
        stripeClient.webhooks.constructEvent(BODY, header, secret, 300, undefined, (timestamp + age) * 1000);
      if (ok) expect(theirs).not.toThrow();
      else expect(theirs).toThrow(/tolerance/);
      const ours = await verifyWebhook(scheme, delivery, { secrets: secret, now: () => (timestamp + age) * 1000 });
      expect(ours.ok).toBe(ok);
    }
  });
});

describe("@octokit/webhooks-methods (sign, verify)", () => {
  const scheme = schemeFor("github");
  const secret = "It's a Secret to Everybody";

  it("our header equals octokit's sign() and its verify() accepts it", async () => {
    const signed = await signWebhook(scheme, { body: BODY }, { secrets: secret });
    const header = signed.headers["X-Hub-Signature-256"] ?? "";
    expect(header).toBe(await octokitSign(secret, BODY));
    expect(await octokitVerify(secret, BODY, header)).toBe(true);
  });

  it("octokit's signature verifies in ours; a rotation verifies in both", async () => {
    const header = await octokitSign("new secret", BODY);
    const delivery = { headers: { "X-Hub-Signature-256": header }, body: BODY_BYTES };
    expect((await verifyWebhook(scheme, delivery, { secrets: [secret, "new secret"] })).ok).toBe(true);
    expect(await verifyWithFallback(secret, BODY, header, ["new secret"])).toBe(true);
    expect(await verifyWebhook(scheme, delivery, { secrets: secret })).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
  });
});
