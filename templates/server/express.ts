/**
 * Express 5 middleware: `app.use(expressVerification(verifier))` before `express.json()`. Express passes
 * node's own request and response, so this is the node:http middleware; `verificationOf(req)` gives
 * handlers the key id and scheme.
 */
import { type NodeRequest, type NodeResponse, nodeVerification, verificationOf } from "./node-http.js";
import type { Verifier } from "./verifier.js";

/**
 * Express 5 middleware that verifies each request as its operation's `security` requires and answers a
 * failure itself (RFC 9457 problem+json). Mount it before `express.json()`: it reads the body as sent and
 * puts it back for the parsers that follow.
 *
 * @param verifier - the spec's verifier, from `createVerifier` in the generated server.ts.
 * @returns `(req, res, next)` middleware; `verificationOf(req)` then holds the key id and scheme.
 *
 * @example
 * ```ts
 * import express from "express";
 * import { createVerifier, expressVerification, verificationOf } from "./generated/server.js";
 *
 * const verifier = createVerifier({ resolveKey: (keyId) => (keyId === "nc-1" ? process.env.HMAC_SECRET : undefined) });
 * const app = express();
 * app.use(expressVerification(verifier)); // before express.json(), which would consume the body
 * app.use(express.json());
 * app.get("/api/v1/forecast/", (req, res) => {
 *   res.json({ client: verificationOf(req)?.keyId });
 * });
 * ```
 */
export function expressVerification(
  verifier: Verifier,
): (req: NodeRequest, res: NodeResponse, next: (error?: unknown) => void) => Promise<void> {
  return nodeVerification(verifier);
}

export { verificationOf };
