/**
 * A sample must be a value of the type schema.ts gives its schema, not only valid JSON (issue 17):
 * openapi-typescript 7 types `const` as a literal and gives each schema that extends a discriminated parent
 * its own discriminator value (`Omit<Pet, "petType"> & { petType: "Dog" }`), so a sample that keeps the
 * parent's plain string would not compile where a user assigns it. Each sample is written as a typed
 * constant beside the real schema.ts and type-checked strictly.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitSchema } from "../../src/emit/emit-schema.js";
import { sampleFromSchema } from "../../src/mock/sample-data.js";
import { refResolver } from "../../src/spec/parameters.js";
import { tempDir } from "../support/temp-dir.js";
import { typecheckProject, writeOutput } from "../support/typecheck-output.js";

const SCHEMAS: Record<string, Record<string, unknown>> = {
  Version: { const: "v2" },
  Answer: { type: "integer", const: 42 },
  Envelope: {
    type: "object",
    required: ["kind", "version"],
    properties: { kind: { const: "envelope" }, version: { $ref: "#/components/schemas/Version" } },
  },
  // OpenAPI 3.1 §4.8.25.5's inheritance form; the mapping key equals the name, as openapi-typescript adds both.
  Pet: {
    type: "object",
    required: ["petType"],
    properties: { petType: { type: "string" }, name: { type: "string" } },
    discriminator: { propertyName: "petType", mapping: { Cat: "#/components/schemas/Cat" } },
  },
  Cat: { allOf: [{ $ref: "#/components/schemas/Pet" }, { type: "object", properties: { meow: { type: "boolean" } } }] },
  Dog: { allOf: [{ $ref: "#/components/schemas/Pet" }, { type: "object", required: ["bark"], properties: { bark: { type: "boolean" } } }] },
  // The oneOf form: each option's discriminator value is its mapping key.
  Shape: {
    oneOf: [{ $ref: "#/components/schemas/Circle" }, { $ref: "#/components/schemas/Square" }],
    discriminator: { propertyName: "kind", mapping: { circle: "#/components/schemas/Circle", square: "#/components/schemas/Square" } },
  },
  Circle: { type: "object", required: ["kind", "r"], properties: { kind: { type: "string" }, r: { type: "number" } } },
  Square: { type: "object", required: ["kind", "side"], properties: { kind: { type: "string" }, side: { type: "number" } } },
  Drawing: {
    type: "object",
    required: ["shapes"],
    properties: { shapes: { type: "array", items: { $ref: "#/components/schemas/Shape" } } },
  },
  Status: { type: ["string", "null"], enum: ["open", "closed", null] },
};

const document = { openapi: "3.1.0", info: { title: "sample types", version: "1" }, paths: {}, components: { schemas: SCHEMAS } };

describe("samples type-check against schema.ts", () => {
  it("const, discriminated children and oneOf options, enums: every sample is assignable to its type", () => {
    const resolve = refResolver(document);
    const samples = Object.keys(SCHEMAS).map(
      (name) =>
        `export const sample${name}: components["schemas"]["${name}"] = ${JSON.stringify(sampleFromSchema({ $ref: `#/components/schemas/${name}` }, resolve))};`,
    );
    const dir = tempDir("sample-types-");
    writeOutput(dir, [emitSchema("sample-types.json", document)]);
    writeFileSync(join(dir, "samples.ts"), ['import type { components } from "./schema.js";', ...samples, ""].join("\n"));
    expect(typecheckProject(dir), samples.join("\n")).toBe("");
  }, 60_000);
});
