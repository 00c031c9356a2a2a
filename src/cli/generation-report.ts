/**
 * What a generation run prints, by mode. Human: progress on a terminal (stderr, one line rewritten),
 * lint findings on stderr, one summary line per spec and a total on stdout. --silent: errors only.
 * --json: one JSON document on stdout at the end, errors included, for build tools.
 */
import { formatFinding } from "../lint/format.js";
import type { Job } from "./jobs.js";
import { errorMessage, reportError } from "./report.js";
import type { JobResult } from "./run-job.js";

export type OutputMode = "human" | "silent" | "json";

export interface GenerationReporter {
  progress(job: Job, output: string, index: number, total: number): void;
  job(result: JobResult): void;
  done(results: readonly JobResult[], milliseconds: number): void;
}

export function generationReporter(mode: OutputMode, stderr: NodeJS.WriteStream = process.stderr): GenerationReporter {
  const live = mode === "human" && stderr.isTTY === true;
  let progressShown = false;
  const clearProgress = (): void => {
    if (progressShown) stderr.write("\r\x1b[K");
    progressShown = false;
  };
  return {
    progress(job, output, index, total) {
      if (!live) return;
      stderr.write(`\r\x1b[K[hmac-codegen] ${job.spec}: ${output} (${index + 1}/${total})`);
      progressShown = true;
    },
    job(result) {
      clearProgress();
      if (mode === "json") return;
      if (result.status === "failed") {
        reportError(result.error);
        return;
      }
      const lintFailed = result.status === "lint-failed";
      if (mode === "human" || lintFailed) for (const finding of result.lint) process.stderr.write(`${formatFinding(finding)}\n`);
      if (lintFailed) {
        process.stderr.write(
          `[hmac-codegen] ${result.job.spec}: lint found ${result.lint.length} problem(s) under --strict; nothing was written.\n`,
        );
        return;
      }
      if (result.status === "stale") {
        process.stderr.write(
          `[hmac-codegen] ${result.job.out} is stale: ${result.stale.join(", ")}. Run hmac-codegen ${result.job.spec} -o ${result.job.out}.\n`,
        );
        return;
      }
      if (mode === "silent") return;
      // Unchanged files are not rewritten (write-output.ts): say so, so a quiet watcher is not a surprise.
      const unchanged = result.files - result.rewritten;
      const changes = `${unchanged > 0 ? `; ${unchanged} unchanged` : ""}${result.removed.length > 0 ? `; removed ${result.removed.length} no longer generated` : ""}`;
      const counts = `(${result.schemes} x-hmac scheme(s), ${result.operations} operation(s)${changes})`;
      process.stdout.write(
        result.status === "up-to-date"
          ? `[hmac-codegen] ${result.job.out} is up to date (${result.files} files).\n`
          : `[hmac-codegen] wrote ${result.files} files to ${result.job.out} ${counts} in ${formatTime(result.milliseconds)}.\n`,
      );
    },
    done(results, milliseconds) {
      clearProgress();
      if (mode === "json") {
        const ok = results.every((result) => result.exitCode === 0);
        process.stdout.write(`${JSON.stringify({ ok, milliseconds, results: results.map(jsonResult) }, null, 2)}\n`);
        return;
      }
      if (mode === "silent" || results.length < 2) return;
      const failed = results.filter((result) => result.exitCode !== 0).length;
      const files = results.reduce((sum, result) => sum + result.files, 0);
      const operations = results.reduce((sum, result) => sum + result.operations, 0);
      process.stdout.write(
        `[hmac-codegen] ${results.length} specs, ${files} files, ${operations} operations in ${formatTime(milliseconds)}` +
          `${failed > 0 ? `; ${failed} failed` : ""}.\n`,
      );
    },
  };
}

function jsonResult(result: JobResult): Record<string, unknown> {
  return {
    spec: result.job.spec,
    out: result.job.out,
    status: result.status,
    exitCode: result.exitCode,
    files: result.files,
    operations: result.operations,
    schemes: result.schemes,
    milliseconds: result.milliseconds,
    lint: result.lint,
    ...(result.status === "written" ? { rewritten: result.rewritten, removed: result.removed } : {}),
    ...(result.stale.length > 0 ? { stale: result.stale } : {}),
    ...(result.error === undefined ? {} : { error: errorMessage(result.error) }),
  };
}

function formatTime(milliseconds: number): string {
  return milliseconds < 1000 ? `${milliseconds} ms` : `${(milliseconds / 1000).toFixed(1)} s`;
}
