/**
 * The replay-store load run (issue 9): two verifier processes (test/server/fixtures/verifier-process.ts,
 * the generated node:http adapter with a RedisReplayStore) behind one real redis-server.
 *  1. Load: autocannon drives both processes at once with validly signed, unique-nonce requests.
 *     Every answer must be 200 (no false rejects).
 *  2. Replays: every request that was answered is sent again to the other process: every one must be
 *     refused as replayed_nonce.
 *  3. Outage: under load, redis-server is killed, then restarted: every answer is 200 or the documented
 *     503 replay_store_unavailable (fail closed), never a hang or another status, and 200s return.
 * Shared by test/robustness/load.test.ts (short) and `npm run load` (30 s).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { type RedisServer, startRedis } from "../../support/redis-server.js";
import { LOAD_PATH, type SignedHeaders, SignedPool } from "./signed-pool.js";

export interface LoadOptions {
  loadSeconds: number;
  connections: number;
  /** Outage phase: seconds of load before the kill, of outage, and after the restart. */
  outage: { before: number; down: number; after: number };
}

export interface LoadFigures {
  load: { seconds: number; requests: number; perSecond: number; statuses: Record<string, number>; errors: number; timeouts: number };
  replay: { tried: number; rejectedAsReplay: number; otherStatuses: Record<string, number>; errors: number };
  outage: {
    statusesBefore: Record<string, number>;
    statusesDuring: Record<string, number>;
    statusesAfterRecovery: Record<string, number>;
    otherStatuses: number;
    errors: number;
    timeouts: number;
    /** Seconds from the restart until the first 200. */
    recoverySeconds: number | undefined;
    slowestMs: number;
  };
}

interface Answered {
  headers: SignedHeaders;
  port: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const redis = await startRedis();
  const processes: ChildProcess[] = [];
  const pool = new SignedPool();
  try {
    const ports = [await startProcess(redis, processes), await startProcess(redis, processes)];
    await pool.start();

    // 1. Load on both processes at once, as behind a load balancer.
    const answered: Answered[] = [];
    const loadStarted = performance.now();
    const loads = await Promise.all(
      ports.map((port) =>
        cannon(port, pool, { duration: options.loadSeconds, connections: options.connections }, (headers, status) => {
          if (status === 200) answered.push({ headers, port });
        }),
      ),
    );
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const requests = loads.reduce((sum, result) => sum + result.requests.total, 0);
    const statuses = mergeStatuses(loads.map((result) => result.statuses));

    // 2. Every answered request, replayed at the other process.
    const replayStatuses: Record<string, number> = {};
    let rejectedAsReplay = 0;
    const replayErrors: number[] = [];
    for (const port of ports) {
      const queue = answered.filter((entry) => entry.port !== port).map((entry) => entry.headers);
      if (queue.length === 0) continue;
      const result = await cannon(
        port,
        { take: () => queue.pop() },
        { amount: queue.length, connections: options.connections },
        (_headers, status, body) => {
          if (status === 401 && body.includes('"reason":"replayed_nonce"')) rejectedAsReplay += 1;
          else replayStatuses[status] = (replayStatuses[status] ?? 0) + 1;
        },
      );
      replayErrors.push(result.errors);
    }

    // 3. Kill redis-server mid-run, restart it, and watch the answers.
    const events: Array<{ at: number; status: number }> = [];
    const outageStarted = performance.now();
    const { before, down, after } = options.outage;
    let killedAt = 0;
    let restartedAt = 0;
    const outageRun = Promise.all(
      ports.map((port) =>
        cannon(port, pool, { duration: before + down + after, connections: Math.max(2, options.connections / 2) }, (_h, status) => {
          events.push({ at: performance.now() - outageStarted, status });
        }),
      ),
    );
    await sleep(before * 1000);
    killedAt = performance.now() - outageStarted;
    await redis.stop();
    await sleep(down * 1000);
    restartedAt = performance.now() - outageStarted;
    await redis.start();
    const outageResults = await outageRun;
    const count = (from: number, to: number) => {
      const counts: Record<string, number> = {};
      for (const event of events) if (event.at >= from && event.at < to) counts[event.status] = (counts[event.status] ?? 0) + 1;
      return counts;
    };
    const firstOk = events.find((event) => event.at > restartedAt && event.status === 200);
    // A request that was in flight at the kill may still be answered 200 just after it; one that
    // started before the restart may be refused just after it: a second of grace either side.
    const grace = 1000;
    return {
      load: {
        seconds: round(loadSeconds),
        requests,
        perSecond: Math.round(requests / loadSeconds),
        statuses,
        errors: sum(loads, "errors"),
        timeouts: sum(loads, "timeouts"),
      },
      replay: { tried: answered.length, rejectedAsReplay, otherStatuses: replayStatuses, errors: replayErrors.reduce((a, b) => a + b, 0) },
      outage: {
        statusesBefore: count(0, killedAt),
        statusesDuring: count(killedAt + grace, restartedAt),
        statusesAfterRecovery: count((firstOk?.at ?? restartedAt) + grace, Number.POSITIVE_INFINITY),
        otherStatuses: events.filter((event) => event.status !== 200 && event.status !== 503).length,
        errors: sum(outageResults, "errors"),
        timeouts: sum(outageResults, "timeouts"),
        recoverySeconds: firstOk ? round((firstOk.at - restartedAt) / 1000) : undefined,
        slowestMs: Math.max(...outageResults.map((result) => result.latency.max)),
      },
    };
  } finally {
    pool.stop();
    for (const child of processes) child.kill();
    await redis.stop();
  }
}

async function startProcess(redis: RedisServer, processes: ChildProcess[]): Promise<number> {
  const script = fileURLToPath(new URL("../../server/fixtures/verifier-process.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, REDIS_URL: redis.url, NOW_MS: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  processes.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`verifier process exited with ${code}`)));
  });
  return (JSON.parse(line) as { port: number }).port;
}

interface CannonResult {
  requests: { total: number };
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  latency: { max: number };
}

/** One autocannon run; each request takes the next signed headers, and `onAnswer` sees each answer. */
function cannon(
  port: number,
  source: { take(): SignedHeaders | undefined },
  limits: { duration?: number; amount?: number; connections: number },
  onAnswer: (headers: SignedHeaders, status: number, body: string) => void,
): Promise<CannonResult> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: limits.connections,
        pipelining: 1,
        timeout: 5,
        ...(limits.amount !== undefined ? { amount: limits.amount } : { duration: limits.duration ?? 1 }),
        requests: [
          {
            method: "GET",
            path: LOAD_PATH,
            // With pipelining 1 a connection has one request in flight: the context pairs it with its answer.
            setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) => {
              const headers = source.take();
              if (!headers) return undefined;
              context.signed = headers;
              return { ...request, headers };
            },
            onResponse: (status: number, body: string, context: Record<string, unknown>) => {
              onAnswer(context.signed as SignedHeaders, status, body);
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const statuses: Record<string, number> = {};
        for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[status] = Number(count);
        resolve({ requests: result.requests, statuses, errors: result.errors, timeouts: result.timeouts, latency: result.latency });
      },
    );
  });
}

function mergeStatuses(all: Array<Record<string, number>>): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const statuses of all) for (const [status, count] of Object.entries(statuses)) merged[status] = (merged[status] ?? 0) + count;
  return merged;
}

function sum(results: CannonResult[], key: "errors" | "timeouts"): number {
  return results.reduce((total, result) => total + result[key], 0);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number) => Math.round(value * 10) / 10;
