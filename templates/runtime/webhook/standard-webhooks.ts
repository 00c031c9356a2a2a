/**
 * Standard Webhooks (standardwebhooks.com, the specification's "Signature scheme"): HMAC-SHA256 over
 * `{webhook-id}.{webhook-timestamp}.{body}`, sent as `v1,<base64>` in `webhook-signature`, several
 * space-separated during a rotation. The id is signed, so it is the replay key.
 */
import { encodedHmac } from "../encoded-crypto.js";
import { toBase64Url } from "../encoding.js";
import { isPromiseLike } from "../maybe-promise.js";
import { firstMatch } from "./any-match.js";
import { claimOnce, refused, verified } from "./outcome.js";
import { contextOf, headersOf, type PresetCodec } from "./preset-codec.js";
import { webhookKeys } from "./secrets.js";
import { standardSignatures } from "./signature-headers.js";
import { standardWebhooksContent } from "./signed-content.js";
import { parseUnixSeconds, toleranceReason } from "./tolerance.js";

export const standardWebhooks: PresetCodec = {
  async sign(scheme, payload, options) {
    const { crypto, nowMs } = contextOf(options);
    const keys = webhookKeys(scheme.preset, scheme.name, options.secrets);
    const id = options.id ?? `msg_${toBase64Url(crypto.randomBytes(18))}`;
    const timestamp = Math.floor(nowMs / 1000);
    const content = standardWebhooksContent(id, String(timestamp), payload.body);
    const signatures = await Promise.all(keys.map((key) => encodedHmac(crypto, "sha256", key, content, "base64")));
    return {
      headers: {
        "webhook-id": id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signatures.map((signature) => `v1,${signature}`).join(" "),
      },
      body: payload.body,
      url: payload.url,
      timestamp,
      id,
    };
  },

  async verify(scheme, delivery, options) {
    const { crypto, nowMs } = contextOf(options);
    const headers = headersOf(delivery);
    const id = headers.get("webhook-id");
    const timestampText = headers.get("webhook-timestamp");
    const signatureHeader = headers.get("webhook-signature");
    if (!id || !timestampText || !signatureHeader) return refused(scheme, "missing_credentials");
    const timestamp = parseUnixSeconds(timestampText);
    if (timestamp === undefined) return refused(scheme, "malformed_timestamp");
    const late = toleranceReason(timestamp, nowMs, scheme.toleranceSeconds);
    if (late) return refused(scheme, late);
    const signatures = standardSignatures(signatureHeader);
    if (!signatures.ok) return refused(scheme, signatures.reason);
    const keys = webhookKeys(scheme.preset, scheme.name, options.secrets);
    const content = standardWebhooksContent(id, timestampText, delivery.body);
    const found = firstMatch(crypto, keys, { algorithm: "sha256", encoding: "base64", content }, signatures.value);
    // node:crypto answers now: awaiting a plain value would still cost a microtask per delivery.
    const match = isPromiseLike(found) ? await found : found;
    if (match === undefined) return refused(scheme, "bad_signature");
    if (options.replayStore) {
      const replay = await claimOnce(options.replayStore, scheme, "webhook-id", id);
      if (replay) return refused(scheme, replay);
    }
    return verified(scheme, { timestamp, id, replayChecked: options.replayStore !== undefined });
  },
};
