/**
 * Sample data for the msw mocks must be valid against its schema (Ajv, JSON Schema 2020-12) and the same on
 * every call: a table of schema features, then every operation of GitHub's REST spec (@octokit/openapi,
 * about 1,200 operations), where our samples must all be valid and GitHub's own examples are only counted.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { cannedResponse } from "../../src/mock/mock-responses.js";
import { sampleFromSchema } from "../../src/mock/sample-data.js";
import { refResolver } from "../../src/spec/parameters.js";
import { resultResponse } from "../../templates/server/operation-router.js";

type Schema = Record<string, unknown>;

function newAjv(): Ajv2020 {
  // logger: false: GitHub's int32/int64/... formats are unknown to Ajv and ignored, without a warning per schema.
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$/);
  ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat("email", /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/);
  ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  ajv.addFormat("ipv4", /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/);
  ajv.addFormat("ipv6", /^(?=.*:)[0-9a-f:]+(:(\d{1,3}\.){3}\d{1,3})?$/i);
  ajv.addFormat("hostname", /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i);
  return ajv;
}

/** A JSON pointer segment inside a URI fragment: ~ and / escaped (RFC 6901), then percent-encoded (RFC 3986, for `{owner}`). */
function segment(part: string): string {
  return encodeURIComponent(part.replace(/~/g, "~0").replace(/\//g, "~1"));
}

const unitAjv = newAjv();
let documents = 0;

/** Samples `schema` (beside `components.schemas`) twice and validates the sample where the schema lives in its document. */
function sampleAndValidate(schema: Schema, schemas: Record<string, Schema> = {}) {
  const document = { "x-under-test": schema, components: { schemas } };
  const resolve = refResolver(document);
  const sample = sampleFromSchema(schema, resolve);
  const again = sampleFromSchema(schema, refResolver(structuredClone(document)));
  documents += 1;
  const id = `unit-${documents}`;
  unitAjv.addSchema(document, id);
  const validate = unitAjv.compile({ $ref: `${id}#/x-under-test` });
  const valid = validate(sample);
  return { sample, again, valid, errors: JSON.stringify(validate.errors) };
}

interface Case {
  name: string;
  schema: Schema;
  schemas?: Record<string, Schema>;
  /** The exact sample, where one is specified (examples, const, enum, bounds). */
  expected?: unknown;
  /** Further properties of the sample. */
  check?: (sample: unknown) => void;
}

const FORMAT_CASES: Case[] = ["date", "date-time", "uuid", "email", "uri", "ipv4", "ipv6", "hostname"].map((format) => ({
  name: `string format ${format}`,
  schema: { type: "string", format },
}));

const STRING_CASES: Case[] = [
  { name: "plain string", schema: { type: "string" }, expected: "string" },
  { name: "minLength 20", schema: { type: "string", minLength: 20 }, check: (sample) => expect(String(sample)).toHaveLength(20) },
  { name: "maxLength 3", schema: { type: "string", maxLength: 3 }, expected: "str" },
  { name: "minLength = maxLength = 0", schema: { type: "string", minLength: 0, maxLength: 0 }, expected: "" },
  { name: "format email with minLength 20", schema: { type: "string", format: "email", minLength: 20 } },
  {
    name: "GitHub's commit sha pattern with lengths",
    schema: { type: "string", minLength: 40, maxLength: 64, pattern: "^([0-9a-fA-F]{40}(?:[0-9a-fA-F]{24})?)$" },
    expected: "0".repeat(40),
  },
  { name: "pattern sha256:hex", schema: { type: "string", pattern: "^sha256:[a-f0-9]{64}$" }, expected: `sha256:${"a".repeat(64)}` },
  {
    name: "pattern base64",
    schema: { type: "string", pattern: "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$" },
  },
  { name: "pattern semver", schema: { type: "string", pattern: "^\\d+\\.\\d+\\.\\d+$" }, expected: "0.0.0" },
  { name: "pattern with minLength", schema: { type: "string", pattern: "^[x-z]+$", minLength: 5 }, expected: "xxxxx" },
  { name: "unanchored pattern", schema: { type: "string", pattern: "[a-z]+_token_[0-9]+" }, check: (s) => expect(s).toContain("_token_") },
  {
    name: "pattern with top-level alternatives",
    schema: { type: "string", pattern: "^ssh-(rsa|dss|ed25519) |^ecdsa-sha2-nistp(256|384|521) " },
    expected: "ssh-rsa ",
  },
  { name: "pattern the default already matches", schema: { type: "string", pattern: "^str" }, expected: "string" },
  {
    name: "pattern with a negated class (finspace: ^/([^/]+/){0,2}[^/]*$)",
    schema: { type: "string", pattern: "^\\/([^\\/]+\\/){0,2}[^\\/]*$" },
    expected: "/",
  },
  {
    name: "pattern with a lookahead (AWS: ^(?!-)([a-z0-9-]+\\.)+(aws\\.internal|amazonaws\\.com)$)",
    schema: { type: "string", pattern: "^(?!-)([a-z0-9-]+\\.)+(aws\\.internal|amazonaws\\.com(\\.cn)?)$" },
    expected: "a.aws.internal",
  },
  {
    name: "pattern with \\u escapes (AWS's IAM role ARN)",
    schema: {
      type: "string",
      pattern: "^arn:(aws[a-zA-Z0-9-]*):iam::(\\d{12})?:(role((\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F))[\\w+=,.@-]+)$",
    },
    expected: "arn:aws:iam:::role/a",
  },
  {
    name: "pattern with nested quantifiers, tested on the short candidate (AWS ARN: arn:aws(-[\\w]+)*:...)",
    schema: { type: "string", pattern: "arn:aws(-[\\w]+)*:[a-z0-9-\\\\.]{0,63}:[0-9]{12}:(\\w|\\/|-){1,1011}" },
    expected: "arn:aws::000000000000:a",
  },
  {
    name: "pattern with a class the first character of which is not a member ([^/] then .{0,1023}, Chime ARN)",
    schema: { type: "string", minLength: 5, pattern: "arn:[a-z0-9-\\.]{1,63}:[a-z0-9-\\.]{0,63}:[^/].{0,1023}" },
    expected: "arn:a::a",
  },
];

const ENUM_CASES: Case[] = [
  { name: "enum", schema: { type: "string", enum: ["open", "closed"] }, expected: "open" },
  { name: "enum with null first", schema: { type: ["string", "null"], enum: [null, "open"] }, expected: "open" },
  { name: "enum of only null", schema: { type: ["string", "null"], enum: [null] }, expected: null },
  { name: "enum of integers", schema: { type: "integer", enum: [3, 5] }, expected: 3 },
  {
    name: "enum whose first value contradicts its type (enode.io: {override: true} in a string enum)",
    schema: { type: "string", enum: [{ override: true }, "DEFAULT"] },
    expected: "DEFAULT",
  },
  { name: "const object", schema: { const: { kind: "x", n: [1] } }, expected: { kind: "x", n: [1] } },
  { name: "const with type", schema: { type: "string", const: "fixed" }, expected: "fixed" },
  { name: "const null", schema: { const: null }, expected: null },
];

const NUMBER_CASES: Case[] = [
  { name: "integer", schema: { type: "integer" }, expected: 0 },
  { name: "integer minimum 5", schema: { type: "integer", minimum: 5 }, expected: 5 },
  { name: "integer minimum 1.5", schema: { type: "integer", minimum: 1.5 }, expected: 2 },
  { name: "integer maximum -3", schema: { type: "integer", maximum: -3 }, expected: -3 },
  { name: "integer maximum -0.5", schema: { type: "integer", maximum: -0.5 }, expected: -1 },
  { name: "integer exclusiveMinimum 0", schema: { type: "integer", exclusiveMinimum: 0 }, expected: 1 },
  { name: "integer exclusiveMaximum 0", schema: { type: "integer", exclusiveMaximum: 0 }, expected: -1 },
  { name: "integer minimum and exclusiveMinimum", schema: { type: "integer", minimum: 0, exclusiveMinimum: 4 }, expected: 5 },
  { name: "integer 1..3 multipleOf 2", schema: { type: "integer", minimum: 1, maximum: 3, multipleOf: 2 }, expected: 2 },
  { name: "integer minimum 10 multipleOf 7", schema: { type: "integer", minimum: 10, multipleOf: 7 }, expected: 14 },
  { name: "integer exclusiveMinimum 14 multipleOf 7", schema: { type: "integer", exclusiveMinimum: 14, multipleOf: 7 }, expected: 21 },
  { name: "integer maximum -8 multipleOf 5", schema: { type: "integer", maximum: -8, multipleOf: 5 }, expected: -10 },
  { name: "number", schema: { type: "number" }, expected: 0 },
  { name: "number minimum 2.5 maximum 3", schema: { type: "number", minimum: 2.5, maximum: 3 }, expected: 2.5 },
  { name: "number exclusiveMinimum 0", schema: { type: "number", exclusiveMinimum: 0 }, expected: 0.5 },
  { name: "number exclusiveMaximum -2", schema: { type: "number", exclusiveMaximum: -2 }, expected: -2.5 },
  { name: "number in (0, 0.1)", schema: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 0.1 }, expected: 0.05 },
  { name: "number minimum 0.3 multipleOf 0.25", schema: { type: "number", minimum: 0.3, multipleOf: 0.25 }, expected: 0.5 },
  {
    name: "number multipleOf 0.5 in (1, 1.5]",
    schema: { type: "number", exclusiveMinimum: 1, maximum: 1.5, multipleOf: 0.5 },
    expected: 1.5,
  },
];

const NULLABLE_CASES: Case[] = [
  { name: 'type ["string", "null"]', schema: { type: ["string", "null"] }, expected: "string" },
  { name: 'type ["null", "integer"] with minimum', schema: { type: ["null", "integer"], minimum: 3 }, expected: 3 },
  { name: 'type ["null"]', schema: { type: ["null"] }, expected: null },
  { name: "type null", schema: { type: "null" }, expected: null },
  { name: "boolean", schema: { type: "boolean" }, expected: true },
];

const ARRAY_CASES: Case[] = [
  { name: "array of strings", schema: { type: "array", items: { type: "string" } }, expected: ["string"] },
  { name: "minItems 3", schema: { type: "array", minItems: 3, items: { type: "integer", minimum: 1 } }, expected: [1, 1, 1] },
  { name: "maxItems 0", schema: { type: "array", maxItems: 0, items: { type: "string" } }, expected: [] },
  {
    name: "minItems = maxItems = 2",
    schema: { type: "array", minItems: 2, maxItems: 2, items: { type: "boolean" } },
    expected: [true, true],
  },
  { name: "array without items", schema: { type: "array" } },
  {
    name: "array of nullable objects",
    schema: { type: "array", items: { type: ["object", "null"], required: ["id"], properties: { id: { type: "integer" } } } },
  },
];

const OBJECT_CASES: Case[] = [
  {
    name: "required and optional properties",
    schema: {
      type: "object",
      required: ["id", "name"],
      properties: { id: { type: "integer", minimum: 1 }, name: { type: "string" }, note: { type: "string", maxLength: 2 } },
    },
    expected: { id: 1, name: "string", note: "st" },
  },
  {
    name: "nested objects leave optional properties out from depth 2",
    schema: {
      type: "object",
      properties: {
        a: { type: "object", required: ["r"], properties: { r: { type: "string" }, o: { type: "string" } } },
        b: {
          type: "object",
          properties: { inner: { type: "object", required: ["r"], properties: { r: { type: "integer" }, o: { type: "string" } } } },
        },
      },
    },
    expected: { a: { r: "string", o: "string" }, b: { inner: { r: 0 } } },
  },
  {
    name: "additionalProperties: false",
    schema: { type: "object", additionalProperties: false, required: ["a"], properties: { a: { type: "string" }, b: { type: "integer" } } },
    expected: { a: "string", b: 0 },
  },
  { name: "a map (additionalProperties only)", schema: { type: "object", additionalProperties: { type: "integer" } }, expected: {} },
  {
    name: "a required name no property describes (GitHub's package metadata: required tags, property tag)",
    schema: { type: "object", required: ["tags"], properties: { tag: { type: "array", items: { type: "string" } } } },
    check: (sample) => expect(sample).toHaveProperty("tags"),
  },
  {
    name: "a required name described by additionalProperties",
    schema: { type: "object", required: ["x"], additionalProperties: { type: "integer", minimum: 4 } },
    expected: { x: 4 },
  },
  {
    name: "writeOnly optional properties are omitted, required ones kept",
    schema: {
      type: "object",
      required: ["id", "token"],
      properties: {
        id: { type: "integer" },
        password: { type: "string", writeOnly: true },
        secret: { $ref: "#/components/schemas/Secret" },
        token: { type: "string", writeOnly: true },
      },
    },
    schemas: { Secret: { type: "string", writeOnly: true } },
    expected: { id: 0, token: "string" },
  },
];

const COMPOSITION_CASES: Case[] = [
  {
    name: "allOf merges object parts and own properties",
    schema: {
      allOf: [{ $ref: "#/components/schemas/Base" }, { type: "object", required: ["extra"], properties: { extra: { type: "boolean" } } }],
      properties: { own: { type: "string", format: "date" } },
      required: ["own"],
    },
    schemas: { Base: { type: "object", required: ["id"], properties: { id: { type: "integer", minimum: 7 } } } },
    expected: { id: 7, extra: true, own: "2026-01-01" },
  },
  {
    name: "allOf where an earlier part only requires what a later one describes",
    schema: {
      allOf: [
        { type: "object", required: ["x"] },
        { type: "object", properties: { x: { type: "string", format: "uuid" } } },
      ],
    },
    expected: { x: "00000000-0000-4000-8000-000000000000" },
  },
  {
    name: "allOf where a later part only requires what an earlier one describes",
    schema: {
      allOf: [
        { type: "object", properties: { x: { type: "string", format: "uuid" } } },
        { type: "object", required: ["x"] },
      ],
    },
    expected: { x: "00000000-0000-4000-8000-000000000000" },
  },
  {
    name: "allOf below depth 2, where the describing part leaves the optional property out",
    schema: {
      type: "object",
      required: ["a"],
      properties: {
        a: {
          type: "object",
          required: ["b"],
          properties: {
            b: {
              allOf: [
                { type: "object", properties: { x: { type: "integer", minimum: 3 } } },
                { type: "object", required: ["x"] },
              ],
            },
          },
        },
      },
    },
    expected: { a: { b: { x: 3 } } },
  },
  {
    name: "allOf of constraints on a string",
    schema: { allOf: [{ type: "string" }, { format: "email" }, { maxLength: 40 }] },
    expected: "user@example.com",
  },
  { name: "allOf of integer bounds", schema: { allOf: [{ type: "integer", minimum: 2 }, { maximum: 5 }] }, expected: 2 },
  {
    name: "allOf of a $ref and a description only (AWS's property style)",
    schema: { allOf: [{ $ref: "#/components/schemas/Arn" }, { description: "The ARN." }] },
    schemas: { Arn: { type: "string", pattern: "^arn:" } },
    expected: "arn:",
  },
  {
    name: "allOf of a $ref to an array and a description only",
    schema: {
      type: "object",
      required: ["list"],
      properties: { list: { allOf: [{ $ref: "#/components/schemas/List" }, { description: "x" }] } },
    },
    schemas: { List: { type: "array", items: { type: "integer" } } },
    expected: { list: [0] },
  },
  {
    name: "oneOf takes the first option",
    schema: { oneOf: [{ type: "string", format: "date-time" }, { type: "integer" }] },
    expected: "2026-01-01T00:00:00Z",
  },
  {
    name: "oneOf whose first option's sample also matches the second (GitHub's create-event before delete-event)",
    schema: { oneOf: [{ $ref: "#/components/schemas/Create" }, { $ref: "#/components/schemas/Delete" }] },
    schemas: {
      Create: {
        type: "object",
        required: ["ref", "master_branch"],
        properties: { ref: { type: "string" }, master_branch: { type: "string" } },
      },
      Delete: { type: "object", required: ["ref"], properties: { ref: { type: "string" } } },
    },
    expected: { ref: "string" },
  },
  {
    name: "oneOf with sibling properties",
    schema: {
      type: "object",
      required: ["id"],
      properties: { id: { type: "integer" } },
      oneOf: [
        { required: ["a"], properties: { a: { type: "string" } } },
        { required: ["b"], properties: { b: { type: "string" } } },
      ],
    },
  },
  { name: "anyOf takes the first option", schema: { anyOf: [{ type: "integer", minimum: 3 }, { type: "string" }] }, expected: 3 },
  {
    name: "anyOf with null",
    schema: { anyOf: [{ $ref: "#/components/schemas/Name" }, { type: "null" }] },
    schemas: { Name: { type: "string" } },
    expected: "string",
  },
  {
    name: "$ref to components, chained",
    schema: { $ref: "#/components/schemas/Alias" },
    schemas: {
      Alias: { $ref: "#/components/schemas/User" },
      User: { type: "object", required: ["login", "id"], properties: { login: { type: "string" }, id: { type: "integer" } } },
    },
    expected: { login: "string", id: 0 },
  },
];

const RECURSIVE_CASES: Case[] = [
  {
    name: "a tree node whose children array refers to itself",
    schema: { $ref: "#/components/schemas/Node" },
    schemas: {
      Node: {
        type: "object",
        required: ["name", "children"],
        properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#/components/schemas/Node" } } },
      },
    },
    expected: { name: "string", children: [] },
  },
  {
    name: "a required property that refers back to itself through an optional property",
    schema: { $ref: "#/components/schemas/Node" },
    schemas: {
      Node: {
        type: "object",
        required: ["id", "meta"],
        properties: { id: { type: "integer" }, meta: { $ref: "#/components/schemas/Meta" } },
      },
      Meta: { type: "object", properties: { parent: { $ref: "#/components/schemas/Node" }, label: { type: "string" } } },
    },
    expected: { id: 0, meta: { label: "string" } },
  },
  {
    name: "a required property that refers to itself through a nullable alternative",
    schema: { $ref: "#/components/schemas/List" },
    schemas: {
      List: {
        type: "object",
        required: ["value", "next"],
        properties: { value: { type: "integer" }, next: { anyOf: [{ $ref: "#/components/schemas/List" }, { type: "null" }] } },
      },
    },
    expected: { value: 0, next: null },
  },
  {
    name: "a required property that refers to a nullable self",
    schema: { $ref: "#/components/schemas/Chain" },
    schemas: { Chain: { type: ["object", "null"], required: ["next"], properties: { next: { $ref: "#/components/schemas/Chain" } } } },
    expected: { next: null },
  },
  {
    name: "mutual recursion through arrays",
    schema: { $ref: "#/components/schemas/A" },
    schemas: {
      A: { type: "object", required: ["bs"], properties: { bs: { type: "array", items: { $ref: "#/components/schemas/B" } } } },
      B: { type: "object", required: ["as"], properties: { as: { type: "array", items: { $ref: "#/components/schemas/A" } } } },
    },
    expected: { bs: [{ as: [] }] },
  },
];

const EXAMPLE_CASES: Case[] = [
  { name: "example on a string", schema: { type: "string", example: "octocat" }, expected: "octocat" },
  {
    name: "example on an object, verbatim",
    schema: { type: "object", properties: { a: { type: "integer" } }, example: { a: 42 } },
    expected: { a: 42 },
  },
  { name: "examples: the first", schema: { type: "integer", examples: [7, 8] }, expected: 7 },
  { name: "example wins over enum", schema: { type: "string", enum: ["a", "b"], example: "b" }, expected: "b" },
  {
    name: "examples on properties",
    schema: {
      type: "object",
      required: ["url"],
      properties: { url: { type: "string", format: "uri", example: "https://api.github.com/x" } },
    },
    expected: { url: "https://api.github.com/x" },
  },
  {
    name: "an example that contradicts its schema is not used (GitHub: type string, example 20.04)",
    schema: { type: "object", required: ["display_name"], properties: { display_name: { type: "string", example: 20.04 } } },
    expected: { display_name: "string" },
  },
  {
    name: "an example that contradicts its format is not used (GitHub: format uri, example hello-world.github.io)",
    schema: { type: "string", format: "uri", example: "hello-world.github.io" },
    expected: "https://example.com/",
  },
  {
    name: "an example that is no URI reference is not used (codat.io: format uri-reference, example /companies/{id})",
    schema: { type: "string", format: "uri-reference", example: "/companies/{id}/data/{dataType}" },
    expected: "https://example.com/",
  },
  {
    name: "an example that is no calendar date is not used",
    schema: { type: "string", format: "date", example: "2020-13-45" },
    expected: "2026-01-01",
  },
  {
    name: "an example outside int32 is not used",
    schema: { type: "integer", format: "int32", example: 3_000_000_000 },
    expected: 0,
  },
];

/** Keywords a sample used to ignore (issue 17): each case's expected sample was invalid before. */
const PET_SCHEMAS: Record<string, Schema> = {
  Cat: { type: "object", required: ["kind"], properties: { kind: { type: "string" }, meow: { type: "boolean" } } },
  Dog: { type: "object", required: ["kind"], additionalProperties: false, properties: { kind: { type: "string" } } },
};
/** OpenAPI 3.1 §4.8.25.5's inheritance form: the parent holds the discriminator, each child is `allOf: [parent, ...]`. */
const INHERITED_PETS: Record<string, Schema> = {
  Pet: {
    type: "object",
    required: ["petType"],
    properties: { petType: { type: "string" } },
    discriminator: { propertyName: "petType", mapping: { cat: "#/components/schemas/Cat" } },
  },
  Cat: { allOf: [{ $ref: "#/components/schemas/Pet" }, { type: "object", properties: { meow: { type: "boolean" } } }] },
  Dog: { allOf: [{ $ref: "#/components/schemas/Pet" }, { type: "object", properties: { bark: { type: "boolean" } } }] },
};
const KEYWORD_CASES: Case[] = [
  {
    name: "uniqueItems integers",
    schema: { type: "array", minItems: 3, uniqueItems: true, items: { type: "integer" } },
    expected: [0, 1, 2],
  },
  {
    name: "uniqueItems integers multipleOf 5",
    schema: { type: "array", minItems: 2, uniqueItems: true, items: { type: "integer", multipleOf: 5 } },
    expected: [0, 5],
  },
  {
    name: "uniqueItems strings",
    schema: { type: "array", minItems: 2, uniqueItems: true, items: { type: "string" } },
    expected: ["string", "string1"],
  },
  {
    name: "uniqueItems strings at maxLength",
    schema: { type: "array", minItems: 2, uniqueItems: true, items: { type: "string", maxLength: 3 } },
    expected: ["str", "st1"],
  },
  {
    name: "uniqueItems enum",
    schema: { type: "array", minItems: 2, uniqueItems: true, items: { enum: ["a", "b"] } },
    expected: ["a", "b"],
  },
  {
    name: "uniqueItems booleans",
    schema: { type: "array", minItems: 2, uniqueItems: true, items: { type: "boolean" } },
    expected: [true, false],
  },
  {
    name: "uniqueItems objects",
    schema: { type: "array", minItems: 2, uniqueItems: true, items: { type: "object", properties: { a: { type: "integer" } } } },
    expected: [{ a: 0 }, { a: 0, key1: 1 }],
  },
  {
    name: "minProperties at depth 2, where optional properties are otherwise left out",
    schema: {
      type: "object",
      properties: {
        x: { type: "object", properties: { y: { type: "object", minProperties: 1, properties: { a: { type: "string" } } } } },
      },
    },
    expected: { x: { y: { a: "string" } } },
  },
  {
    name: "minProperties from additionalProperties",
    schema: { type: "object", minProperties: 2, additionalProperties: { type: "integer", minimum: 3 } },
    expected: { key1: 3, key2: 3 },
  },
  {
    name: "maxProperties drops optional properties",
    schema: { type: "object", maxProperties: 1, required: ["a"], properties: { a: { type: "string" }, b: { type: "string" } } },
    expected: { a: "string" },
  },
  { name: "contains", schema: { type: "array", items: { type: "integer" }, contains: { const: 7 } }, expected: [7] },
  {
    name: "contains with minContains 2 and minItems 3",
    schema: { type: "array", minItems: 3, items: { type: "integer" }, contains: { minimum: 7 }, minContains: 2 },
    expected: [7, 7, 0],
  },
  {
    name: "multipleOf 0.1 from minimum 0.25 (0.1 × 3 is inexact)",
    schema: { type: "number", minimum: 0.25, multipleOf: 0.1 },
    expected: 0.4,
  },
  {
    name: "multipleOf 0.01 in [0.135, 0.2] (0.14 / 0.01 is not an integer in binary)",
    schema: { type: "number", minimum: 0.135, maximum: 0.2, multipleOf: 0.01 },
    expected: 0.15,
  },
  {
    name: "discriminator mapping value selects the oneOf option",
    schema: {
      oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
      discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" } },
    },
    schemas: PET_SCHEMAS,
    check: (sample) => expect((sample as Schema).kind).toBe("cat"),
  },
  {
    name: "discriminator without mapping carries the schema name",
    schema: { oneOf: [{ $ref: "#/components/schemas/Dog" }], discriminator: { propertyName: "kind" } },
    schemas: PET_SCHEMAS,
    expected: { kind: "Dog" },
  },
  {
    name: 'a schema extending a discriminated parent through allOf carries its own name (openapi-typescript: petType: "Dog")',
    schema: { $ref: "#/components/schemas/Dog" },
    schemas: INHERITED_PETS,
    expected: { petType: "Dog", bark: true },
  },
  {
    name: "a child's name the parent's enum refuses is left out (flat.io: type enum [user, guest])",
    schema: { $ref: "#/components/schemas/Member" },
    schemas: {
      User: {
        type: "object",
        required: ["type"],
        properties: { type: { type: "string", enum: ["user", "guest"] } },
        discriminator: { propertyName: "type" },
      },
      Member: { allOf: [{ $ref: "#/components/schemas/User" }, { type: "object", properties: { id: { type: "string" } } }] },
    },
    expected: { type: "user", id: "string" },
  },
  {
    name: "a schema extending a discriminated parent through allOf carries the parent's mapping key for it",
    schema: { $ref: "#/components/schemas/Cat" },
    schemas: INHERITED_PETS,
    expected: { petType: "cat", meow: true },
  },
];

describe("sampleFromSchema: valid and deterministic", () => {
  describe.each([
    { group: "string formats", cases: FORMAT_CASES },
    { group: "strings", cases: STRING_CASES },
    { group: "enum and const", cases: ENUM_CASES },
    { group: "numbers", cases: NUMBER_CASES },
    { group: "nullable and other types", cases: NULLABLE_CASES },
    { group: "arrays", cases: ARRAY_CASES },
    { group: "objects", cases: OBJECT_CASES },
    { group: "composition and $ref", cases: COMPOSITION_CASES },
    { group: "recursion", cases: RECURSIVE_CASES },
    { group: "examples", cases: EXAMPLE_CASES },
    { group: "uniqueItems, contains, property counts, multipleOf, discriminator", cases: KEYWORD_CASES },
  ])("$group", ({ cases }) => {
    it.each(cases)("$name", ({ schema, schemas, expected, check }) => {
      const { sample, again, valid, errors } = sampleAndValidate(schema, schemas);
      expect(valid, `${JSON.stringify(sample)}: ${errors}`).toBe(true);
      expect(again).toEqual(sample);
      if (expected !== undefined) expect(sample).toEqual(expected);
      check?.(sample);
    });
  });

  it("OpenAPI 3.0 boolean exclusive bounds (which Ajv's 2020 dialect refuses) are honoured", () => {
    const resolve = refResolver({});
    expect(sampleFromSchema({ type: "integer", minimum: 0, exclusiveMinimum: true }, resolve)).toBe(1);
    expect(sampleFromSchema({ type: "integer", maximum: 0, exclusiveMaximum: true }, resolve)).toBe(-1);
    expect(sampleFromSchema({ type: "number", minimum: 1, exclusiveMinimum: false }, resolve)).toBe(1);
  });

  it("a required property that can only refer to itself (no finite instance exists) terminates", () => {
    const { sample, valid } = sampleAndValidate(
      { $ref: "#/components/schemas/Loop" },
      { Loop: { type: "object", required: ["self"], properties: { self: { $ref: "#/components/schemas/Loop" } } } },
    );
    expect(sample).toEqual({ self: {} });
    expect(valid).toBe(false);
  });

  it("does not modify the schema it samples", () => {
    const schemas: Record<string, Schema> = {
      Node: {
        type: "object",
        required: ["id"],
        properties: { id: { type: "integer" }, kids: { type: "array", items: { $ref: "#/components/schemas/Node" } } },
      },
    };
    const document = { components: { schemas } };
    const before = structuredClone(document);
    sampleFromSchema({ allOf: [{ $ref: "#/components/schemas/Node" }, { required: ["other"] }] }, refResolver(document));
    expect(document).toEqual(before);
  });
});

/** A document with one operation whose 200 response has `media` as its application/json media type. */
function oneResponse(media: Schema, schemas: Record<string, Schema> = {}): Schema {
  return {
    openapi: "3.0.3",
    paths: { "/x": { get: { responses: { "200": { content: { "application/json": media } } } } } },
    components: { schemas },
  };
}

const OBJECT_WITH_ID: Schema = { type: "object", required: ["id"], properties: { id: { type: "integer", minimum: 1 } } };

/** Schemas no value meets, or whose values the sampler cannot find (issue 17): the mock says so instead of lying. */
const NO_VALID_SAMPLE: Case[] = [
  { name: "not: {} (nothing is valid)", schema: { not: {} } },
  { name: "minimum above maximum", schema: { type: "integer", minimum: 5, maximum: 3 } },
  { name: "a pattern the sampler cannot meet (a Unicode property escape)", schema: { type: "string", pattern: "^\\p{Lu}{2}$" } },
  { name: "a backreference pattern", schema: { type: "string", pattern: "^(ab)\\1$" } },
  { name: "a value the not excludes", schema: { type: "string", not: { type: "string" } } },
  {
    name: "a required property that can only refer to itself",
    schema: { $ref: "#/components/schemas/Loop" },
    schemas: { Loop: { type: "object", required: ["self"], properties: { self: { $ref: "#/components/schemas/Loop" } } } },
  },
];

describe("cannedResponse: the spec's example when valid, else a sample, else a 501 that says why", () => {
  it("an example that contradicts its schema (azure.com: a required property left out) gives way to the sample", () => {
    const canned = cannedResponse(oneResponse({ schema: OBJECT_WITH_ID, example: { name: "x" } }), "/x", "get");
    expect(canned).toEqual({ status: 200, contentType: "application/json", body: { id: 1 } });
  });

  it("the first valid one of several examples is used", () => {
    const media = { schema: OBJECT_WITH_ID, examples: { bad: { value: { id: 0 } }, good: { value: { id: 9 } } } };
    expect(cannedResponse(oneResponse(media), "/x", "get").body).toEqual({ id: 9 });
  });

  it("an example written as a JSON string of the object (rentcast.io) is used parsed", () => {
    const media = { schema: OBJECT_WITH_ID, examples: { Response: { value: '{"id": 42}' } } };
    expect(cannedResponse(oneResponse(media), "/x", "get").body).toEqual({ id: 42 });
  });

  it("a string example of a string schema stays a string", () => {
    const media = { schema: { type: "string" }, example: '{"id": 42}' };
    expect(cannedResponse(oneResponse(media), "/x", "get").body).toBe('{"id": 42}');
  });

  it("a $ref whose pointer is percent-encoded (enode.io: ~1vehicles~1%7BvehicleId%7D) is followed", () => {
    const item = { type: "object", required: ["id"], properties: { id: { type: "integer", minimum: 1 } } };
    const document = {
      openapi: "3.0.3",
      paths: {
        "/v": {
          get: {
            responses: {
              "200": {
                content: {
                  "application/json": {
                    schema: { type: "array", items: { $ref: "#/paths/~1v~1%7Bid%7D/get/responses/200/content/application~1json/schema" } },
                  },
                },
              },
            },
          },
        },
        "/v/{id}": { get: { responses: { "200": { content: { "application/json": { schema: item } } } } } },
      },
    };
    expect(cannedResponse(document, "/v", "get").body).toEqual([{ id: 1 }]);
  });

  it("a valid example is used verbatim", () => {
    const media = { schema: OBJECT_WITH_ID, example: { id: 3, extra: "kept" } };
    expect(cannedResponse(oneResponse(media), "/x", "get").body).toEqual({ id: 3, extra: "kept" });
  });

  it("the msw handlers send the refusal as they send any canned response: 501, problem+json, the reason", async () => {
    const canned = cannedResponse(oneResponse({ schema: { not: {} } }), "/x", "get");
    // As templates/mocks/mock-handlers.ts answers an operation without an override.
    const response = resultResponse({ status: canned.status, body: canned.body, headers: { "content-type": String(canned.contentType) } });
    expect(response.status).toBe(501);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 501, reason: "mock_no_valid_sample" });
  });

  it.each(NO_VALID_SAMPLE)("$name: a 501 problem naming the schema, not invalid data", ({ schema, schemas }) => {
    const canned = cannedResponse(oneResponse({ schema }, schemas), "/x", "get");
    expect(canned).toEqual({
      status: 501,
      contentType: "application/problem+json",
      body: {
        type: "urn:hmac-codegen:reason:mock_no_valid_sample",
        title: "Not Implemented",
        status: 501,
        detail: "The mock cannot make a body valid against this response schema; give this operation an override.",
        reason: "mock_no_valid_sample",
        schema: "#/paths/~1x/get/responses/200/content/application~1json/schema",
      },
    });
    // The refusal is honest: Ajv agrees the sample the mock would otherwise have sent is invalid.
    expect(sampleAndValidate(schema, schemas).valid).toBe(false);
  });
});

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/;

/**
 * OpenAPI 3.0's `nullable: true` next to `type` is understood by Ajv; without `type` (GitHub: beside oneOf,
 * allOf, anyOf or alone) Ajv refuses to compile it. Rewritten, for the validator only, as what it means:
 * the schema or null (a schema with no constraint other than annotations just loses the keyword).
 */
function forAjv(value: unknown, counter: { rewritten: number }): unknown {
  if (Array.isArray(value)) return value.map((item) => forAjv(item, counter));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = key === "example" || key === "examples" ? item : forAjv(item, counter);
  if (out.nullable !== true || out.type !== undefined) return out;
  counter.rewritten += 1;
  const { nullable: _nullable, ...rest } = out;
  const annotations = new Set(["description", "title", "readOnly", "writeOnly", "deprecated"]);
  return Object.keys(rest).some((key) => !annotations.has(key)) ? { anyOf: [rest, { type: "null" }] } : rest;
}

/**
 * The pointer Ajv can resolve: Ajv does not follow a `$ref` in the middle of a JSON pointer, and GitHub's
 * responses are mostly `$ref`s to #/components/responses, so the walk continues from the referenced place.
 */
function schemaPointer(document: Schema, parts: string[]): { pointer: string; viaRef: boolean } {
  let pointer = "";
  let node: unknown = document;
  let viaRef = false;
  for (const part of parts) {
    for (let ref = (node as Schema).$ref; typeof ref === "string"; ref = (node as Schema).$ref) {
      viaRef = true;
      pointer = ref.slice(1);
      node = ref
        .slice(2)
        .split("/")
        .reduce<unknown>((target, key) => (target as Schema)[key.replace(/~1/g, "/").replace(/~0/g, "~")], document);
    }
    node = (node as Schema)[part];
    pointer += `/${segment(part)}`;
  }
  return { pointer, viaRef };
}

interface Failure {
  operation: string;
  errors: string;
}

interface CorpusResult {
  operations: number;
  noContent: number;
  nonJson: string[];
  jsonWithoutSchema: string[];
  json: number;
  responseRefs: number;
  validators: number;
  nullableRewritten: number;
  ours: { valid: number; invalid: Failure[]; nondeterministic: string[] };
  fromExamples: { valid: number; invalid: Failure[] };
  fromSampleMismatch: string[];
  fromSample: number;
  seconds: number;
}

function walkGitHub(): CorpusResult {
  const started = performance.now();
  const require = createRequire(import.meta.url);
  const file = require.resolve("@octokit/openapi/generated/api.github.com.json");
  const document = JSON.parse(readFileSync(file, "utf8")) as Schema & { paths: Record<string, Schema> };
  const resolve = refResolver(document);
  const counter = { rewritten: 0 };
  const ajv = newAjv();
  ajv.addSchema(forAjv(document, counter) as Schema, "spec");
  const validators = new Map<string, ValidateFunction>();
  const result: CorpusResult = {
    operations: 0,
    noContent: 0,
    nonJson: [],
    jsonWithoutSchema: [],
    json: 0,
    responseRefs: 0,
    validators: 0,
    nullableRewritten: counter.rewritten,
    ours: { valid: 0, invalid: [], nondeterministic: [] },
    fromExamples: { valid: 0, invalid: [] },
    fromSampleMismatch: [],
    fromSample: 0,
    seconds: 0,
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      if (!(method in item)) continue;
      result.operations += 1;
      const operation = `${method.toUpperCase()} ${path}`;
      const canned = cannedResponse(document, path, method);
      if (canned.contentType === undefined || canned.body === undefined) {
        result.noContent += 1;
        continue;
      }
      if (!JSON_TYPE.test(canned.contentType)) {
        result.nonJson.push(`${operation} ${canned.contentType}`);
        continue;
      }
      const parts = ["paths", path, method, "responses", String(canned.status), "content", canned.contentType];
      const media = parts.reduce<Schema>((node, part) => resolve(node[part]), document);
      if (media.schema === undefined) {
        result.jsonWithoutSchema.push(operation);
        continue;
      }
      result.json += 1;
      const { pointer, viaRef } = schemaPointer(document, [...parts, "schema"]);
      if (viaRef) result.responseRefs += 1;
      let validate = validators.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `spec#${pointer}` });
        validators.set(pointer, validate);
      }
      const check = (value: unknown, into: { valid: number; invalid: Failure[] }) => {
        if (validate(value)) into.valid += 1;
        else into.invalid.push({ operation, errors: JSON.stringify(validate.errors?.slice(0, 3)) });
      };
      // (a) Ours, whatever cannedResponse chose.
      const ours = sampleFromSchema(media.schema, resolve);
      check(ours, result.ours);
      if (JSON.stringify(sampleFromSchema(media.schema, resolve)) !== JSON.stringify(ours)) result.ours.nondeterministic.push(operation);
      // (b) GitHub's examples, where cannedResponse used one; else cannedResponse's body must be ours.
      const fromExample = media.example !== undefined || Object.values(resolve(media.examples)).some((e) => resolve(e).value !== undefined);
      if (fromExample) check(canned.body, result.fromExamples);
      else {
        result.fromSample += 1;
        if (JSON.stringify(canned.body) !== JSON.stringify(ours)) result.fromSampleMismatch.push(operation);
      }
    }
  }
  result.validators = validators.size;
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

describe("cannedResponse over every operation of GitHub's REST spec", () => {
  const corpus = walkGitHub();
  const { ours, fromExamples } = corpus;
  const examples = fromExamples.valid + fromExamples.invalid.length;

  it(`walks all ${corpus.operations} operations: ${corpus.json} JSON responses with a schema, ${corpus.noContent} without a body, ${corpus.nonJson.length} not JSON, ${corpus.jsonWithoutSchema.length} JSON without a schema (${corpus.validators} distinct schemas compiled, ${corpus.seconds.toFixed(1)} s)`, () => {
    expect(corpus.operations).toBeGreaterThan(1000);
    expect(corpus.json + corpus.noContent + corpus.nonJson.length + corpus.jsonWithoutSchema.length).toBe(corpus.operations);
    expect(corpus.json).toBeGreaterThan(800);
    // The validators are real: GitHub's responses are mostly $refs to #/components/responses, followed.
    expect(corpus.responseRefs).toBeGreaterThan(0);
    expect(corpus.validators).toBeLessThanOrEqual(corpus.json);
    expect(corpus.seconds).toBeLessThan(30);
  });

  it(`(a) sampleFromSchema is valid for all ${ours.valid + ours.invalid.length} JSON response schemas (${ours.invalid.length} invalid; ${corpus.nullableRewritten} typeless OpenAPI 3.0 nullable schemas rewritten for Ajv, nothing excluded)`, () => {
    expect(ours.valid + ours.invalid.length).toBe(corpus.json);
    expect(ours.invalid, `${ours.invalid.length} of ${corpus.json} samples are invalid`).toEqual([]);
    expect(ours.nondeterministic).toEqual([]);
  });

  it(`(b) GitHub's own examples, used for ${examples} responses: ${fromExamples.valid} valid, ${fromExamples.invalid.length} invalid against GitHub's schemas (counted, not asserted)`, () => {
    expect(examples + corpus.fromSample).toBe(corpus.json);
    expect(
      fromExamples.valid,
      `${fromExamples.invalid.length} of ${examples} GitHub examples are invalid, e.g. ${JSON.stringify(fromExamples.invalid.slice(0, 3))}`,
    ).toBeGreaterThan(0);
  });

  it(`responses without a spec example (${corpus.fromSample}) are our sample, byte for byte`, () => {
    expect(corpus.fromSampleMismatch).toEqual([]);
  });
});
