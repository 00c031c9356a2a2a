/**
 * The shipped JSON Schema of x-hmac: the committed file matches the rules (run `npm run embed` after
 * changing them), and it agrees with the validator on the presets and on typical mistakes.
 */
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { xHmacJsonSchema } from "../../src/scheme/json-schema.js";
import { PRESET_NAMES, PRESETS } from "../../src/scheme/profiles/template/presets.js";
import { resolveScheme } from "../../src/scheme/resolve.js";

const SCHEMA_FILE = new URL("../../schema/x-hmac.schema.json", import.meta.url);
const POINTER = "#/components/securitySchemes/s/x-hmac";
const CONTEXT = { name: "s", pointer: POINTER, type: "apiKey", in: "header", parameterName: "X-Signature" };

const warnings: unknown[] = [];
const ajv = new Ajv2020({
  strict: true,
  allErrors: true,
  logger: { log: () => {}, warn: (...args: unknown[]) => warnings.push(args), error: (...args: unknown[]) => warnings.push(args) },
});
const validate = ajv.compile(xHmacJsonSchema());

describe("schema/x-hmac.schema.json", () => {
  it("is up to date with the model rules (npm run embed)", () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(`${JSON.stringify(xHmacJsonSchema(), null, 2)}\n`);
  });

  it("is a draft 2020-12 schema that compiles in strict mode without warnings", () => {
    const schema = xHmacJsonSchema();
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe("https://hmac-codegen.dev/x-hmac.schema.json");
    expect(schema.additionalProperties).toBe(false);
    expect(warnings).toEqual([]);
  });
});

describe("the JSON Schema accepts valid x-hmac", () => {
  it.each(PRESET_NAMES)("the %s preset's input", (preset) => {
    expect(validate(PRESETS[preset]), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(PRESET_NAMES)("{ preset: %s }", (preset) => {
    expect(validate({ preset }), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    { label: "the empty object", input: {} },
    { label: "a prefix", input: { signature: { prefix: "sha256=" } } },
    { label: "header: and literal: components", input: { stringToSign: { components: ["literal:v1", "header:X-Api-Key", "method"] } } },
    {
      label: "an algorithm object",
      input: { algorithm: { default: "sha512", accept: ["sha256", "sha512"] }, signature: { template: "{algorithm} {signature}" } },
    },
    { label: "parts turned off", input: { keyId: "none", timestamp: "none", nonce: "none" } },
  ])("$label, like the validator", ({ input }) => {
    expect(validate(input), JSON.stringify(validate.errors)).toBe(true);
    expect(resolveScheme(input, CONTEXT).issues).toEqual([]);
  });
});

describe("the JSON Schema rejects invalid x-hmac, like the validator", () => {
  it.each([
    { label: "a misspelt encoding", input: { signature: { encoding: "base-64" } }, at: "/signature/encoding", keyword: "enum" },
    { label: "an unknown preset", input: { preset: "nextcloud-dfr" }, at: "/preset", keyword: "enum" },
    { label: "an unknown key", input: { algoritm: "sha256" }, at: "", keyword: "additionalProperties" },
    { label: "a string secret", input: { secret: "hunter2" }, at: "/secret", keyword: "type" },
    { label: "a secret-looking key", input: { apiSecret: "hunter2" }, at: "", keyword: "additionalProperties" },
    {
      label: "a component in the wrong case",
      input: { stringToSign: { components: ["method", "bodyhash"] } },
      at: "/stringToSign/components/1",
      keyword: "pattern",
    },
    {
      label: "an invalid header: component",
      input: { stringToSign: { components: ["header:X Bad"] } },
      at: "/stringToSign/components/0",
      keyword: "pattern",
    },
    { label: "an empty component list", input: { stringToSign: { components: [] } }, at: "/stringToSign/components", keyword: "minItems" },
    {
      label: "a tolerance above a day",
      input: { timestamp: { tolerance: { past: 100_000 } } },
      at: "/timestamp/tolerance/past",
      keyword: "maximum",
    },
    { label: "a keyId carrier without in", input: { keyId: { name: "X-Key" } }, at: "/keyId", keyword: "required" },
    { label: "an algorithm object without default", input: { algorithm: { accept: ["sha256"] } }, at: "/algorithm", keyword: "required" },
    { label: "a failureStatus outside its enum", input: { failureStatus: 402 }, at: "/failureStatus", keyword: "enum" },
    { label: "an empty template", input: { signature: { template: "" } }, at: "/signature/template", keyword: "minLength" },
    { label: "a fractional nonce size", input: { nonce: { bytes: 16.5 } }, at: "/nonce/bytes", keyword: "type" },
    { label: "a header name with a space", input: { signature: { name: "X Sig" } }, at: "/signature/name", keyword: "pattern" },
    { label: "an unknown profile", input: { profile: "rfc9999" }, at: "/profile", keyword: "enum" },
  ])("$label", ({ input, at, keyword }) => {
    expect(validate(input)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: at, keyword }));
    expect(resolveScheme(input, CONTEXT).issues).not.toEqual([]);
  });
});
