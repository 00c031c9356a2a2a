/**
 * The sweep behind canned-responses-sweep.test.ts: every operation's canned response (mock-responses.ts)
 * checked with Ajv against the response schema of its own spec, counted by where the body came from.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { corpusRoot, listCorpus, stableRank } from "../../../scripts/corpus/specs.js";
import { cannedResponse } from "../../../src/mock/mock-responses.js";
import { loadSpec } from "../../../src/spec/load.js";
import { refResolver } from "../../../src/spec/parameters.js";
import { foreignPatterns, specValidator } from "./spec-validator.js";

type Schema = Record<string, unknown>;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
export const SAMPLE = { "3.0": 30, "3.1": 10, maxBytes: 200_000, salt: "mock-sweep:" } as const;

/** The first bytes of a bundled corpus file say its version (`{"openapi":"3.1.0",...`): no need to parse 2,600 files. */
export function versionOf(file: string): string | undefined {
  const buffer = Buffer.alloc(64);
  const fd = openSync(file, "r");
  try {
    readSync(fd, buffer, 0, 64, 0);
  } finally {
    closeSync(fd);
  }
  return /"(?:openapi|swagger)":"([^"]+)"/.exec(buffer.toString("utf8"))?.[1];
}

export function corpusSample(
  wanted30: number = SAMPLE["3.0"],
  wanted31: number = SAMPLE["3.1"],
  maxBytes: number = SAMPLE.maxBytes,
): { name: string; file: string }[] {
  const wanted: Record<string, number> = { "3.0": wanted30, "3.1": wanted31 };
  const picked: { name: string; file: string }[] = [];
  const ranked = listCorpus(corpusRoot())
    .filter((spec) => spec.bytes <= maxBytes)
    .sort((a, b) => stableRank(a.name, SAMPLE.salt) - stableRank(b.name, SAMPLE.salt));
  for (const spec of ranked) {
    const minor = versionOf(spec.file)?.slice(0, 3) ?? "";
    if ((wanted[minor] ?? 0) > 0) {
      wanted[minor] = (wanted[minor] ?? 0) - 1;
      picked.push({ name: spec.name, file: spec.file });
    }
  }
  return picked.sort((a, b) => (a.name < b.name ? -1 : 1));
}

export interface Failure {
  spec: string;
  operation: string;
  source: "example" | "sample";
  errors: string;
}

export interface Sweep {
  specs: number;
  operations: number;
  validated: number;
  fromExample: number;
  fromSample: number;
  withoutSchema: number;
  refusedByMock: string[];
  uncompilable: string[];
  failures: Failure[];
}

/** The response key cannedResponse chose for `status`: the code itself, else its `2XX` range, else `default`. */
function responseKey(responses: Schema, status: number): string | undefined {
  return [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, "default"].find((key) => key in responses);
}

export async function sweep(specs: readonly { name: string; file: string }[]): Promise<Sweep> {
  const result: Sweep = {
    specs: 0,
    operations: 0,
    validated: 0,
    fromExample: 0,
    fromSample: 0,
    withoutSchema: 0,
    refusedByMock: [],
    uncompilable: [],
    failures: [],
  };
  for (const spec of specs) {
    const { document } = await loadSpec(spec.file);
    const resolve = refResolver(document);
    const validator = specValidator(document);
    result.specs += 1;
    for (const [path, rawItem] of Object.entries(resolve(document.paths))) {
      const item = resolve(rawItem);
      for (const method of METHODS) {
        if (!(method in item)) continue;
        result.operations += 1;
        const operation = `${method.toUpperCase()} ${path}`;
        const canned = cannedResponse(document, path, method);
        if (canned.status === 501 && canned.contentType === "application/problem+json") {
          result.refusedByMock.push(`${spec.name} ${operation}`);
          continue;
        }
        if (canned.contentType === undefined || canned.body === undefined) continue;
        const responses = resolve(resolve(item[method]).responses);
        const key = responseKey(responses, canned.status);
        if (key === undefined) throw new Error(`${spec.name} ${operation}: no response for ${canned.status}`);
        const media = resolve(resolve(resolve(responses[key]).content)[canned.contentType]);
        if (media.schema === undefined) {
          result.withoutSchema += 1;
          continue;
        }
        const examples = [media.example, ...Object.values(resolve(media.examples)).map((example) => resolve(example).value)];
        const source = examples.some((value) => isDeepStrictEqual(value, canned.body) || value === JSON.stringify(canned.body))
          ? "example"
          : "sample";
        const entry = validator.validatorAt(["paths", path, method, "responses", key, "content", canned.contentType, "schema"]);
        if ("compileError" in entry) {
          result.uncompilable.push(`${spec.name} ${operation}: ${entry.compileError}`);
          continue;
        }
        result.validated += 1;
        result[source === "example" ? "fromExample" : "fromSample"] += 1;
        if (!entry.validate(canned.body)) {
          result.failures.push({ spec: spec.name, operation, source, errors: JSON.stringify(entry.validate.errors?.slice(0, 2)) });
        }
      }
    }
  }
  return result;
}

export function report(label: string, result: Sweep, seconds: number): string {
  return (
    `${label}: ${result.specs} specs, ${result.operations} operations, ${result.validated} responses validated ` +
    `(${result.fromExample} spec examples, ${result.fromSample} samples), ${result.failures.length} invalid, ` +
    `${result.refusedByMock.length} answered 501 by the mock, ${result.withoutSchema} without a schema, ` +
    `${result.uncompilable.length} schemas Ajv cannot compile, ${new Set(foreignPatterns).size} non-ECMA-262 patterns left out (${seconds.toFixed(1)} s)`
  );
}
