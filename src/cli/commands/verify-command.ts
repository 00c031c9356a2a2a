/** `hmac-codegen verify`: verify one request from the shell; exit 0 when it verifies, 1 when not. */
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { verifyRequest } from "../../../templates/runtime/verify.js";
import { EXIT } from "../exit-codes.js";
import { type AwsArgs, loadScheme, parseNow, type RequestArgs, readRequest, readSecret } from "../request-input.js";
import { requestOptions } from "./request-options.js";

interface VerifyArgs extends RequestArgs, AwsArgs {
  spec: string;
  scheme?: string;
  now?: string;
  "secret-file"?: string;
}

export const verifyCommand: CommandModule<object, VerifyArgs> = {
  command: "verify <spec>",
  describe: "Verify one signed request; prints { ok, ... } as JSON and exits 0 (verified) or 1 (not)",
  builder: (yargs) =>
    requestOptions(yargs as Argv<object>)
      .option("now", { type: "string", describe: "The verifier's clock: unix seconds or ISO 8601 (default: now)" })
      .example(
        "HMAC_SECRET=... $0 verify specs/django-api-key.yaml --method POST --url /api/v1/orders --header 'X-API-Key: service-a' --header 'X-Timestamp: 1767225600' --header 'X-Signature: ...' --body-file order.json --now 1767225600",
        "Check a captured request",
      ) as Argv<VerifyArgs>,
  handler: async (args: ArgumentsCamelCase<VerifyArgs>) => {
    const scheme = await loadScheme(args.spec, args.scheme, args);
    const request = await readRequest(args);
    const secret = await readSecret(args.secretFile);
    const now = parseNow(args.now);
    // The shell has one secret: it stands for whatever key id the request names.
    const result = await verifyRequest(scheme, request, { resolveKey: () => secret, now: now === undefined ? undefined : () => now });
    const output = result.ok
      ? { ok: true, scheme: result.scheme, keyId: result.keyId ?? null, algorithm: result.algorithm }
      : { ok: false, reason: result.reason, status: result.status };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    if (!result.ok) process.exitCode = EXIT.failed;
  },
};
