/**
 * Webhook verification against the libraries consumers run today, on the same delivery in the same run:
 * `standardwebhooks` (Webhook.verify, JSON parsing off), `stripe` (webhooks.signature.verifyHeader, which
 * constructEvent calls before it parses) and `@octokit/webhooks-methods` (verify). Each library signs the
 * delivery itself, so every side verifies bytes it did not produce.
 */
import { sign as octokitSign, verify as octokitVerify } from "@octokit/webhooks-methods";
import { Webhook } from "standardwebhooks";
import Stripe from "stripe";
import type { WebhookPreset, WebhookScheme } from "../templates/runtime/types.js";
import { importCompiled } from "./compiled.js";
import { type Row, timePerCall } from "./measure.js";

const { verifyWebhook } = await importCompiled<typeof import("./fixtures/webhook-runtime.js")>("./fixtures/webhook-runtime.ts");

/** A 1 KiB event, about the size of a small Stripe or GitHub delivery. */
const BODY = JSON.stringify({ id: "evt_1", type: "invoice.paid", data: { object: { id: "in_1", lines: "x".repeat(960) } } });

const scheme = (preset: WebhookPreset): WebhookScheme => ({
  profile: "webhook",
  name: preset,
  preset,
  toleranceSeconds: 300,
  failureStatus: 401,
});
const us = (value: number) => `${value.toFixed(2)} µs`;

export async function webhookRows(ms: number): Promise<Row[]> {
  const rows: Row[] = [];
  const row = (peer: string, ours: number, theirs: number) =>
    rows.push({
      benchmark: `webhook verify vs ${peer}: 1 KiB`,
      ours: us(ours),
      baseline: us(theirs),
      ratio: ours / theirs,
      target: "< 1x",
      met: ours < theirs,
    });

  const standardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const standard = new Webhook(standardSecret);
  const timestamp = Math.floor(Date.now() / 1000);
  const standardHeaders = {
    "webhook-id": "msg_bench",
    "webhook-timestamp": String(timestamp),
    "webhook-signature": standard.sign("msg_bench", new Date(timestamp * 1000), BODY),
  };
  const standardScheme = scheme("standard-webhooks");
  const oursStandard = await timed(
    () => verifyWebhook(standardScheme, { headers: standardHeaders, body: BODY }, { secrets: standardSecret }),
    ms,
  );
  const theirsStandard = await timePerCall(() => standard.verify(BODY, standardHeaders, { jsonParse: false }), ms);
  row("standardwebhooks", oursStandard, theirsStandard);

  const stripeSecret = "whsec_bench";
  const stripe = new Stripe("sk_test_bench");
  const stripeHeader = stripe.webhooks.generateTestHeaderString({ payload: BODY, secret: stripeSecret });
  const stripeSignature = stripe.webhooks.signature;
  if (!stripeSignature) throw new Error("stripe.webhooks.signature is missing in this stripe version");
  const stripeScheme = scheme("stripe");
  const stripeHeaders = { "stripe-signature": stripeHeader };
  const oursStripe = await timed(() => verifyWebhook(stripeScheme, { headers: stripeHeaders, body: BODY }, { secrets: stripeSecret }), ms);
  const theirsStripe = await timePerCall(() => stripeSignature.verifyHeader(BODY, stripeHeader, stripeSecret), ms);
  row("stripe", oursStripe, theirsStripe);

  const githubSecret = "It's a Secret to Everybody";
  const githubHeader = await octokitSign(githubSecret, BODY);
  const githubScheme = scheme("github");
  const githubHeaders = { "x-hub-signature-256": githubHeader };
  const oursGithub = await timed(() => verifyWebhook(githubScheme, { headers: githubHeaders, body: BODY }, { secrets: githubSecret }), ms);
  const theirsGithub = await timePerCall(() => octokitVerify(githubSecret, BODY, githubHeader), ms);
  row("@octokit/webhooks-methods", oursGithub, theirsGithub);
  return rows;
}

/**
 * Our verify, checked once to accept the delivery (a benchmark of a refusal would time the wrong path),
 * then timed bare, as the peers' calls are.
 */
async function timed(verify: () => Promise<{ ok: boolean }>, ms: number): Promise<number> {
  if (!(await verify()).ok) throw new Error("the benchmark delivery did not verify");
  return timePerCall(verify, ms);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import("./measure.js");
  process.stdout.write(`${printTable(await webhookRows(process.argv.includes("--quick") ? 300 : 2000))}\n`);
}
