/**
 * The verifier's refusals, one decision each: missing and malformed credentials, the tolerance window,
 * rotation, the replay claim, strict header forms, and Twilio's body coverage. Fail closed throughout.
 */
import { describe, expect, it } from "vitest";
import { schemeFor } from "../../../test/support/webhook-schemes.js";
import { MemoryReplayStore, type ReplayStore } from "../replay-store.js";
import type { WebhookPreset } from "../types.js";
import type { WebhookDelivery, WebhookVerifyOptions } from "./delivery.js";
import { WebhookSecretError } from "./secrets.js";
import { signWebhook } from "./sign.js";
import { verifyWebhook } from "./verify.js";

const NOW = 1_700_000_000_000;
const T = NOW / 1000;
const BODY = '{"type":"ping"}';
const STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

async function delivery(preset: WebhookPreset, secrets: string | string[], at = NOW): Promise<WebhookDelivery> {
  const signed = await signWebhook(schemeFor(preset), { body: BODY }, { secrets, now: () => at });
  return { headers: signed.headers, body: BODY };
}

const verify = (
  preset: WebhookPreset,
  d: WebhookDelivery,
  options: Partial<WebhookVerifyOptions> & { secrets: WebhookVerifyOptions["secrets"] },
) => verifyWebhook(schemeFor(preset), d, { now: () => NOW, ...options });

describe("tolerance (standard-webhooks, stripe, slack)", () => {
  const secretOf = (preset: WebhookPreset) => (preset === "standard-webhooks" ? STANDARD_SECRET : "s");
  it.each(["standard-webhooks", "stripe", "slack"] as const)(
    "%s: 300 s either side passes, 301 s is stale or future",
    async (preset) => {
      const secrets = secretOf(preset);
      for (const [offset, outcome] of [
        [-300, true],
        [300, true],
        [-301, "stale_timestamp"],
        [301, "future_timestamp"],
      ] as const) {
        const result = await verify(preset, await delivery(preset, secrets, NOW + offset * 1000), { secrets });
        if (outcome === true) expect(result.ok).toBe(true);
        else expect(result).toMatchObject({ ok: false, reason: outcome, status: 401 });
      }
    },
  );

  it("a timestamp is plain decimal seconds: a sign, a fraction, an exponent or milliseconds are malformed", async () => {
    const signed = await delivery("slack", "s");
    for (const text of [`+${T}`, `${T}.0`, "1.7e9", "", "0x6553f100"]) {
      const headers = { ...(signed.headers as Record<string, string>), "X-Slack-Request-Timestamp": text };
      const result = await verify("slack", { ...signed, headers }, { secrets: "s" });
      expect(result.ok).toBe(false);
      expect(["malformed_timestamp", "missing_credentials"]).toContain(result.ok ? "" : result.reason);
    }
    const ms = { ...(signed.headers as Record<string, string>), "X-Slack-Request-Timestamp": String(NOW) };
    expect(await verify("slack", { ...signed, headers: ms }, { secrets: "s" })).toMatchObject({
      reason: "malformed_timestamp",
    });
  });
});

describe("rotation", () => {
  it("the verifier accepts a delivery signed with any of its secrets, old or new", async () => {
    for (const preset of ["stripe", "github", "slack", "shopify"] as const) {
      expect((await verify(preset, await delivery(preset, "old"), { secrets: ["new", "old"] })).ok).toBe(true);
      expect((await verify(preset, await delivery(preset, "new"), { secrets: ["new", "old"] })).ok).toBe(true);
      expect((await verify(preset, await delivery(preset, "older"), { secrets: ["new", "old"] })).ok).toBe(false);
    }
  });

  it("a sender signs with several secrets where the header carries several, and refuses where it carries one", async () => {
    const stripe = await delivery("stripe", ["a", "b"]);
    expect((stripe.headers as Record<string, string>)["Stripe-Signature"]?.match(/v1=/g)).toHaveLength(2);
    expect((await verify("stripe", stripe, { secrets: "b" })).ok).toBe(true);
    await expect(delivery("github", ["a", "b"])).rejects.toThrow(/one signature/);
  });

  it("a secret that cannot be a key throws, naming the scheme but not the secret", async () => {
    const d = await delivery("standard-webhooks", STANDARD_SECRET);
    await expect(verify("standard-webhooks", d, { secrets: "whsec_not base64!" })).rejects.toThrow(WebhookSecretError);
    await expect(verify("standard-webhooks", d, { secrets: "whsec_not base64!" })).rejects.not.toThrow(/not base64!/);
    await expect(verify("github", await delivery("github", "a"), { secrets: [] })).rejects.toThrow(/no secret/);
    await expect(verify("github", await delivery("github", "a"), { secrets: "" })).rejects.toThrow(WebhookSecretError);
  });
});

describe("replay", () => {
  it("standard-webhooks claims the signed webhook id: the same delivery twice is a replay", async () => {
    const store = new MemoryReplayStore({ now: () => NOW });
    const d = await delivery("standard-webhooks", STANDARD_SECRET);
    expect(await verify("standard-webhooks", d, { secrets: STANDARD_SECRET, replayStore: store })).toMatchObject({
      ok: true,
      replayChecked: true,
    });
    expect(await verify("standard-webhooks", d, { secrets: STANDARD_SECRET, replayStore: store })).toMatchObject({
      ok: false,
      reason: "replayed_delivery",
    });
  });

  it("stripe: a rotation delivery cut down to its other v1 is still a replay (the key is the signed content)", async () => {
    const store = new MemoryReplayStore({ now: () => NOW });
    const d = await delivery("stripe", ["a", "b"]);
    const header = (d.headers as Record<string, string>)["Stripe-Signature"] ?? "";
    const [t, first, second] = header.split(",");
    expect((await verify("stripe", d, { secrets: ["a", "b"], replayStore: store })).ok).toBe(true);
    for (const kept of [first, second]) {
      const cut = { headers: { "Stripe-Signature": `${t},${kept}` }, body: BODY };
      expect(await verify("stripe", cut, { secrets: ["a", "b"], replayStore: store })).toMatchObject({
        reason: "replayed_signature",
      });
    }
  });

  it("stripe and slack claim the signature; a delivery that fails verification claims nothing", async () => {
    for (const preset of ["stripe", "slack"] as const) {
      const store = new MemoryReplayStore({ now: () => NOW });
      const d = await delivery(preset, "s");
      expect((await verify(preset, d, { secrets: "wrong", replayStore: store })).ok).toBe(false);
      expect((await verify(preset, d, { secrets: "s", replayStore: store })).ok).toBe(true);
      expect(await verify(preset, d, { secrets: "s", replayStore: store })).toMatchObject({
        reason: "replayed_signature",
      });
    }
  });

  it("a store that cannot answer refuses with 503; presets without a signed timestamp say they checked nothing", async () => {
    const broken: ReplayStore = {
      claim() {
        throw new Error("down");
      },
    };
    const d = await delivery("stripe", "s");
    expect(await verify("stripe", d, { secrets: "s", replayStore: broken })).toMatchObject({
      reason: "replay_store_unavailable",
      status: 503,
    });
    const github = await delivery("github", "s");
    expect(await verify("github", github, { secrets: "s", replayStore: broken })).toMatchObject({
      ok: true,
      replayChecked: false,
    });
  });
});

describe("strict header forms", () => {
  const withHeader = async (
    preset: WebhookPreset,
    name: string,
    value: string,
    secrets = "s",
    base?: WebhookDelivery,
  ) => {
    const d = base ?? (await delivery(preset, secrets));
    return verify(preset, { ...d, headers: { ...(d.headers as Record<string, string>), [name]: value } }, { secrets });
  };

  it("a missing signature header is missing_credentials for every preset", async () => {
    for (const preset of ["stripe", "github", "slack", "shopify"] as const) {
      expect(await verify(preset, { headers: {}, body: BODY }, { secrets: "s" })).toMatchObject({
        reason: "missing_credentials",
      });
    }
  });

  it("stripe: items in any order and unknown keys pass; two t, no v1, or a bare item do not", async () => {
    const d = await delivery("stripe", "s");
    const [t, v1] = ((d.headers as Record<string, string>)["Stripe-Signature"] ?? "").split(",");
    const as = (header: string) => withHeader("stripe", "Stripe-Signature", header, "s", d);
    expect((await as(`v0=abc,${v1}, ${t},scheme=x`)).ok).toBe(true);
    expect((await as(`${t},v1=${"0".repeat(64)},${v1}`)).ok).toBe(true);
    expect(await as(`${t},${t},${v1}`)).toMatchObject({ reason: "malformed_header" });
    expect(await as(`${t},v0=${"0".repeat(64)}`)).toMatchObject({ reason: "unsupported_algorithm" });
    expect(await as(`${t},${v1},garbage`)).toMatchObject({ reason: "malformed_header" });
    expect(await as(`${t},v1=${"A".repeat(64)}`)).toMatchObject({ reason: "malformed_signature" });
    expect(await as(`${t},${Array.from({ length: 17 }, () => v1).join(",")}`)).toMatchObject({
      reason: "malformed_header",
    });
  });

  it("standard-webhooks: other versions are skipped, a header of only those is unsupported", async () => {
    const d = await delivery("standard-webhooks", STANDARD_SECRET);
    const mine = (d.headers as Record<string, string>)["webhook-signature"] ?? "";
    const as = (header: string) => withHeader("standard-webhooks", "webhook-signature", header, STANDARD_SECRET, d);
    expect((await as(`v1a,c29tZXRoaW5nIGVsc2U= ${mine}`)).ok).toBe(true);
    expect(await as("v1a,c29tZXRoaW5nIGVsc2U=")).toMatchObject({ reason: "unsupported_algorithm" });
    expect(await as(`${mine.slice(0, -2)}==`)).toMatchObject({ ok: false });
    expect(await as("v1")).toMatchObject({ reason: "malformed_header" });
  });

  it("github and slack take lower-case hex behind their prefix only; shopify base64 of 32 bytes", async () => {
    const gh = await delivery("github", "s");
    const sig = (gh.headers as Record<string, string>)["X-Hub-Signature-256"] ?? "";
    expect(
      await withHeader("github", "X-Hub-Signature-256", sig.toUpperCase().replace("SHA256=", "sha256=")),
    ).toMatchObject({
      reason: "malformed_signature",
    });
    expect(await withHeader("github", "X-Hub-Signature-256", sig.replace("sha256=", "sha1="))).toMatchObject({
      reason: "unsupported_algorithm",
    });
    expect(await withHeader("github", "X-Hub-Signature-256", `${sig}, ${sig}`)).toMatchObject({
      reason: "malformed_signature",
    });
    expect(await withHeader("slack", "X-Slack-Signature", `v1=${"0".repeat(64)}`)).toMatchObject({
      reason: "unsupported_algorithm",
    });
    expect(await withHeader("shopify", "X-Shopify-Hmac-Sha256", "c2hvcnQ=")).toMatchObject({
      reason: "malformed_signature",
    });
  });
});

describe("twilio body coverage", () => {
  const scheme = schemeFor("twilio");
  const url = "https://hooks.example.com/sms";

  it("a JSON body without bodySHA256 in the URL is not covered and is refused", async () => {
    const signed = await signWebhook(scheme, { body: "", url }, { secrets: "t" });
    const result = await verifyWebhook(
      scheme,
      { headers: { ...signed.headers, "content-type": "application/json" }, body: BODY, url },
      { secrets: "t" },
    );
    expect(result).toMatchObject({ ok: false, reason: "uncovered_body", status: 400 });
  });

  it("a JSON body that is not the one hashed into the signed URL is bad_body_hash; two bodySHA256 are malformed", async () => {
    const signed = await signWebhook(scheme, { body: BODY, url, contentType: "application/json" }, { secrets: "t" });
    const signedUrl = signed.url ?? "";
    expect(
      (await verifyWebhook(scheme, { headers: signed.headers, body: BODY, url: signedUrl }, { secrets: "t" })).ok,
    ).toBe(true);
    const other = await verifyWebhook(
      scheme,
      { headers: signed.headers, body: `${BODY} `, url: signedUrl },
      { secrets: "t" },
    );
    expect(other).toMatchObject({ reason: "bad_body_hash" });
    const twice = `${signedUrl}&bodySHA256=${"0".repeat(64)}`;
    expect(
      await verifyWebhook(scheme, { headers: signed.headers, body: BODY, url: twice }, { secrets: "t" }),
    ).toMatchObject({
      reason: "malformed_header",
    });
  });

  it("a form body verifies whatever the parameters' order, and not with a parameter added", async () => {
    const form = { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };
    const signed = await signWebhook(
      scheme,
      { body: "b=2&a=1", url, contentType: form["content-type"] },
      { secrets: "t" },
    );
    const headers = { ...signed.headers, ...form };
    expect((await verifyWebhook(scheme, { headers, body: "a=1&b=2", url }, { secrets: "t" })).ok).toBe(true);
    expect((await verifyWebhook(scheme, { headers, body: "a=1&b=2&c=3", url }, { secrets: "t" })).ok).toBe(false);
  });

  it("the URL is required on both sides: it is what Twilio signs", async () => {
    await expect(signWebhook(scheme, { body: "a=1" }, { secrets: "t" })).rejects.toThrow(/URL/);
    await expect(
      verifyWebhook(scheme, { headers: { "X-Twilio-Signature": "x" }, body: "" }, { secrets: "t" }),
    ).rejects.toThrow(/URL/);
  });
});
