/**
 * The key mistakes every profile's explain tries: a scheme whose secret is base64 or hex text signed with
 * the text itself, or a UTF-8 secret that the peer decoded as base64 or hex (the Nextcloud/DRF write-up:
 * one side decoded the shared secret, the other did not).
 */
import { fromBase64, fromHex, utf8 } from "../../templates/runtime/encoding.js";
import type { SecretEncoding } from "../../templates/runtime/types.js";

export interface SecretMistake {
  mistake: { id: "secret-as-text" | "secret-decoded"; cause: string; fix: string };
  /** The key the peer used instead. */
  key: Uint8Array;
}

export function* secretMistakes(encoding: SecretEncoding, secret: string): Generator<SecretMistake> {
  if (encoding !== "utf8") {
    yield {
      mistake: {
        id: "secret-as-text",
        cause: `the peer used the secret's ${encoding} text as the key, not the bytes it decodes to`,
        fix:
          encoding === "base64"
            ? "decode the secret before signing: base64_decode($secret, true) in PHP, base64.b64decode(secret, validate=True) in Python"
            : "decode the secret before signing: hex2bin($secret) in PHP, bytes.fromhex(secret) in Python",
      },
      key: utf8(secret),
    };
    return;
  }
  for (const [decodedAs, decoded] of [
    ["base64", fromBase64(secret)],
    ["hex", fromHex(secret)],
  ] as const) {
    if (!decoded || decoded.length === 0) continue;
    yield {
      mistake: {
        id: "secret-decoded",
        cause: `the peer ${decodedAs}-decoded the secret, but the scheme uses its text as UTF-8 bytes`,
        fix: `use the secret text as the key, or declare secret: { encoding: ${decodedAs} } in x-hmac if that is the contract`,
      },
      key: decoded,
    };
  }
}
