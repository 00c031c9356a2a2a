/**
 * runtime/default-crypto.ts for one output: crypto-provider.ts's node-or-web choice by default, or, with
 * `crypto: "web"`, web-crypto-default.ts, so the output's import closure and a browser bundle of it leave
 * the node:crypto provider out (0.3 kB gzip of a template-scheme client).
 */
import type { CryptoDefault } from "../crypto-default.js";
import { type GeneratedFile, tsBanner } from "./banner.js";
import { TEMPLATE_SOURCES } from "./template-sources.generated.js";

export const DEFAULT_CRYPTO_PATH = "runtime/default-crypto.ts";

export function emitDefaultCrypto(specName: string, crypto: CryptoDefault): GeneratedFile {
  if (crypto === "auto") return { path: DEFAULT_CRYPTO_PATH, contents: `${tsBanner(specName)}${TEMPLATE_SOURCES[DEFAULT_CRYPTO_PATH]}` };
  const contents = [
    '/** Generated with `crypto: "web"`: Web Crypto is the default provider in every runtime (web-crypto-default.ts). */',
    'export { webCryptoDefault as defaultCryptoProvider } from "./web-crypto-default.js";',
  ].join("\n");
  return { path: DEFAULT_CRYPTO_PATH, contents: `${tsBanner(specName)}${contents}\n` };
}
