/**
 * `hmac-codegen explain`: every step from a request to its signature and, given the signature a peer
 * sent, the mistake that produced it. Prints the signature it computes (that is the point) but never
 * the secret. Exit 0 when the received signature matches (or none was given), 1 when it does not.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { explainRequest } from "../../explain/explain.js";
import { formatExplanation } from "../../explain/format.js";
import { EXIT } from "../exit-codes.js";
import { loadSchemeInSpec, type RequestArgs, readRequest, readSecret } from "../request-input.js";
import { requestOptions } from "./request-options.js";

interface ExplainArgs extends RequestArgs {
  spec: string;
  scheme?: string;
  "key-id"?: string;
  timestamp?: string;
  nonce?: string;
  "received-signature"?: string;
  "secret-file"?: string;
  json: boolean;
}

export const explainCommand: CommandModule<object, ExplainArgs> = {
  command: "explain <spec>",
  describe: "Show each signing step for a request; with a received signature, name the mistake that produced it",
  builder: (yargs) =>
    requestOptions(yargs as Argv<object>)
      .option("key-id", { type: "string", describe: "Key id (default: read from the request's headers)" })
      .option("timestamp", { type: "string", describe: "Timestamp that was signed (default: from the request, else now)" })
      .option("nonce", { type: "string", describe: "Nonce that was signed (default: from the request, else random)" })
      .option("received-signature", {
        type: "string",
        describe: "The signature the peer sent, bare or as its whole header value (default: from the request)",
      })
      .option("json", { type: "boolean", default: false, describe: "Print the explanation as JSON" })
      .example(
        "HMAC_SECRET=... $0 explain specs/nextcloud-drf.yaml --method GET --url '/api/v1/forecast/?city=Bern' --header 'X-Client-Id: nc-1' --header 'X-Timestamp: 1767225600' --header 'X-Nonce: 00ff...'",
        "Print the canonical path, query, body hash, string to sign and signature",
      )
      .example(
        "HMAC_SECRET=... $0 explain specs/nextcloud-drf.yaml --method GET --url /ping/ --header 'X-Client-Id: nc-1' --header 'X-Timestamp: 1767225600' --header 'X-Nonce: 00ff...' --received-signature 'RMOcTsxy...='",
        "Say why the peer's signature differs (here: base64 where the scheme says hex, seed 000)",
      ) as Argv<ExplainArgs>,
  handler: async (args: ArgumentsCamelCase<ExplainArgs>) => {
    const { scheme, basePaths } = await loadSchemeInSpec(args.spec, args.scheme);
    const request = await readRequest(args);
    const explanation = await explainRequest({
      scheme,
      request: { ...request, body: request.body instanceof Uint8Array ? request.body : undefined },
      secret: await readSecret(args.secretFile),
      given: { keyId: args.keyId, timestamp: args.timestamp, nonce: args.nonce, receivedSignature: args.receivedSignature },
      basePaths,
    });
    process.stdout.write(args.json ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation));
    if (explanation.received && !explanation.received.matches) process.exitCode = EXIT.failed;
  },
};
