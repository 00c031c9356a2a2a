/**
 * The same weaknesses as rules.ts, read off the standard profiles: an rfc9421 scheme chooses its covered
 * components and signature parameters, an aws-sigv4 scheme its payload and location, so both can leave
 * the body, the target or freshness unsigned. Same rule ids and severities, so a config's rule settings
 * apply to every profile alike (review finding M2: lint said nothing about `components: ["@method"]`).
 */
import type { AwsSigV4Scheme, Rfc9421Scheme } from "../../templates/runtime/types.js";

export interface ProfileFinding {
  message: string;
  /** Where the fix goes, under the scheme's x-hmac pointer. */
  at: string[];
  fix: string;
}

type ProfileScheme = Rfc9421Scheme | AwsSigV4Scheme;
type ProfileCheck = (scheme: ProfileScheme) => ProfileFinding | undefined;

const covered = (scheme: Rfc9421Scheme, ...names: string[]): boolean =>
  scheme.components.some((component) => names.includes(component.name));

const components = ["rfc9421", "components"];
const parameters = ["rfc9421", "parameters"];

/** By rule id (rules.ts); a rule a profile cannot break has no entry. */
export const PROFILE_CHECKS: Readonly<Record<string, ProfileCheck>> = {
  "body-unsigned": (scheme) => {
    if (scheme.profile === "rfc9421") {
      return covered(scheme, "content-digest")
        ? undefined
        : {
            message: "content-digest is not covered: whoever sees one signed request can send any body with its signature",
            at: components,
            fix: 'add "content-digest" to rfc9421.components (RFC 9421 §7.2.8, RFC 9530)',
          };
    }
    return scheme.payload === "signed"
      ? undefined
      : {
          message: "payload: unsigned sends UNSIGNED-PAYLOAD: the body is not covered by the signature",
          at: ["awsSigV4", "payload"],
          fix: "payload: signed (the default), unless the service is S3 over TLS and you accept that",
        };
  },
  "method-unsigned": (scheme) =>
    scheme.profile === "rfc9421" && !covered(scheme, "@method")
      ? { message: "@method is not covered: a signed GET can be replayed as a DELETE", at: components, fix: 'add "@method"' }
      : undefined,
  "path-unsigned": (scheme) =>
    scheme.profile === "rfc9421" && !covered(scheme, "@path", "@target-uri", "@request-target")
      ? { message: "the path is not covered: the signature is valid on any endpoint", at: components, fix: 'add "@path"' }
      : undefined,
  "query-unsigned": (scheme) =>
    scheme.profile === "rfc9421" && !covered(scheme, "@query", "@target-uri", "@request-target")
      ? {
          message: "the query is not covered: parameters can be changed or added under a valid signature",
          at: components,
          fix: 'add "@query" (@query-param covers only the parameters it names)',
        }
      : undefined,
  "no-timestamp": (scheme) =>
    scheme.profile === "rfc9421" && !scheme.parameters.includes("created")
      ? {
          message: "no created parameter: a signature stays valid forever",
          at: parameters,
          fix: 'add "created" to rfc9421.parameters (RFC 9421 §2.3)',
        }
      : undefined,
  "no-nonce": (scheme) => {
    if (scheme.profile === "rfc9421") {
      return scheme.parameters.includes("nonce")
        ? undefined
        : { message: "no nonce parameter: a request can be replayed within its window", at: parameters, fix: 'add "nonce"' };
    }
    // AWS itself accepts a replay inside the 15-minute window; the signature-keyed guard refuses it.
    const window = scheme.pastSeconds + scheme.futureSeconds;
    if (!scheme.signatureReplay) {
      return {
        message: `SigV4 has no nonce and no signature replay guard: a request can be replayed for its ${window} s window`,
        at: ["profile"],
        fix: "set replay: signature (each signature accepted once, through the server's replay store)",
      };
    }
    return window > 1800
      ? {
          message: `a ${window} s window makes the replay store remember every signature that long`,
          at: ["awsSigV4", "tolerance"],
          fix: "keep the tolerance at AWS's 900 s each way or less",
        }
      : undefined;
  },
  "signature-in-query": (scheme) =>
    scheme.profile === "aws-sigv4" && scheme.location === "query"
      ? {
          message: "presigned URLs carry the signature in the query, which ends up in access logs and browser history",
          at: ["awsSigV4", "location"],
          fix: "location: header, or keep expiresIn short for presigned URLs",
        }
      : undefined,
};
