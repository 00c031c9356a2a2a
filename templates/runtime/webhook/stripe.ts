/**
 * Stripe (Stripe docs, "Verify webhook signatures manually"): HMAC-SHA256 in hex over `{t}.{body}`, sent
 * as `Stripe-Signature: t=…,v1=…`; during a secret rotation Stripe sends one `v1` per secret, any of which
 * may match. Stripe signs no delivery id, so the replay key is the SHA-256 of the signed content
 * (`{t}.{body}`): not the signature that matched, which would let a rotation delivery carrying two `v1`
 * be replayed once more with the matched one cut out.
 */
import { encodedDigest, encodedHmac } from "../encoded-crypto.js";
import { isPromiseLike } from "../maybe-promise.js";
import { firstMatch } from "./any-match.js";
import { claimOnce, refused, verified } from "./outcome.js";
import { contextOf, headersOf, type PresetCodec } from "./preset-codec.js";
import { webhookKeys } from "./secrets.js";
import { stripeHeader } from "./signature-headers.js";
import { stripeContent } from "./signed-content.js";
import { parseUnixSeconds, toleranceReason } from "./tolerance.js";

export const stripe: PresetCodec = {
  async sign(scheme, payload, options) {
    const { crypto, nowMs } = contextOf(options);
    const keys = webhookKeys(scheme.preset, scheme.name, options.secrets);
    const timestamp = Math.floor(nowMs / 1000);
    const content = stripeContent(String(timestamp), payload.body);
    const signatures = await Promise.all(keys.map((key) => encodedHmac(crypto, "sha256", key, content, "hex")));
    const header = [`t=${timestamp}`, ...signatures.map((signature) => `v1=${signature}`)].join(",");
    return { headers: { "Stripe-Signature": header }, body: payload.body, url: payload.url, timestamp, id: undefined };
  },

  async verify(scheme, delivery, options) {
    const { crypto, nowMs } = contextOf(options);
    const header = headersOf(delivery).get("stripe-signature");
    if (!header) return refused(scheme, "missing_credentials");
    const parsed = stripeHeader(header);
    if (!parsed.ok) return refused(scheme, parsed.reason);
    const timestamp = parseUnixSeconds(parsed.value.timestamp);
    if (timestamp === undefined) return refused(scheme, "malformed_timestamp");
    const late = toleranceReason(timestamp, nowMs, scheme.toleranceSeconds);
    if (late) return refused(scheme, late);
    const keys = webhookKeys(scheme.preset, scheme.name, options.secrets);
    const content = stripeContent(parsed.value.timestamp, delivery.body);
    const found = firstMatch(crypto, keys, { algorithm: "sha256", encoding: "hex", content }, parsed.value.signatures);
    // node:crypto answers now: awaiting a plain value would still cost a microtask per delivery.
    const match = isPromiseLike(found) ? await found : found;
    if (match === undefined) return refused(scheme, "bad_signature");
    if (options.replayStore) {
      const signed = await encodedDigest(crypto, "sha256", content, "hex");
      const replay = await claimOnce(options.replayStore, scheme, "signature", signed);
      if (replay) return refused(scheme, replay);
    }
    return verified(scheme, { timestamp, replayChecked: options.replayStore !== undefined });
  },
};
