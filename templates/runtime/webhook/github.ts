/**
 * GitHub (GitHub docs, "Validating webhook deliveries"): HMAC-SHA256 of the body in lower-case hex, sent
 * as `X-Hub-Signature-256: sha256=<hex>`. No timestamp is signed, so no window bounds a replay claim.
 */
import { encodedHmac } from "../encoded-crypto.js";
import { isPromiseLike } from "../maybe-promise.js";
import { firstMatch } from "./any-match.js";
import { refused, verified } from "./outcome.js";
import { contextOf, headersOf, type PresetCodec } from "./preset-codec.js";
import { singleKey, webhookKeys } from "./secrets.js";
import { prefixedHex } from "./signature-headers.js";

export const github: PresetCodec = {
  async sign(scheme, payload, options) {
    const { crypto } = contextOf(options);
    const key = singleKey(webhookKeys(scheme.preset, scheme.name, options.secrets), scheme.preset);
    const signature = await encodedHmac(crypto, "sha256", key, payload.body, "hex");
    return {
      headers: { "X-Hub-Signature-256": `sha256=${signature}` },
      body: payload.body,
      url: payload.url,
      timestamp: undefined,
      id: undefined,
    };
  },

  async verify(scheme, delivery, options) {
    const { crypto } = contextOf(options);
    const header = headersOf(delivery).get("x-hub-signature-256");
    if (!header) return refused(scheme, "missing_credentials");
    const signature = prefixedHex(header, "sha256=");
    if (!signature.ok) return refused(scheme, signature.reason);
    const keys = webhookKeys(scheme.preset, scheme.name, options.secrets);
    const found = firstMatch(crypto, keys, { algorithm: "sha256", encoding: "hex", content: delivery.body }, [
      signature.value,
    ]);
    // node:crypto answers now: awaiting a plain value would still cost a microtask per delivery.
    const match = isPromiseLike(found) ? await found : found;
    return match === undefined ? refused(scheme, "bad_signature") : verified(scheme);
  },
};
