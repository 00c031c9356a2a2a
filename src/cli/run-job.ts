/**
 * One generation job: load, model, lint, generate in memory, then --check or write atomically. Returns
 * what happened (for the summary and --json) and which files the spec read (for --watch), even when
 * it failed, so a broken save is reported and watching goes on.
 */
import { basename } from "node:path";
import type { LintFinding } from "../lint/lint.js";
import { lintDocument } from "../lint/lint.js";
import { loadSpec } from "../spec/load.js";
import { buildModel } from "../spec/model.js";
import { EXIT } from "./exit-codes.js";
import type { Job } from "./jobs.js";
import { exitCodeFor } from "./report.js";
import { staleFiles, writeOutput } from "./write-output.js";

export interface JobResult {
  job: Job;
  status: "written" | "up-to-date" | "stale" | "lint-failed" | "failed";
  exitCode: number;
  files: number;
  operations: number;
  schemes: number;
  milliseconds: number;
  lint: LintFinding[];
  stale: string[];
  /** Written: the files whose bytes changed (the others were not touched), and those no longer generated. */
  rewritten: number;
  removed: string[];
  error?: unknown;
  /** Every file the spec read, absolute; empty when it could not be read at all. */
  sources: string[];
}

export interface JobHooks {
  onProgress?: ((job: Job, output: string, index: number, total: number) => void) | undefined;
}

export async function runJob(job: Job, mode: { check: boolean }, hooks: JobHooks = {}): Promise<JobResult> {
  const started = performance.now();
  const result: JobResult = {
    job,
    status: "failed",
    exitCode: EXIT.usage,
    files: 0,
    operations: 0,
    schemes: 0,
    milliseconds: 0,
    lint: [],
    stale: [],
    rewritten: 0,
    removed: [],
    sources: [],
  };
  try {
    const spec = await loadSpec(job.spec);
    result.sources = spec.files;
    const model = buildModel(spec.document, spec.locate, { aws: job.aws });
    result.operations = model.operations.length;
    result.schemes = model.hmacSchemes.length;
    result.lint = lintDocument(spec.document, { rules: job.rules, locate: spec.locate, aws: job.aws });
    if (job.strict && result.lint.length > 0) {
      result.status = "lint-failed";
      result.exitCode = EXIT.failed;
      return result;
    }
    // Loaded on demand: the emitters pull in TypeScript (openapi-typescript, ts-morph), about a second
    // of start-up that `sign`, `verify`, `explain` and `--help` do not need.
    const { generate } = await import("../generate.js");
    const files = await generate(model, {
      specName: basename(job.spec),
      outputs: job.outputs,
      crypto: job.crypto,
      onProgress: (output, index, total) => hooks.onProgress?.(job, output, index, total),
    });
    result.files = files.length;
    if (mode.check) {
      result.stale = await staleFiles(job.out, files);
      result.status = result.stale.length > 0 ? "stale" : "up-to-date";
      result.exitCode = result.stale.length > 0 ? EXIT.failed : EXIT.ok;
    } else {
      const written = await writeOutput(job.out, files);
      result.rewritten = written.rewritten.length;
      result.removed = written.removed;
      result.status = "written";
      result.exitCode = EXIT.ok;
    }
  } catch (error) {
    result.status = "failed";
    result.error = error;
    result.exitCode = exitCodeFor(error);
  } finally {
    result.milliseconds = Math.round(performance.now() - started);
  }
  return result;
}
