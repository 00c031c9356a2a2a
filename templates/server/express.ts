/**
 * Express 5 middleware: `app.use(expressVerification(verifier))` before `express.json()`. Express passes
 * node's own request and response, so this is the node:http middleware; `verificationOf(req)` gives
 * handlers the key id and scheme.
 */
import { type NodeRequest, type NodeResponse, nodeVerification, verificationOf } from "./node-http.js";
import type { Verifier } from "./verifier.js";

export function expressVerification(
  verifier: Verifier,
): (req: NodeRequest, res: NodeResponse, next: (error?: unknown) => void) => Promise<void> {
  return nodeVerification(verifier);
}

export { verificationOf };
