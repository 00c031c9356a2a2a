/**
 * Lint rules: known weaknesses of a signing scheme, each with a stable id, a severity, what goes wrong
 * and how to fix it. A rule reads the resolved scheme only (the same data the runtime signs with), so
 * what lint says is what the generated code does. Seeds cited where a real system had the weakness.
 */
import type { HmacScheme } from "../../templates/runtime/types.js";
import { CONTRACT_RULES } from "./contract-rules.js";
import type { LintRule, Severity } from "./lint-rule.js";

export type { LintRule, Severity } from "./lint-rule.js";

const covers = (scheme: HmacScheme, component: string): boolean =>
  scheme.stringToSign.components.some((candidate) => candidate === component);

/** Whether a header is inside the string to sign, by `header:<name>` or the signedHeaders list. */
function coversHeader(scheme: HmacScheme, name: string): boolean {
  const lower = name.toLowerCase();
  return (
    scheme.stringToSign.components.some((component) => component.toLowerCase() === `header:${lower}`) ||
    (covers(scheme, "signedHeaders") && scheme.signedHeaders.some((header) => header.toLowerCase() === lower))
  );
}

/** Methods whose requests carry no content by definition (RFC 9110 §9.3.1, §9.3.2, §9.3.8). */
const BODILESS_METHODS: readonly string[] = ["GET", "HEAD", "TRACE"];

export const LINT_RULES: readonly LintRule[] = [
  {
    id: "body-unsigned",
    severity: "error",
    at: ["stringToSign", "components"],
    check: (scheme) =>
      covers(scheme, "body") || covers(scheme, "bodyHash")
        ? undefined
        : "the body is not covered: whoever sees one signed request can send any body with its signature",
    fix: 'add "bodyHash" (or "body") to stringToSign.components',
  },
  {
    id: "body-unsigned-for-method",
    severity: "error",
    at: ["body", "emptyFor"],
    check: (scheme) => {
      // Seed 004 declares GET, whose body no server reads; a method that carries content must sign it.
      const carrying = scheme.body.emptyFor.filter((method) => !BODILESS_METHODS.includes(method));
      return carrying.length === 0
        ? undefined
        : `body.emptyFor signs ${carrying.join(", ")} bodies as empty: whoever sees one signed request can send any body with its signature (refused only while servers keep unsignedBody: refuse)`;
    },
    fix: 'list only methods without content in body.emptyFor (seed 004: ["GET"])',
  },
  {
    id: "method-unsigned",
    severity: "warning",
    at: ["stringToSign", "components"],
    check: (scheme) =>
      covers(scheme, "method")
        ? undefined
        : "the method is not covered: a signed GET can be replayed as a DELETE of the same path (seed 003)",
    fix: 'add "method" to stringToSign.components',
  },
  {
    id: "path-unsigned",
    severity: "error",
    at: ["stringToSign", "components"],
    check: (scheme) =>
      covers(scheme, "path")
        ? undefined
        : "the path is not covered: a signature made for one endpoint is valid on every endpoint (seed 003)",
    fix: 'add "path" to stringToSign.components',
  },
  {
    id: "query-unsigned",
    severity: "warning",
    at: ["stringToSign", "components"],
    check: (scheme) =>
      covers(scheme, "query")
        ? undefined
        : "the query string is not covered: ?amount=1 can become ?amount=1000 under the same signature (seeds 001, 002)",
    fix: 'add "query" to stringToSign.components (query.form: canonical if peers re-encode it)',
  },
  {
    id: "no-timestamp",
    severity: "error",
    at: ["timestamp"],
    check: (scheme) =>
      !scheme.timestamp
        ? "no timestamp: a captured request verifies forever (seed 002)"
        : covers(scheme, "timestamp")
          ? undefined
          : "the timestamp is sent but not signed: an attacker refreshes it and replays forever",
    fix: 'set timestamp: { in: header, name: X-Timestamp } and keep "timestamp" in stringToSign.components',
  },
  {
    id: "no-nonce",
    severity: "warning",
    at: ["nonce"],
    check: (scheme) => {
      const window = scheme.timestamp ? `${scheme.timestamp.pastSeconds + scheme.timestamp.futureSeconds} s timestamp window` : "lifetime";
      // The signature-keyed guard refuses a replay without a nonce (it needs a timestamp, which resolve checks).
      if (!scheme.nonce && scheme.signatureReplay) return undefined;
      if (!scheme.nonce)
        return `no nonce and no signature replay guard, so nothing refuses a replay: any request can be replayed within its ${window} (seeds 001, 003)`;
      return covers(scheme, "nonce") ? undefined : "the nonce is sent but not signed: a replay with a fresh nonce passes the replay store";
    },
    fix: 'set nonce: { in: header, name: X-Nonce, bytes: 16 } and keep "nonce" in stringToSign.components, or, when the signer cannot send a nonce, set replay: signature; either way give the server a replay store (RedisReplayStore with several processes)',
  },
  {
    id: "keyid-unsigned",
    severity: "warning",
    at: ["stringToSign", "components"],
    check: (scheme) => {
      const keyId = scheme.keyId;
      if (!keyId || covers(scheme, "keyId")) return undefined;
      if (keyId.in === "header" && coversHeader(scheme, keyId.name)) return undefined;
      return `the key id (${keyId.in === "signature" ? "in the signature header" : `${keyId.in} ${keyId.name}`}) is not covered: it can be swapped for another key's id without breaking the signature, wherever two keys share a secret or the id decides permissions (seed 001's key substitution)`;
    },
    fix: 'add "keyId" to stringToSign.components',
  },
  {
    id: "signature-in-query",
    severity: "warning",
    at: ["signature", "in"],
    check: (scheme) =>
      scheme.signature.carrier.in === "query"
        ? `the signature travels in the query (${scheme.signature.carrier.name}): URLs land in access logs, proxies, browser history and Referer headers`
        : undefined,
    fix: "carry the signature in a header (type: apiKey, in: header)",
  },
  {
    id: "sha1",
    severity: "warning",
    at: ["algorithm"],
    check: (scheme) => {
      const uses = [...scheme.acceptedAlgorithms, scheme.body.hashAlgorithm].includes("sha1");
      return uses ? "SHA-1 is deprecated (NIST SP 800-131A); HMAC-SHA1 still holds, but audits and peers will refuse it" : undefined;
    },
    fix: "use sha256 (algorithm and body.hash.algorithm)",
  },
  {
    id: "case-insensitive-signature",
    severity: "warning",
    at: ["signature", "caseInsensitive"],
    check: (scheme) =>
      scheme.signature.caseInsensitive
        ? "the verifier normalises the signature's case before comparing: harmless for hex, but it is the habit that broke every request once the encoding became base64 (seed 000's signature.lower())"
        : undefined,
    fix: "compare exactly: remove caseInsensitive and have the signer send lower-case hex",
  },
  ...CONTRACT_RULES,
];

/** Not a rule over the resolved scheme: the spec's own text holds a secret (found in lint.ts). */
export const SECRET_IN_SPEC_RULE = {
  id: "secret-in-spec",
  severity: "error" as Severity,
  fix: "remove it from the spec, rotate it (it is in version control now), and pass secrets at run time (HMAC_SECRET, resolveKey)",
};

export const LINT_RULE_IDS = [...LINT_RULES.map((rule) => rule.id), SECRET_IN_SPEC_RULE.id];
