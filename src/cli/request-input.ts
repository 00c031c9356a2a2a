/**
 * The request and secret the sign, verify (and later explain) commands take from the command line.
 * The secret comes from HMAC_SECRET or --secret-file, never from argv, where it would land in shell
 * history and `ps` output.
 */
import { readFile } from "node:fs/promises";
import type { RequestDescription, SigningScheme } from "../../templates/runtime/types.js";
import { didYouMean } from "../scheme/did-you-mean.js";
import { childPointer, SpecError } from "../scheme/errors.js";
import { loadSpec } from "../spec/load.js";
import { buildModel } from "../spec/model.js";
import { UsageError } from "./report.js";

export interface RequestArgs {
  method: string;
  url: string;
  header?: string[] | undefined;
  "body-file"?: string | undefined;
}

export async function readRequest(args: RequestArgs): Promise<RequestDescription> {
  const headers: Array<[string, string]> = [];
  for (const line of args.header ?? []) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new UsageError(`--header "${line}" is not "Name: value"`);
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  const body = args["body-file"] ? new Uint8Array(await readFile(args["body-file"])) : new Uint8Array(0);
  return { method: args.method, url: args.url, headers, body };
}

/** `--aws-region` / `--aws-service`: the signing scope of aws-sigv4 schemes, over what the spec says. */
export interface AwsArgs {
  "aws-region"?: string | undefined;
  "aws-service"?: string | undefined;
}

/** AWS temporary credentials: the session token comes from the environment, like the secret, never argv. */
export function readSessionToken(): string | undefined {
  const token = process.env.AWS_SESSION_TOKEN;
  return token === undefined || token === "" ? undefined : token;
}

export async function readSecret(secretFile: string | undefined): Promise<string> {
  if (secretFile) return (await readFile(secretFile, "utf8")).replace(/\r?\n$/, "");
  const fromEnv = process.env.HMAC_SECRET;
  if (fromEnv === undefined || fromEnv === "") {
    throw new UsageError("no secret: set HMAC_SECRET or pass --secret-file <file>");
  }
  return fromEnv;
}

export async function loadScheme(specPath: string, schemeName: string | undefined, aws: AwsArgs = {}): Promise<SigningScheme> {
  return (await loadSchemeInSpec(specPath, schemeName, aws)).scheme;
}

/** The scheme and the spec's servers base paths (explain names a peer that signed with one the request lacks). */
export async function loadSchemeInSpec(
  specPath: string,
  schemeName: string | undefined,
  aws: AwsArgs = {},
): Promise<{ scheme: SigningScheme; basePaths: readonly string[] }> {
  const spec = await loadSpec(specPath);
  const model = buildModel(spec.document, spec.locate, { aws: { region: aws["aws-region"], service: aws["aws-service"] } });
  const names = model.hmacSchemes.map((scheme) => scheme.name);
  const wanted = schemeName ?? (names.length === 1 ? names[0] : undefined);
  if (wanted === undefined) throw new UsageError(`the spec has several x-hmac schemes; pick one with --scheme (${names.join(", ")})`);
  const scheme = model.hmacSchemes.find((candidate) => candidate.name === wanted);
  const plain = model.otherSchemes.find((candidate) => candidate.name === wanted);
  if (!scheme && plain?.type === "apiKey") {
    // A plain API key is sent as it is and checked by the server's checkCredential: no key id, no signature.
    throw new UsageError(
      `"${wanted}" is a plain API key (type: apiKey, no x-hmac): nothing signs it, so there is no signature to sign, verify ` +
        `or explain; the server accepts or refuses the API key itself (checkCredential). The spec's x-hmac schemes: ${names.join(", ")}`,
    );
  }
  const webhook = model.webhookSchemes.find((candidate) => candidate.name === wanted);
  if (webhook) {
    throw new SpecError([
      {
        code: "E_XHMAC_PROFILE",
        pointer: childPointer(childPointer("#/components/securitySchemes", webhook.name), "x-hmac"),
        message: `scheme "${webhook.name}" is a webhook scheme (profile: webhook, preset ${webhook.preset}); this command signs and verifies requests to the API`,
        hint: "sign or verify a delivery with signWebhook/verifyWebhook from the generated runtime/webhook",
      },
    ]);
  }
  if (!scheme) {
    throw new SpecError([
      {
        code: "E_XHMAC_UNKNOWN_SCHEME",
        pointer: "#/components/securitySchemes",
        message: `no x-hmac security scheme is called "${wanted}"; the spec has ${names.join(", ")}`,
        hint: didYouMean(wanted, names),
      },
    ]);
  }
  return { scheme, basePaths: model.basePaths };
}

/** --now: unix seconds, unix milliseconds, or an ISO 8601 date. */
export function parseNow(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) return value.length > 11 ? Number(value) : Number(value) * 1000;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new UsageError(`--now "${value}" is neither unix seconds nor an ISO 8601 date`);
  return parsed;
}
