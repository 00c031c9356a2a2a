/** Every lint rule fires on a scheme with its weakness and stays quiet on the same scheme without it. */
import { describe, expect, it } from "vitest";
import { lintDocument } from "../../src/lint/lint.js";
import { LINT_RULE_IDS } from "../../src/lint/rules.js";

function spec(xHmac: Record<string, unknown>, scheme: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    components: { securitySchemes: { sig: { type: "apiKey", in: "header", name: "X-Signature", ...scheme, "x-hmac": xHmac } } },
    paths: {},
  };
}

const ALL = ["method", "path", "query", "timestamp", "nonce", "keyId", "bodyHash"];
const without = (component: string): string[] => ALL.filter((candidate) => candidate !== component);

const CASES: Array<{ rule: string; firing: () => Record<string, unknown>; quiet: () => Record<string, unknown> }> = [
  { rule: "body-unsigned", firing: () => spec({ stringToSign: { components: without("bodyHash") } }), quiet: () => spec({}) },
  {
    rule: "body-unsigned",
    firing: () => spec({ stringToSign: { components: without("bodyHash") } }),
    quiet: () => spec({ stringToSign: { components: [...without("bodyHash"), "body"] } }),
  },
  {
    rule: "body-unsigned-for-method",
    firing: () => spec({ body: { emptyFor: ["GET", "POST"] } }),
    quiet: () => spec({ body: { emptyFor: ["GET"] } }),
  },
  { rule: "method-unsigned", firing: () => spec({ stringToSign: { components: without("method") } }), quiet: () => spec({}) },
  { rule: "path-unsigned", firing: () => spec({ stringToSign: { components: without("path") } }), quiet: () => spec({}) },
  { rule: "query-unsigned", firing: () => spec({ stringToSign: { components: without("query") } }), quiet: () => spec({}) },
  {
    rule: "no-timestamp",
    firing: () => spec({ timestamp: "none", stringToSign: { components: without("timestamp") } }),
    quiet: () => spec({}),
  },
  { rule: "no-timestamp", firing: () => spec({ stringToSign: { components: without("timestamp") } }), quiet: () => spec({}) },
  { rule: "no-nonce", firing: () => spec({ nonce: "none", stringToSign: { components: without("nonce") } }), quiet: () => spec({}) },
  { rule: "no-nonce", firing: () => spec({ stringToSign: { components: without("nonce") } }), quiet: () => spec({}) },
  {
    rule: "no-nonce",
    firing: () => spec({ nonce: "none", stringToSign: { components: without("nonce") } }),
    quiet: () => spec({ nonce: "none", stringToSign: { components: without("nonce") }, replay: "signature" }),
  },
  {
    rule: "keyid-unsigned",
    firing: () => spec({ stringToSign: { components: without("keyId") } }),
    quiet: () => spec({ stringToSign: { components: [...without("keyId"), "header:X-Key-Id"] } }),
  },
  {
    rule: "keyid-unsigned",
    firing: () => spec({ stringToSign: { components: without("keyId") } }),
    quiet: () => spec({ keyId: "none", stringToSign: { components: without("keyId") } }),
  },
  { rule: "signature-in-query", firing: () => spec({}, { in: "query", name: "sig" }), quiet: () => spec({}) },
  { rule: "sha1", firing: () => spec({ algorithm: "sha1" }), quiet: () => spec({ algorithm: "sha512" }) },
  { rule: "sha1", firing: () => spec({ body: { hash: { algorithm: "sha1" } } }), quiet: () => spec({}) },
  {
    rule: "case-insensitive-signature",
    firing: () => spec({ signature: { encoding: "hex", caseInsensitive: true } }),
    quiet: () => spec({ signature: { encoding: "hex" } }),
  },
  { rule: "decoded-path", firing: () => spec({ path: { form: "decoded" } }), quiet: () => spec({}) },
  {
    rule: "query-order-unsigned",
    firing: () => spec({ query: { form: "canonical" } }),
    quiet: () => spec({ query: { form: "canonical", sort: false } }),
  },
  {
    rule: "content-type-unsigned",
    firing: () => spec({}),
    quiet: () => spec({ stringToSign: { components: [...ALL, "header:Content-Type"] } }),
  },
  { rule: "secret-in-spec", firing: () => spec({ secret: "hunter2hunter2" }), quiet: () => spec({ secret: { encoding: "base64" } }) },
  {
    rule: "secret-in-spec",
    firing: () => spec({}, { "x-hmac-secret": "hunter2hunter2" }),
    quiet: () => spec({}, { description: "the secret comes from vault" }),
  },
];

const rulesOf = (document: Record<string, unknown>): string[] => lintDocument(document).map((finding) => finding.rule);

describe("lint rules", () => {
  it("covers every rule", () => {
    expect(new Set(CASES.map((testCase) => testCase.rule))).toEqual(new Set(LINT_RULE_IDS));
  });

  it("a scheme of all defaults has one finding: Content-Type is not covered (a residual risk, decision 0007)", () => {
    expect(lintDocument(spec({})).map((finding) => finding.rule)).toEqual(["content-type-unsigned"]);
  });

  it.each(CASES)("$rule fires", ({ rule, firing }) => {
    expect(rulesOf(firing())).toContain(rule);
  });

  it.each(CASES)("$rule stays quiet", ({ rule, quiet }) => {
    expect(rulesOf(quiet())).not.toContain(rule);
  });

  it("a rule can be turned off or downgraded", () => {
    const document = spec({ timestamp: "none", stringToSign: { components: without("timestamp") } });
    expect(lintDocument(document, { rules: { "no-timestamp": "off" } }).map((finding) => finding.rule)).not.toContain("no-timestamp");
    expect(
      lintDocument(document, { rules: { "no-timestamp": "warning" } }).find((finding) => finding.rule === "no-timestamp")?.severity,
    ).toBe("warning");
  });

  it("each finding has an id, severity, pointer, message and fix, and never the secret's value", () => {
    const findings = lintDocument(spec({ secret: "hunter2hunter2" }));
    const finding = findings.find((candidate) => candidate.rule === "secret-in-spec");
    expect(finding).toMatchObject({ severity: "error", pointer: "#/components/securitySchemes/sig/x-hmac/secret" });
    expect(finding?.fix).toContain("rotate");
    expect(JSON.stringify(findings)).not.toContain("hunter2");
  });
});
