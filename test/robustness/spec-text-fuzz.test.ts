/**
 * Spec text is data, never code (issue 17, decision 0010): random specs whose every text field (title,
 * version, descriptions, summaries, operationIds, parameter and property names, enum values, examples,
 * defaults, scheme names, server URLs) holds comment terminators, quotes, backticks, `${`, line breaks,
 * U+2028/U+2029, `</script>`, JavaScript keywords and ready-made injections. Each spec generates in memory
 * and is either a coded refusal or output that (1) type-checks strictly, all outputs in one tsc program,
 * and (2) runs nothing but its own declarations when every module is imported in a child process: every
 * injection calls `__pwn()` or sets `globalThis.__pwned`, both traps there, and an injection that breaks
 * the syntax fails the import.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type GeneratedFile, generate } from "../../src/generate.js";
import { SpecError } from "../../src/scheme/errors.js";
import { buildModel } from "../../src/spec/model.js";
import { ROOT } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";
import { USER_COMPILER_OPTIONS } from "../support/typecheck-output.js";

const SPECS = 40;
const SEED = 17;

/** Every injection either calls the trap or sets the sentinel; the rest break out of a position. */
const INJECTIONS = [
  "*/ __pwn(); /*",
  "*/ globalThis.__pwned = 1; /*",
  '"; __pwn(); "',
  '"; globalThis.__pwned=1; "',
  "'; __pwn(); '",
  "`; __pwn(); `",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a spec's text, to land in a template literal if one were printed
  "${__pwn()}",
  "\n__pwn();\n",
  "\r__pwn();//",
  "\u2028__pwn();\u2028",
  "\u2029globalThis.__pwned = 1;\u2029",
  '\\"; __pwn(); //',
  "</script><script>__pwn()</script>",
  "}); __pwn(); ({",
  "]; __pwn(); [",
];
const FRAGMENTS = [
  ...INJECTIONS,
  "*/",
  "/*",
  "/**",
  "//",
  '"',
  "'",
  "`",
  "${",
  "}",
  "\\",
  "\n",
  "\r\n",
  "\u2028",
  "\u2029",
  "</script>",
  "<!--",
  "-->",
  "@param",
  "constructor",
  "__proto__",
  "prototype",
  "toString",
  "await",
  "yield",
  "class",
  "function",
  "return",
  "import",
  "export",
  "default",
  "delete",
  "typeof",
  "enum",
  "let",
  "new",
  "this",
  "null",
  "undefined",
  "NaN",
  "x",
  "Ünïcødé",
  " ",
];

const text = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(""));
/** A header name: mostly a token, sometimes hostile text (then the spec must be refused with E_SPEC_HEADER_NAME). */
const headerName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("X-Trace", "x-request-id", "If-Match") },
  { weight: 1, arbitrary: text },
);

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const schemaArb = fc.record({
  description: text,
  title: text,
  properties: fc.uniqueArray(text, { minLength: 1, maxLength: 3 }),
  values: fc.uniqueArray(text, { minLength: 1, maxLength: 3 }),
  example: text,
});

function objectSchema(schema: ValueOf<typeof schemaArb>): Record<string, unknown> {
  const [first = "x", ...rest] = schema.properties;
  return {
    type: "object",
    title: schema.title,
    description: schema.description,
    required: [first],
    properties: {
      [first]: { type: "string", enum: schema.values, description: schema.description, default: schema.values[0] },
      ...Object.fromEntries(rest.map((name) => [name, { type: "string", example: schema.example, description: name }])),
    },
    example: { [first]: schema.values[0] },
  };
}

const operationArb = fc.record({
  method: fc.constantFrom("get", "post", "put", "delete"),
  segment: text,
  operationId: fc.option(text, { nil: undefined }),
  summary: text,
  description: text,
  query: fc.uniqueArray(text, { minLength: 1, maxLength: 2 }),
  header: headerName,
  parameterDescription: text,
  schema: schemaArb,
});

const specArb = fc.record({
  title: text,
  version: text,
  description: text,
  summary: text,
  serverPath: text,
  serverDescription: text,
  hmacName: text,
  keyName: text,
  keyHeader: headerName,
  queryKeyName: text,
  bearerName: text,
  schemeDescription: text,
  operations: fc.array(operationArb, { minLength: 1, maxLength: 3 }),
});

type SpecInput = ValueOf<typeof specArb>;

/** Braces make a path parameter, `?` and `#` a query or fragment suffix: the rest of the text stays. */
const pathSegment = (segment: string): string => encodeURIComponent(segment).replace(/%2F/gi, "_");

function specDocument(input: SpecInput): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  input.operations.forEach((operation, index) => {
    const path = `/p${index}/${pathSegment(operation.segment)}`;
    paths[path] = {
      [operation.method]: {
        // Unique, as OpenAPI requires: openapi-typescript's `operations` interface would repeat the key.
        ...(operation.operationId === undefined ? {} : { operationId: `${operation.operationId}#${index}` }),
        summary: operation.summary,
        description: operation.description,
        parameters: [
          ...operation.query.map((name) => ({
            name,
            in: "query",
            description: operation.parameterDescription,
            schema: { type: "string" },
          })),
          { name: operation.header, in: "header", description: operation.parameterDescription, schema: { type: "string" } },
        ],
        ...(operation.method === "post" || operation.method === "put"
          ? {
              requestBody: {
                description: operation.description,
                content: { "application/json": { schema: objectSchema(operation.schema) } },
              },
            }
          : {}),
        responses: {
          "200": {
            description: operation.description,
            content: {
              "application/json": {
                schema: objectSchema(operation.schema),
                example: { [operation.schema.properties[0] ?? "x"]: operation.schema.example },
              },
            },
          },
        },
      },
    };
  });
  return {
    openapi: "3.1.0",
    info: { title: input.title, version: input.version, description: input.description, summary: input.summary },
    servers: [{ url: `https://api.example.test/${pathSegment(input.serverPath)}`, description: input.serverDescription }],
    components: {
      securitySchemes: {
        [input.hmacName]: {
          type: "apiKey",
          in: "header",
          name: "X-Signature",
          description: input.schemeDescription,
          "x-hmac": { preset: "nextcloud-drf" },
        },
        [`${input.keyName}#key`]: { type: "apiKey", in: "header", name: input.keyHeader, description: input.schemeDescription },
        [`${input.queryKeyName}#query`]: { type: "apiKey", in: "query", name: input.queryKeyName, description: input.schemeDescription },
        [`${input.bearerName}#bearer`]: { type: "http", scheme: "bearer", bearerFormat: input.schemeDescription },
      },
    },
    security: [
      { [input.hmacName]: [] },
      { [`${input.keyName}#key`]: [], [`${input.queryKeyName}#query`]: [] },
      { [`${input.bearerName}#bearer`]: [] },
    ],
    paths,
  };
}

type Outcome = { files: GeneratedFile[] } | { refused: SpecError };

async function outcome(document: Record<string, unknown>): Promise<Outcome> {
  try {
    return { files: await generate(buildModel(document), { specName: "fuzz.yaml" }) };
  } catch (error) {
    if (error instanceof SpecError) return { refused: error };
    throw error;
  }
}

/**
 * The template folders (identical in every output: same banner) are written once, to shared/, and each
 * output's own files import them from there: one copy in the tsc program instead of forty. Only module
 * specifiers are rewritten, so every printed spec string is checked exactly as generated.
 */
function writeOutputs(dir: string, outputs: readonly GeneratedFile[][]): string[] {
  const shared = new Map<string, string>();
  const specDirs: string[] = [];
  outputs.forEach((files, index) => {
    const specDir = `spec-${index}`;
    specDirs.push(specDir);
    for (const file of files) {
      const inFolder = file.path.includes("/");
      const seen = shared.get(file.path);
      if (inFolder && seen !== undefined) {
        expect(file.contents, file.path).toBe(seen);
        continue;
      }
      if (inFolder) shared.set(file.path, file.contents);
      const target = inFolder ? join(dir, "shared", file.path) : join(dir, specDir, file.path);
      const contents = inFolder ? file.contents : file.contents.replace(/( from ")\.\/(runtime|client|server|mocks)\//g, "$1../shared/$2/");
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, contents);
    }
  });
  return specDirs;
}

/** One tsc program over every output, strict as typecheck-output.ts, emitting JavaScript to import. */
function compile(dir: string): string {
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { ...USER_COMPILER_OPTIONS, rootDir: ".", outDir: "js" },
      include: ["shared/**/*.ts", "spec-*/*.ts"],
    }),
  );
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(dir, "tsconfig.json")], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

/** Imports every module of every output in a fresh process with the traps set; what tripped them, and import errors. */
const IMPORT_ALL = `
const tripped = [];
globalThis.__pwn = () => tripped.push(new Error("__pwn() ran").stack);
Object.defineProperty(globalThis, "__pwned", { configurable: false, get: () => undefined, set: () => tripped.push(new Error("__pwned set").stack) });
const failed = [];
for (const module of process.argv.slice(2)) {
  try {
    await import(module);
  } catch (error) {
    failed.push(module + ": " + String(error && error.stack || error));
  }
}
process.stdout.write(JSON.stringify({ tripped, failed }));
`;

function importAll(dir: string, specDirs: readonly string[]): { tripped: string[]; failed: string[] } {
  const modules = specDirs.flatMap((specDir) =>
    readdirSync(join(dir, "js", specDir))
      .filter((name) => name.endsWith(".js"))
      .map((name) => join(dir, "js", specDir, name)),
  );
  expect(modules.length).toBeGreaterThan(specDirs.length * 6);
  return importInChild(dir, modules);
}

function importInChild(dir: string, modules: readonly string[]): { tripped: string[]; failed: string[] } {
  writeFileSync(join(dir, "import-all.mjs"), IMPORT_ALL);
  const stdout = execFileSync(process.execPath, [join(dir, "import-all.mjs"), ...modules], { encoding: "utf8", cwd: dir });
  return JSON.parse(stdout) as { tripped: string[]; failed: string[] };
}

describe("spec text is data: random hostile specs", () => {
  it("the traps see an injected statement: a U+2028 ending a line comment, a star-slash ending a JSDoc", () => {
    const dir = tempDir("spec-text-canary-");
    writeFileSync(join(dir, "line.mjs"), "// Generated from x.yaml\u2028__pwn();\nexport const a = 1;\n");
    writeFileSync(join(dir, "block.mjs"), "/** Verifies requests to x */ globalThis.__pwned = 1; /* 1 */\nexport const b = 1;\n");
    const { tripped, failed } = importInChild(dir, [join(dir, "line.mjs"), join(dir, "block.mjs")]);
    expect(failed).toEqual([]);
    expect(tripped).toHaveLength(2);
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${SPECS} specs with hostile text in every field: a coded refusal, or output that type-checks and runs nothing on import`, async () => {
    const inputs = fc.sample(specArb, { seed: SEED, numRuns: SPECS });
    const outputs: GeneratedFile[][] = [];
    let refused = 0;
    for (const input of inputs) {
      const result = await outcome(specDocument(input));
      if ("files" in result) {
        outputs.push(result.files);
        continue;
      }
      refused += 1;
      // The only refusal the fuzz provokes: a header name that is not a token. Each on one line of its own.
      expect(result.refused.issues.map((issue) => issue.code)).toEqual(result.refused.issues.map(() => "E_SPEC_HEADER_NAME"));
      for (const line of result.refused.message.split("\n")) expect(line).toMatch(/^\[hmac-codegen\] E_SPEC_HEADER_NAME at #\S*: \S/);
    }
    // Most specs generate, so the checks below see most of the hostile text; and the refusal path is exercised.
    expect(outputs.length).toBeGreaterThanOrEqual(SPECS * 0.6);
    expect(refused).toBeGreaterThan(0);
    const printed = outputs.flat().filter((file) => !file.path.includes("/"));
    // The hostile text reached every kind of position: escaped in comments, escaped and kept in strings.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the spec's text as printed inside a string literal
    for (const printedText of ["*\\/ __pwn(); /*", "\\u2028__pwn();", "${__pwn()}", "</script><script>__pwn()</script>"]) {
      expect(
        printed.some((file) => file.contents.includes(printedText)),
        printedText,
      ).toBe(true);
    }

    const dir = tempDir("spec-text-fuzz-");
    const specDirs = writeOutputs(dir, outputs);
    // Both checks run and report, whatever the other found: an injection shows up in each on its own.
    const diagnostics = compile(dir);
    const { tripped, failed } = importAll(dir, specDirs);
    expect.soft(diagnostics).toBe("");
    expect.soft(failed).toEqual([]);
    expect.soft(tripped).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
