/**
 * Shopify (Shopify docs, "Verify webhooks"): HMAC-SHA256 of the body in base64, sent as
 * `X-Shopify-Hmac-Sha256`. No timestamp is signed, so no window bounds a replay claim.
 */
import { encodedHmac } from "../encoded-crypto.js";
import { isPromiseLike } from "../maybe-promise.js";
import { firstMatch } from "./any-match.js";
import { refused, verified } from "./outcome.js";
import { contextOf, headersOf, type PresetCodec } from "./preset-codec.js";
import { singleKey, webhookKeys } from "./secrets.js";
import { isBase64Of } from "./signature-headers.js";

export const shopify: PresetCodec = {
  async sign(scheme, payload, options) {
    const { crypto } = contextOf(options);
    const key = singleKey(webhookKeys(scheme.preset, scheme.name, options.secrets), scheme.preset);
    const signature = await encodedHmac(crypto, "sha256", key, payload.body, "base64");
    return {
      headers: { "X-Shopify-Hmac-Sha256": signature },
      body: payload.body,
      url: payload.url,
      timestamp: undefined,
      id: undefined,
    };
  },

  async verify(scheme, delivery, options) {
    const { crypto } = contextOf(options);
    const header = headersOf(delivery).get("x-shopify-hmac-sha256");
    if (!header) return refused(scheme, "missing_credentials");
    if (!isBase64Of(header, 32)) return refused(scheme, "malformed_signature");
    const keys = webhookKeys(scheme.preset, scheme.name, options.secrets);
    const found = firstMatch(crypto, keys, { algorithm: "sha256", encoding: "base64", content: delivery.body }, [
      header,
    ]);
    // node:crypto answers now: awaiting a plain value would still cost a microtask per delivery.
    const match = isPromiseLike(found) ? await found : found;
    return match === undefined ? refused(scheme, "bad_signature") : verified(scheme);
  },
};
