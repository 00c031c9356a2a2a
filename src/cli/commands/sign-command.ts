/** `hmac-codegen sign`: sign one request from the shell, with the same core the generated code uses. */
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { signRequest } from "../../../templates/runtime/sign.js";
import { SECRET_MASK } from "../../explain/explain.js";
import { type AwsArgs, loadScheme, type RequestArgs, readRequest, readSecret, readSessionToken } from "../request-input.js";
import { requestOptions } from "./request-options.js";

interface SignArgs extends RequestArgs, AwsArgs {
  spec: string;
  scheme?: string;
  "key-id"?: string;
  timestamp?: string;
  nonce?: string;
  "secret-file"?: string;
}

export const signCommand: CommandModule<object, SignArgs> = {
  command: "sign <spec>",
  describe:
    "Sign one request; prints { headers, url, stringToSign, signature } as JSON. Secret from HMAC_SECRET or --secret-file; an AWS session token from AWS_SESSION_TOKEN",
  builder: (yargs) =>
    requestOptions(yargs as Argv<object>)
      .option("key-id", { type: "string", describe: "Key id to send" })
      .option("timestamp", {
        type: "string",
        describe: "Exact timestamp to send; profile rfc9421: created, in unix seconds (default: now)",
      })
      .option("nonce", { type: "string", describe: "Exact nonce to send (default: random)" })
      .example(
        "HMAC_SECRET=$(cat secret.b64) $0 sign specs/nextcloud-drf.yaml --method GET --url '/api/v1/forecast/?city=Bern' --key-id nc-1",
        "Sign a GET",
      )
      .example(
        "$0 sign spec.yaml --scheme partnerHmac --method POST --url /orders --body-file order.json --secret-file key.txt",
        "Sign a POST body",
      )
      .example(
        "HMAC_SECRET=$AWS_SECRET_ACCESS_KEY $0 sign specs/aws-sigv4-example.yaml --method GET --url https://abc123.execute-api.eu-west-1.amazonaws.com/prod/orders --key-id $AWS_ACCESS_KEY_ID",
        "Sign with AWS SigV4 (the host comes from the URL, or a Host header)",
      ) as Argv<SignArgs>,
  handler: async (args: ArgumentsCamelCase<SignArgs>) => {
    const scheme = await loadScheme(args.spec, args.scheme, args);
    const request = await readRequest(args);
    const signed = await signRequest(
      scheme,
      request,
      { keyId: args.keyId, secret: await readSecret(args.secretFile), sessionToken: readSessionToken() },
      { timestamp: args.timestamp, nonce: args.nonce === undefined ? undefined : () => args.nonce as string },
    );
    const output = {
      headers: signed.headers,
      url: signed.url,
      ...(signed.canonicalRequest === undefined ? {} : { canonicalRequest: signed.canonicalRequest }),
      // Seed 002 signs the secret itself: print the string to sign with it masked, as explain does.
      stringToSign:
        scheme.profile === undefined && scheme.stringToSign.components.includes("secret")
          ? signed.stringToSign.parts
              .map((part) => (part.component === "secret" ? SECRET_MASK : part.text))
              .join(scheme.stringToSign.separator)
          : signed.stringToSign.text,
      signature: signed.signature,
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  },
};
