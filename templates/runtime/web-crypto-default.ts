/**
 * Web Crypto as the default provider, whatever the runtime: the default-crypto.ts of an output generated with
 * `crypto: "web"` (a browser app), where node:crypto is never there to prefer. Chosen once, like the auto one.
 */
import { type CryptoProvider, webCryptoProvider } from "./crypto-provider.js";

let provider: CryptoProvider | undefined;

export function webCryptoDefault(): CryptoProvider {
  provider ??= webCryptoProvider();
  return provider;
}
