/**
 * x-hmac with `profile: aws-sigv4` (or an API Gateway `x-amazon-apigateway-authtype: awsSigv4` scheme) to
 * the runtime's AwsSigV4Scheme: region and service from generate options, else x-hmac, else the spec's
 * metadata; defaults, then the service's (S3), then what the author wrote.
 */
import type { AwsSigV4Scheme } from "../../../../templates/runtime/types.js";
import { childPointer, type SpecIssue } from "../../errors.js";
import type { XHmacInput } from "../../input.js";
import type { SecuritySchemeContext } from "../../scheme-context.js";
import { AWS_SIGV4_DEFAULTS, serviceDefaults } from "./defaults.js";

/** The awsSigV4 block after validation against AWS_SIGV4_RULE. */
interface AwsSigV4Input {
  region?: string;
  service?: string;
  payload?: "signed" | "unsigned";
  contentSha256Header?: boolean;
  location?: "header" | "query";
  expiresIn?: number;
  signedHeaders?: string[];
  normalizePath?: boolean;
  doubleEncodePath?: boolean;
  tolerance?: { past?: number; future?: number };
}

/** Top-level x-hmac knobs that mean something for this profile; the rest belong to the template model. */
const PROFILE_KEYS = new Set(["profile", "awsSigV4", "failureStatus", "replay"]);
const SCOPE_PART = /^[a-z0-9-]{1,64}$/;

type Result = { scheme: AwsSigV4Scheme; issues: [] } | { scheme?: undefined; issues: SpecIssue[] };

export function resolveAwsSigV4(written: XHmacInput, context: SecuritySchemeContext): Result {
  const issues: SpecIssue[] = [];
  const at = (...tokens: string[]): string => tokens.reduce(childPointer, context.pointer);
  const fromApiGateway = context.aws?.fromApiGateway === true;
  if (written.preset !== undefined) {
    return {
      issues: [
        {
          code: "E_XHMAC_PROFILE",
          pointer: at("profile"),
          message: `preset ${written.preset} describes a template scheme; profile aws-sigv4 is a scheme of its own`,
          hint: "keep either the preset or the profile",
        },
      ],
    };
  }
  for (const key of Object.keys(written)) {
    if (!PROFILE_KEYS.has(key)) {
      issues.push({
        code: "E_XHMAC_UNKNOWN_KEY",
        pointer: at(key),
        message: `${key} is a knob of the template model; profile aws-sigv4 fixes it (HMAC-SHA256, AWS's canonical request)`,
        hint: "remove it, or set the profile's options under awsSigV4",
      });
    }
  }
  const block = (written.awsSigV4 ?? {}) as AwsSigV4Input;
  const location = block.location ?? AWS_SIGV4_DEFAULTS.location;
  checkCarrier(location, context, issues);

  const overrides = context.aws?.overrides ?? {};
  const fromSpec = context.aws?.fromSpec ?? {};
  const region = pick(
    "region",
    overrides.region,
    block.region,
    fromSpec.region,
    fromApiGateway ? context.pointer : at("awsSigV4", "region"),
    issues,
  );
  const service = pick(
    "service",
    overrides.service,
    block.service,
    fromSpec.service,
    fromApiGateway ? context.pointer : at("awsSigV4", "service"),
    issues,
  );
  if (issues.length > 0 || region === undefined || service === undefined) return { issues };

  const perService = serviceDefaults(service);
  const defaults = AWS_SIGV4_DEFAULTS;
  const pastSeconds = block.tolerance?.past ?? defaults.tolerance.past;
  const futureSeconds = block.tolerance?.future ?? defaults.tolerance.future;
  const expiresInSeconds = block.expiresIn ?? defaults.expiresIn;
  // A signature is acceptable while X-Amz-Date is within the skew (and, presigned, until X-Amz-Expires).
  const signatureWindow = pastSeconds + futureSeconds + (location === "query" ? expiresInSeconds : 0);
  return {
    scheme: {
      profile: "aws-sigv4",
      name: context.name,
      algorithm: "sha256",
      secretEncoding: "utf8",
      region,
      service,
      normalizePath: block.normalizePath ?? perService.normalizePath ?? defaults.normalizePath,
      doubleEncodePath: block.doubleEncodePath ?? perService.doubleEncodePath ?? defaults.doubleEncodePath,
      payload: block.payload ?? defaults.payload,
      contentSha256Header: block.contentSha256Header ?? perService.contentSha256Header ?? defaults.contentSha256Header,
      location,
      expiresInSeconds,
      signedHeaders: (block.signedHeaders ?? [...defaults.signedHeaders]).map((name) => name.toLowerCase()),
      pastSeconds,
      futureSeconds,
      ...(written.replay === "signature" ? { signatureReplay: { ttlSeconds: Math.max(1, signatureWindow) } } : {}),
      failureStatus: written.failureStatus ?? defaults.failureStatus,
    },
    issues: [],
  };
}

/** Generate options win over x-hmac, x-hmac over the spec's metadata; none of them is an error. */
function pick(
  what: "region" | "service",
  override: string | undefined,
  written: string | undefined,
  fromSpec: string | undefined,
  pointer: string,
  issues: SpecIssue[],
): string | undefined {
  const code = what === "region" ? "E_AWS_SIGV4_REGION" : "E_AWS_SIGV4_SERVICE";
  const flag = what === "region" ? "--aws-region us-east-1" : "--aws-service execute-api";
  if (override !== undefined && !SCOPE_PART.test(override)) {
    issues.push({
      code,
      pointer,
      message: `the ${what} ${JSON.stringify(override)} given to the generator is not a SigV4 ${what} name`,
      hint: `pass e.g. ${flag}`,
    });
    return undefined;
  }
  const value = override ?? written ?? fromSpec;
  if (value === undefined) {
    issues.push({
      code,
      pointer,
      message: `no signing ${what}: neither the generator's options, x-hmac awsSigV4.${what}, nor the spec (${what === "region" ? "a servers entry with a {region} variable or a regional amazonaws.com host" : "info.x-aws-signingName or an amazonaws.com server"}) gives one`,
      hint: `pass ${flag}, or set x-hmac: { profile: aws-sigv4, awsSigV4: { ${what}: ... } }`,
    });
  }
  return value;
}

/** API Gateway declares SigV4 as an apiKey in the Authorization header; a presigned URL travels in the query. */
function checkCarrier(location: "header" | "query", context: SecuritySchemeContext, issues: SpecIssue[]): void {
  if (context.type !== "apiKey") {
    issues.push({
      code: "E_XHMAC_SCHEME_TYPE",
      pointer: context.pointer,
      message: `profile aws-sigv4 needs a security scheme of type apiKey, not ${JSON.stringify(context.type)}`,
      hint: "declare it as API Gateway does: type: apiKey, in: header, name: Authorization",
    });
    return;
  }
  const name = typeof context.parameterName === "string" ? context.parameterName : "";
  const fits = location === "header" ? context.in === "header" && name.toLowerCase() === "authorization" : context.in === "query";
  if (!fits) {
    issues.push({
      code: "E_XHMAC_CARRIER",
      pointer: context.pointer,
      message:
        location === "header"
          ? `a SigV4 signature travels in the Authorization header, but the apiKey says ${String(context.in)} ${name}`
          : `a presigned URL carries its signature in the query, but the apiKey says ${String(context.in)} ${name}`,
      hint: location === "header" ? "use in: header, name: Authorization" : "use in: query, name: X-Amz-Signature",
    });
  }
}
