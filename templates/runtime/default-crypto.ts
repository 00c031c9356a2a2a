/**
 * The crypto provider the signers and verifiers use when the caller passes none. The generator writes this
 * file for each output: with `crypto: "auto"` (the default) it is crypto-provider.ts's choice, node:crypto
 * where the runtime has it and Web Crypto elsewhere; with `crypto: "web"` it is web-crypto-default.ts, so a
 * browser bundle leaves the node:crypto provider out.
 */
export { defaultCryptoProvider } from "./crypto-provider.js";
