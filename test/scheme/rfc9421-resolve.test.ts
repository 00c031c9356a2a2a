/**
 * `profile: rfc9421` in x-hmac: the defaults, the documented example, and every error with its code,
 * pointer and hint (src/scheme/profiles/*rfc9421*).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ErrorCode } from "../../src/scheme/errors.js";
import { resolveScheme, type SecuritySchemeContext } from "../../src/scheme/resolve.js";
import type { Rfc9421Scheme } from "../../templates/runtime/types.js";
import { ROOT } from "../support/run-cli.js";

const P = "#/components/securitySchemes/s/x-hmac";
const S = "#/components/securitySchemes/s";
const CONTEXT: SecuritySchemeContext = { name: "s", pointer: P, type: "apiKey", in: "header", parameterName: "Signature" };

function resolve(input: unknown, context: Partial<SecuritySchemeContext> = {}) {
  return resolveScheme(input, { ...CONTEXT, ...context });
}

function resolved(input: unknown): Rfc9421Scheme {
  const result = resolve(input);
  expect(result.issues).toEqual([]);
  if (result.scheme?.profile !== "rfc9421") throw new Error("expected an rfc9421 scheme");
  return result.scheme;
}

describe("profile: rfc9421 resolves", () => {
  it("with secure defaults when only the profile is given", () => {
    expect(resolved({ profile: "rfc9421" })).toEqual({
      profile: "rfc9421",
      name: "s",
      algorithm: "sha256",
      secretEncoding: "utf8",
      label: "sig1",
      components: [
        { name: "@method", params: [] },
        { name: "@authority", params: [] },
        { name: "@path", params: [] },
        { name: "@query", params: [] },
        { name: "content-digest", params: [] },
      ],
      parameters: ["created", "nonce", "keyid"],
      expiresInSeconds: 300,
      tag: null,
      contentDigest: "sha-256",
      pastSeconds: 300,
      futureSeconds: 300,
      nonce: { bytes: 16, encoding: "hex", ttlSeconds: 600 },
      failureStatus: 401,
    });
  });

  it("the README's example, with field names lower-cased and @query-param's name kept", () => {
    const scheme = resolved({
      profile: "rfc9421",
      secret: { encoding: "base64" },
      failureStatus: 403,
      rfc9421: {
        label: "sig-app",
        components: ["@method", "@target-uri", "Content-Type", "content-digest", '@query-param;name="id"'],
        parameters: ["created", "expires", "nonce", "alg", "keyid", "tag"],
        expiresIn: 60,
        tag: "my-app",
        contentDigest: "sha-512",
        tolerance: { past: 120, future: 5 },
        nonce: { bytes: 24, encoding: "base64url", ttl: 600 },
      },
    });
    expect(scheme).toMatchObject({
      secretEncoding: "base64",
      failureStatus: 403,
      label: "sig-app",
      components: [
        { name: "@method", params: [] },
        { name: "@target-uri", params: [] },
        { name: "content-type", params: [] },
        { name: "content-digest", params: [] },
        { name: "@query-param", params: [["name", "id"]] },
      ],
      parameters: ["created", "expires", "nonce", "alg", "keyid", "tag"],
      expiresInSeconds: 60,
      tag: "my-app",
      contentDigest: "sha-512",
      pastSeconds: 120,
      futureSeconds: 5,
      nonce: { bytes: 24, encoding: "base64url", ttlSeconds: 600 },
    });
  });

  it("the profile page's YAML resolves as written", () => {
    const section = readFileSync(join(ROOT, "docs/profiles/rfc9421.md"), "utf8");
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    const scheme = (parse(yaml) as { components: { securitySchemes: Record<string, { "x-hmac": unknown }> } }).components.securitySchemes
      .appSignature;
    const result = resolve(scheme?.["x-hmac"], { name: "appSignature" });
    expect(result.issues).toEqual([]);
    expect(result.scheme).toMatchObject({ profile: "rfc9421", tag: "my-app", pastSeconds: 300, futureSeconds: 60 });
  });

  it("without created, a nonce is remembered a day", () => {
    expect(resolved({ profile: "rfc9421", rfc9421: { parameters: ["nonce", "keyid"] } }).nonce?.ttlSeconds).toBe(86_400);
  });

  it("without nonce in the parameters, there is no nonce rule", () => {
    expect(resolved({ profile: "rfc9421", rfc9421: { parameters: ["created"] } }).nonce).toBeNull();
  });
});

interface InvalidCase {
  label: string;
  input: Record<string, unknown>;
  context?: Partial<SecuritySchemeContext>;
  code: ErrorCode;
  pointer: string;
  hint?: string;
  message?: RegExp;
}

const rfc = (block: Record<string, unknown>) => ({ profile: "rfc9421", rfc9421: block });

const INVALID: InvalidCase[] = [
  {
    label: "unknown derived component",
    input: rfc({ components: ["@metod"] }),
    code: "E_XHMAC_COMPONENT",
    pointer: `${P}/rfc9421/components/0`,
    hint: 'did you mean "@method"?',
  },
  {
    label: "@status on a request",
    input: rfc({ components: ["@status"] }),
    code: "E_XHMAC_COMPONENT",
    pointer: `${P}/rfc9421/components/0`,
    message: /responses/,
  },
  {
    label: "@signature-params listed",
    input: rfc({ components: ["@method", "@signature-params"] }),
    code: "E_XHMAC_COMPONENT",
    pointer: `${P}/rfc9421/components/1`,
  },
  {
    label: "@query-param without name",
    input: rfc({ components: ["@query-param"] }),
    code: "E_XHMAC_COMPONENT",
    pointer: `${P}/rfc9421/components/0`,
    hint: 'write @query-param;name="id"',
  },
  {
    label: "@query-param with an unquoted name",
    input: rfc({ components: ["@query-param;name=id"] }),
    code: "E_XHMAC_COMPONENT",
    pointer: `${P}/rfc9421/components/0`,
    hint: 'write @query-param;name="id"',
  },
  {
    label: "a field with the sf parameter",
    input: rfc({ components: ["example-dict;sf"] }),
    code: "E_XHMAC_COMPONENT",
    pointer: `${P}/rfc9421/components/0`,
    hint: 'cover the field as it is: "example-dict"',
  },
  {
    label: "not a field name",
    input: rfc({ components: ["content type"] }),
    code: "E_XHMAC_COMPONENT",
    pointer: `${P}/rfc9421/components/0`,
  },
  {
    label: "the Signature field covered",
    input: rfc({ components: ["Signature-Input"] }),
    code: "E_XHMAC_COMPONENT",
    pointer: `${P}/rfc9421/components/0`,
    message: /cannot cover it/,
  },
  {
    label: "duplicate components (case-insensitive for fields)",
    input: rfc({ components: ["@method", "Content-Type", "content-type"] }),
    code: "E_XHMAC_COMPONENT",
    pointer: `${P}/rfc9421/components/2`,
    message: /covered twice \(also at index 1\)/,
  },
  {
    label: "unknown parameter",
    input: rfc({ parameters: ["created", "keyId"] }),
    code: "E_XHMAC_VALUE",
    pointer: `${P}/rfc9421/parameters/1`,
    hint: 'did you mean "keyid"?',
  },
  {
    label: "duplicate parameter",
    input: rfc({ parameters: ["created", "keyid", "created"] }),
    code: "E_XHMAC_VALUE",
    pointer: `${P}/rfc9421/parameters/2`,
  },
  {
    label: "bad label",
    input: rfc({ label: "Sig 1" }),
    code: "E_XHMAC_VALUE",
    pointer: `${P}/rfc9421/label`,
  },
  {
    label: "unknown key in the block",
    input: rfc({ lable: "sig1" }),
    code: "E_XHMAC_UNKNOWN_KEY",
    pointer: `${P}/rfc9421/lable`,
    hint: 'did you mean "label"?',
  },
  {
    label: "contentDigest without content-digest covered",
    input: rfc({ components: ["@method", "@path"], contentDigest: "sha-512" }),
    code: "E_XHMAC_MISSING_PART",
    pointer: `${P}/rfc9421/contentDigest`,
    hint: 'add "content-digest" to rfc9421.components',
  },
  {
    label: "unknown content digest algorithm",
    input: rfc({ contentDigest: "sha256" }),
    code: "E_XHMAC_VALUE",
    pointer: `${P}/rfc9421/contentDigest`,
    hint: 'did you mean "sha-256"?',
  },
  {
    label: "tag without the tag parameter",
    input: rfc({ tag: "my-app" }),
    code: "E_XHMAC_MISSING_PART",
    pointer: `${P}/rfc9421/tag`,
  },
  {
    label: "the tag parameter without a tag",
    input: rfc({ parameters: ["created", "tag"] }),
    code: "E_XHMAC_REQUIRED",
    pointer: `${P}/rfc9421/tag`,
  },
  {
    label: "expiresIn without expires",
    input: rfc({ expiresIn: 60 }),
    code: "E_XHMAC_MISSING_PART",
    pointer: `${P}/rfc9421/expiresIn`,
  },
  {
    label: "nonce settings without the nonce parameter",
    input: rfc({ parameters: ["created", "keyid"], nonce: { bytes: 16 } }),
    code: "E_XHMAC_MISSING_PART",
    pointer: `${P}/rfc9421/nonce`,
  },
  {
    label: "tolerance without created",
    input: rfc({ parameters: ["keyid"], tolerance: { past: 10 } }),
    code: "E_XHMAC_MISSING_PART",
    pointer: `${P}/rfc9421/tolerance`,
  },
  {
    label: "nonce TTL shorter than the created window",
    input: rfc({ tolerance: { past: 300, future: 60 }, nonce: { ttl: 120 } }),
    code: "E_XHMAC_RANGE",
    pointer: `${P}/rfc9421/nonce/ttl`,
    hint: "set rfc9421.nonce.ttl to at least 360",
  },
  {
    label: "a preset with the profile",
    input: { profile: "rfc9421", preset: "nextcloud-drf" },
    code: "E_XHMAC_PROFILE",
    pointer: `${P}/preset`,
  },
  {
    label: "stringToSign with the profile",
    input: { profile: "rfc9421", stringToSign: { components: ["method"] } },
    code: "E_XHMAC_PROFILE",
    pointer: `${P}/stringToSign`,
    hint: "the signature base is built from rfc9421.components (RFC 9421 §2.5)",
  },
  {
    label: "the apiKey is not named Signature",
    input: { profile: "rfc9421" },
    context: { parameterName: "X-Signature" },
    code: "E_XHMAC_CARRIER",
    pointer: `${S}/name`,
    hint: "set in: header and name: Signature",
  },
  {
    label: "the apiKey is in the query",
    input: { profile: "rfc9421" },
    context: { in: "query" },
    code: "E_XHMAC_CARRIER",
    pointer: `${S}/in`,
  },
  {
    label: "an http scheme",
    input: { profile: "rfc9421" },
    context: { type: "http", in: undefined, parameterName: undefined },
    code: "E_XHMAC_SCHEME_TYPE",
    pointer: P,
  },
];

describe("profile: rfc9421 errors", () => {
  it.each(INVALID)("$code: $label", ({ input, context, code, pointer, hint, message }) => {
    const result = resolve(input, context);
    expect(result.scheme).toBeUndefined();
    expect(result.issues).toHaveLength(1);
    const [issue] = result.issues;
    expect(issue).toMatchObject({ code, pointer });
    if (hint !== undefined) expect(issue?.hint).toBe(hint);
    if (message) expect(issue?.message).toMatch(message);
  });

  it("the apiKey name is compared case-insensitively", () => {
    expect(resolve({ profile: "rfc9421" }, { parameterName: "signature" }).issues).toEqual([]);
  });
});
