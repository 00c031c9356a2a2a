/**
 * A pool of worker processes (worker.ts), each running one spec at a time with a time limit: a spec that
 * hangs or exhausts memory kills only its worker, is recorded as such, and a fresh worker takes the next
 * spec. Workers are also replaced every `recycleAfter` specs so one spec's heap does not tax the next.
 */
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Job, WorkerMessage } from "./worker.js";

export interface SpecRecord {
  name: string;
  bytes: number;
  baseline?: Extract<WorkerMessage, { phase: "baseline" }>["result"];
  unmodified?: Extract<WorkerMessage, { phase: "unmodified" }>["result"];
  hmac?: Extract<WorkerMessage, { phase: "hmac" }>["result"];
  /** Set when the worker was killed or died: which phase was running. */
  aborted?: { reason: "timeout" | "exit"; phase: "baseline" | "unmodified" | "hmac"; detail: string };
  maxRssMiB?: number;
}

export interface PoolOptions {
  jobs: number;
  timeoutMs: number;
  heapMiB: number;
  recycleAfter: number;
  onRecord?: (record: SpecRecord, done: number, total: number) => void;
}

const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));

export async function runPool(jobs: ReadonlyArray<Job & { bytes: number }>, options: PoolOptions): Promise<SpecRecord[]> {
  const records: SpecRecord[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    let child: ChildProcess | undefined;
    let used = 0;
    while (next < jobs.length) {
      const job = jobs[next++] as Job & { bytes: number };
      if (!child || used >= options.recycleAfter) {
        child?.kill("SIGKILL");
        child = spawnWorker(options.heapMiB);
        used = 0;
      }
      used += 1;
      // The three phases take about 6 s per MB on the largest specs (graph-beta, 47 MB: 280 s): scale the limit.
      const record = await runOne(child, job, Math.max(options.timeoutMs, (job.bytes / 1e6) * 20_000));
      if (record.aborted) child = undefined; // killed or dead: the next job gets a new worker
      records.push(record);
      options.onRecord?.(record, records.length, jobs.length);
    }
    child?.kill("SIGKILL");
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, lane));
  return records.sort((a, b) => (a.name < b.name ? -1 : 1));
}

function spawnWorker(heapMiB: number): ChildProcess {
  return fork(WORKER, [], {
    execArgv: ["--import", "tsx", `--max-old-space-size=${heapMiB}`],
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
}

function runOne(child: ChildProcess, job: Job & { bytes: number }, timeoutMs: number): Promise<SpecRecord> {
  const record: SpecRecord = { name: job.name, bytes: job.bytes };
  let phase: "baseline" | "unmodified" | "hmac" = "baseline";
  let stderr = "";
  const onStderr = (chunk: Buffer): void => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  };
  child.stderr?.on("data", onStderr);
  return new Promise((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      child.stderr?.off("data", onStderr);
      resolve(record);
    };
    const onMessage = (message: WorkerMessage): void => {
      if (message.phase === "baseline") {
        record.baseline = message.result;
        phase = "unmodified";
      } else if (message.phase === "unmodified") {
        record.unmodified = message.result;
        phase = "hmac";
      } else if (message.phase === "hmac") {
        record.hmac = message.result;
      } else {
        record.maxRssMiB = message.maxRssMiB;
        finish();
      }
    };
    const onExit = (code: number | null, signal: string | null): void => {
      record.aborted = {
        reason: "exit",
        phase,
        detail: `worker exited (${signal ?? code}): ${stderr.trim().split("\n").slice(-3).join(" ")}`,
      };
      finish();
    };
    const timer = setTimeout(() => {
      record.aborted = { reason: "timeout", phase, detail: `no answer within ${timeoutMs / 1000} s` };
      child.off("exit", onExit);
      child.kill("SIGKILL");
      finish();
    }, timeoutMs);
    child.on("message", onMessage);
    child.on("exit", onExit);
    child.send(job);
  });
}
