/**
 * A corpus worker: a child process of the pool (pool.ts) that runs specs one at a time as the parent
 * sends them over IPC, and reports each phase as it finishes, so a spec that hangs in one phase still
 * has the earlier phases on record when the parent kills the worker.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { runBaseline, runUnmodified, runWithHmac } from "./run-spec.js";

export interface Job {
  name: string;
  file: string;
  /** Write the generated files here (the type-check sample). */
  outDir?: string;
}

export type WorkerMessage =
  | { name: string; phase: "baseline"; result: Awaited<ReturnType<typeof runBaseline>> }
  | { name: string; phase: "unmodified"; result: Awaited<ReturnType<typeof runUnmodified>> }
  | { name: string; phase: "hmac"; result: Awaited<ReturnType<typeof runWithHmac>>["outcome"] }
  | { name: string; phase: "done"; maxRssMiB: number };

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => process.send?.(message, undefined, undefined, () => resolve()));
}

process.on("message", async (job: Job) => {
  await send({ name: job.name, phase: "baseline", result: await runBaseline(job.file) });
  await send({ name: job.name, phase: "unmodified", result: await runUnmodified(job.file) });
  const { outcome, files } = await runWithHmac(job.file, job.name);
  if (job.outDir && files) {
    for (const file of files) {
      mkdirSync(dirname(join(job.outDir, file.path)), { recursive: true });
      writeFileSync(join(job.outDir, file.path), file.contents);
    }
  }
  await send({ name: job.name, phase: "hmac", result: outcome });
  await send({ name: job.name, phase: "done", maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) });
});
