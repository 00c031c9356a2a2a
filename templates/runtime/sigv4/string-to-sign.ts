/**
 * The credential scope and the string to sign (AWS IAM User Guide, "Create a string to sign"):
 *   AWS4-HMAC-SHA256 \n <X-Amz-Date> \n <date>/<region>/<service>/aws4_request \n hex(SHA256(canonical request))
 */
import type { CryptoProvider } from "../crypto-provider.js";
import { encodedDigest } from "../encoded-crypto.js";
import { andThen, type MaybePromise } from "../maybe-promise.js";
import { ALGORITHM, SCOPE_TERMINATOR } from "./constants.js";

export function credentialScope(shortDate: string, region: string, service: string): string {
  return `${shortDate}/${region}/${service}/${SCOPE_TERMINATOR}`;
}

export function stringToSign(
  longDate: string,
  scope: string,
  canonicalRequest: string,
  crypto: CryptoProvider,
): MaybePromise<string> {
  return andThen(
    encodedDigest(crypto, "sha256", canonicalRequest, "hex"),
    (hashed) => `${ALGORITHM}\n${longDate}\n${scope}\n${hashed}`,
  );
}
