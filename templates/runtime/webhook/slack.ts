/**
 * Slack (Slack docs, "Verifying requests from Slack"): HMAC-SHA256 in hex over `v0:{timestamp}:{body}`,
 * sent as `X-Slack-Signature: v0=<hex>` beside `X-Slack-Request-Timestamp`. One signature per request, so
 * one signing secret; the verifier still accepts any of several during a rotation.
 */
import { encodedHmac } from "../encoded-crypto.js";
import { isPromiseLike } from "../maybe-promise.js";
import { firstMatch } from "./any-match.js";
import { claimOnce, refused, verified } from "./outcome.js";
import { contextOf, headersOf, type PresetCodec } from "./preset-codec.js";
import { singleKey, webhookKeys } from "./secrets.js";
import { prefixedHex } from "./signature-headers.js";
import { slackContent } from "./signed-content.js";
import { parseUnixSeconds, toleranceReason } from "./tolerance.js";

export const slack: PresetCodec = {
  async sign(scheme, payload, options) {
    const { crypto, nowMs } = contextOf(options);
    const key = singleKey(webhookKeys(scheme.preset, scheme.name, options.secrets), scheme.preset);
    const timestamp = Math.floor(nowMs / 1000);
    const signature = await encodedHmac(crypto, "sha256", key, slackContent(String(timestamp), payload.body), "hex");
    return {
      headers: { "X-Slack-Request-Timestamp": String(timestamp), "X-Slack-Signature": `v0=${signature}` },
      body: payload.body,
      url: payload.url,
      timestamp,
      id: undefined,
    };
  },

  async verify(scheme, delivery, options) {
    const { crypto, nowMs } = contextOf(options);
    const headers = headersOf(delivery);
    const timestampText = headers.get("x-slack-request-timestamp");
    const header = headers.get("x-slack-signature");
    if (!timestampText || !header) return refused(scheme, "missing_credentials");
    const timestamp = parseUnixSeconds(timestampText);
    if (timestamp === undefined) return refused(scheme, "malformed_timestamp");
    const late = toleranceReason(timestamp, nowMs, scheme.toleranceSeconds);
    if (late) return refused(scheme, late);
    const signature = prefixedHex(header, "v0=");
    if (!signature.ok) return refused(scheme, signature.reason);
    const keys = webhookKeys(scheme.preset, scheme.name, options.secrets);
    const content = slackContent(timestampText, delivery.body);
    const found = firstMatch(crypto, keys, { algorithm: "sha256", encoding: "hex", content }, [signature.value]);
    // node:crypto answers now: awaiting a plain value would still cost a microtask per delivery.
    const match = isPromiseLike(found) ? await found : found;
    if (match === undefined) return refused(scheme, "bad_signature");
    if (options.replayStore) {
      const replay = await claimOnce(options.replayStore, scheme, "signature", match);
      if (replay) return refused(scheme, replay);
    }
    return verified(scheme, { timestamp, replayChecked: options.replayStore !== undefined });
  },
};
