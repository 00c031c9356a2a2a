/**
 * Twilio (Twilio docs, "Webhooks security"): HMAC-SHA1 in base64 over the configured URL plus the sorted
 * form parameters (twilio-content.ts), sent as `X-Twilio-Signature`. A JSON body is covered through the
 * `bodySHA256` query parameter of the signed URL, checked against the body that arrived. The URL is the
 * public one Twilio posted to, which a server behind a proxy must be told: it is never guessed here.
 */
import { constantTimeEqual } from "../constant-time.js";
import { encodedDigest, encodedHmac } from "../encoded-crypto.js";
import { SigningError } from "../signing-error.js";
import { firstMatch } from "./any-match.js";
import { refused, verified } from "./outcome.js";
import { contextOf, headersOf, type PresetCodec } from "./preset-codec.js";
import { singleKey, webhookKeys } from "./secrets.js";
import { isBase64Of } from "./signature-headers.js";
import { bodyHashParams, isFormType, portVariants, twilioFormContent, withBodyHash } from "./twilio-content.js";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const LOWER_HEX_64 = /^[0-9a-f]{64}$/;

export const twilio: PresetCodec = {
  async sign(scheme, payload, options) {
    const { crypto } = contextOf(options);
    if (payload.url === undefined)
      throw new SigningError("a twilio delivery signs its URL: give the URL it is posted to");
    const key = singleKey(webhookKeys(scheme.preset, scheme.name, options.secrets), scheme.preset);
    const hashed = payload.body.length > 0 && !isFormType(payload.contentType);
    const url = hashed
      ? withBodyHash(payload.url, await encodedDigest(crypto, "sha256", payload.body, "hex"))
      : payload.url;
    const content = hashed ? url : twilioFormContent(url, textOf(payload.body) ?? "");
    const signature = await encodedHmac(crypto, "sha1", key, content, "base64");
    return {
      headers: { "X-Twilio-Signature": signature },
      body: payload.body,
      url,
      timestamp: undefined,
      id: undefined,
    };
  },

  async verify(scheme, delivery, options) {
    const { crypto } = contextOf(options);
    if (delivery.url === undefined)
      throw new SigningError("a twilio delivery is verified against its public URL: pass delivery.url");
    const headers = headersOf(delivery);
    const signature = headers.get("x-twilio-signature");
    if (!signature) return refused(scheme, "missing_credentials");
    if (!isBase64Of(signature, 20)) return refused(scheme, "malformed_signature");
    const hashes = bodyHashParams(delivery.url);
    if (hashes.length > 1 || (hashes[0] !== undefined && !LOWER_HEX_64.test(hashes[0])))
      return refused(scheme, "malformed_header");
    const bodyHash = hashes[0];
    let form = "";
    if (bodyHash === undefined && delivery.body.length > 0) {
      // Without bodySHA256 only form parameters are signed: any other body would be unsigned.
      if (!isFormType(headers.get("content-type"))) return refused(scheme, "uncovered_body");
      const text = textOf(delivery.body);
      if (text === undefined) return refused(scheme, "malformed_body");
      form = text;
    }
    const keys = webhookKeys(scheme.preset, scheme.name, options.secrets);
    let match: string | undefined;
    for (const url of portVariants(delivery.url)) {
      const content = bodyHash === undefined ? twilioFormContent(url, form) : url;
      match = await firstMatch(crypto, keys, { algorithm: "sha1", encoding: "base64", content }, [signature]);
      if (match !== undefined) break;
    }
    if (match === undefined) return refused(scheme, "bad_signature");
    if (
      bodyHash !== undefined &&
      !constantTimeEqual(await encodedDigest(crypto, "sha256", delivery.body, "hex"), bodyHash)
    ) {
      return refused(scheme, "bad_body_hash");
    }
    return verified(scheme);
  },
};

function textOf(body: string | Uint8Array): string | undefined {
  if (typeof body === "string") return body;
  try {
    return strictUtf8.decode(body);
  } catch {
    return undefined;
  }
}
