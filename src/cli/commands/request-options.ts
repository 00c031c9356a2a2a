/** The request options sign, verify and explain share. */
import type { Argv } from "yargs";

export function requestOptions<T>(yargs: Argv<T>) {
  return yargs
    .positional("spec", { type: "string", demandOption: true, describe: "OpenAPI 3.x spec (YAML or JSON)" })
    .option("scheme", { type: "string", describe: "x-hmac security scheme name (needed when the spec has several)" })
    .option("method", { type: "string", demandOption: true, describe: "HTTP method" })
    .option("url", { type: "string", demandOption: true, describe: "Path and raw query as sent, e.g. '/a?b=1'" })
    .option("header", { type: "string", array: true, describe: 'A request header, "Name: value"; repeatable' })
    .option("body-file", { type: "string", describe: "File whose bytes are the request body" })
    .option("secret-file", { type: "string", describe: "File holding the secret (instead of HMAC_SECRET)" })
    .option("aws-region", { type: "string", describe: "aws-sigv4: the signing region (overrides the spec)" })
    .option("aws-service", { type: "string", describe: "aws-sigv4: the signing service name (overrides the spec)" });
}
