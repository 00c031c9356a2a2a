/**
 * Lint on the standard profiles: each rule with a profile check fires on an rfc9421 or aws-sigv4 scheme
 * with the weakness, stays quiet on the profile's defaults, and a spec whose SigV4 region comes only from
 * the command line or config lints (review findings M2, M3).
 */
import { describe, expect, it } from "vitest";
import { lintDocument } from "../../src/lint/lint.js";
import { PROFILE_CHECKS } from "../../src/lint/profile-rules.js";

function rfc9421(block: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    components: {
      securitySchemes: { sig: { type: "apiKey", in: "header", name: "Signature", "x-hmac": { profile: "rfc9421", rfc9421: block } } },
    },
    paths: {},
  };
}

function sigv4(block: Record<string, unknown> = {}, withRegion = true, xHmac: Record<string, unknown> = {}): Record<string, unknown> {
  // A presigned URL's signature travels in the query: the apiKey says so.
  const carrier = block.location === "query" ? { in: "query", name: "X-Amz-Signature" } : { in: "header", name: "Authorization" };
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    components: {
      securitySchemes: {
        sig: {
          type: "apiKey",
          ...carrier,
          "x-hmac": {
            profile: "aws-sigv4",
            awsSigV4: { ...(withRegion ? { region: "eu-west-1" } : {}), service: "execute-api", ...block },
            ...xHmac,
          },
        },
      },
    },
    paths: {},
  };
}

const GUARD = { replay: "signature" };
const DEFAULT_COMPONENTS = ["@method", "@authority", "@path", "@query", "content-digest"];
const without = (name: string): string[] => DEFAULT_COMPONENTS.filter((candidate) => candidate !== name);

const CASES: Array<{ rule: string; firing: Record<string, unknown>; quiet: Record<string, unknown> }> = [
  { rule: "body-unsigned", firing: rfc9421({ components: without("content-digest") }), quiet: rfc9421() },
  { rule: "body-unsigned", firing: sigv4({ payload: "unsigned" }), quiet: sigv4() },
  { rule: "method-unsigned", firing: rfc9421({ components: without("@method") }), quiet: rfc9421() },
  {
    rule: "path-unsigned",
    firing: rfc9421({ components: without("@path") }),
    quiet: rfc9421({ components: [...without("@path"), "@target-uri"] }),
  },
  { rule: "query-unsigned", firing: rfc9421({ components: without("@query") }), quiet: rfc9421() },
  { rule: "no-timestamp", firing: rfc9421({ parameters: ["nonce", "keyid"] }), quiet: rfc9421() },
  { rule: "no-nonce", firing: rfc9421({ parameters: ["created", "keyid"] }), quiet: rfc9421() },
  // SigV4 has no nonce: without the signature-keyed guard a replay passes for the whole window.
  { rule: "no-nonce", firing: sigv4(), quiet: sigv4({}, true, GUARD) },
  { rule: "no-nonce", firing: sigv4({ tolerance: { past: 3600, future: 3600 } }, true, GUARD), quiet: sigv4({}, true, GUARD) },
  { rule: "signature-in-query", firing: sigv4({ location: "query" }), quiet: sigv4() },
];

const rulesOf = (document: Record<string, unknown>): string[] => lintDocument(document).map((finding) => finding.rule);

describe("lint on the standard profiles", () => {
  it.each(CASES.map((testCase, index) => ({ ...testCase, index })))(
    "$rule fires and stays quiet (case $index)",
    ({ rule, firing, quiet }) => {
      expect(rulesOf(firing)).toContain(rule);
      expect(rulesOf(quiet)).not.toContain(rule);
    },
  );

  it("every profile check has a firing case here", () => {
    expect(new Set(CASES.map((testCase) => testCase.rule))).toEqual(new Set(Object.keys(PROFILE_CHECKS)));
  });

  it("the profiles' defaults are clean, but for SigV4's missing replay protection until the guard is on", () => {
    expect(rulesOf(rfc9421())).toEqual([]);
    expect(rulesOf(sigv4())).toEqual(["no-nonce"]);
    expect(rulesOf(sigv4({}, true, GUARD))).toEqual([]);
  });

  it("a SigV4 region given only as an option lints instead of failing (generation gets the same context)", () => {
    const document = sigv4({}, false);
    expect(() => lintDocument(document)).toThrow(/E_AWS_SIGV4_REGION/);
    expect(lintDocument(document, { aws: { region: "eu-west-1" } }).map((finding) => finding.rule)).toEqual(["no-nonce"]);
  });
});
