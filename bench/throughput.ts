/**
 * Issue 8, target 4: requests per second of a verified endpoint against the same endpoint without
 * verification, with autocannon on 127.0.0.1, for Fastify and node:http. Every verified request is
 * validly signed with a unique nonce (signed ahead of the run, so the load generator does not compete
 * with the server for CPU while it signs). The server reports its resident memory every second.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { TEST_KEY_ID, TEST_SECRETS } from "../src/emit/test-credentials.js";
import { signRequest } from "../templates/runtime/sign.js";
import { materialiseGolden } from "../test/support/materialise-golden.js";
import { presetScheme } from "../test/support/preset-scheme.js";
import type { Row } from "./measure.js";

const SERVER = fileURLToPath(new URL("./fixtures/throughput-server.ts", import.meta.url));
const PATH = "/api/v1/forecast/?city=Bern&days=3";
const CONNECTIONS = 32;

interface Server {
  port: number;
  rss: number[];
  cpuUs: number[];
  /** Stops the server and resolves after its last sample arrived. */
  stop(): Promise<void>;
}

async function startServer(adapter: string, mode: "verify" | "plain"): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", SERVER, adapter, mode], { stdio: ["ignore", "pipe", "inherit"] });
  const rss: number[] = [];
  const cpuUs: number[] = [];
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const closed = new Promise<void>((resolve) => lines.once("close", resolve));
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`throughput server exited with ${code}`)));
    lines.on("line", (line) => {
      const message = JSON.parse(line) as { port?: number; rss?: number; cpuUs?: number };
      if (message.port !== undefined) resolve(message.port);
      if (message.rss !== undefined) rss.push(message.rss);
      if (message.cpuUs !== undefined) cpuUs.push(message.cpuUs);
    });
  });
  child.removeAllListeners("exit");
  return {
    port,
    rss,
    cpuUs,
    stop: async () => {
      child.kill("SIGTERM");
      await closed;
    },
  };
}

interface Run {
  rps: number;
  non2xx: number;
  errors: number;
  requests: number;
}

function load(port: number, seconds: number, headersFor: () => Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        duration: seconds,
        requests: [
          {
            method: "GET",
            path: PATH,
            // Each request gets the next pre-signed header set: a unique nonce every time. The baseline
            // gets the same headers the same way, so the load generator does the same work in both runs.
            setupRequest: (request) => ({ ...request, headers: headersFor() }),
          },
        ],
      },
      (error, result) => {
        if (error) reject(error);
        else resolve({ rps: result.requests.average, non2xx: result.non2xx, errors: result.errors, requests: result.requests.total });
      },
    );
  });
}

async function presign(count: number): Promise<Array<Record<string, string>>> {
  const scheme = presetScheme("nextcloud-drf", "hmac");
  const credentials = { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 };
  const signed: Array<Record<string, string>> = [];
  for (let i = 0; i < count; i++) {
    signed.push((await signRequest(scheme, { method: "GET", url: PATH }, credentials)).headers);
  }
  return signed;
}

/** The server's CPU time so far: the first sample after the server is up (it samples every second). */
async function cpuNow(server: Server): Promise<number> {
  while (server.cpuUs.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  return server.cpuUs.at(-1) ?? 0;
}

export async function throughputRows(seconds: number): Promise<Row[]> {
  materialiseGolden();
  const rows: Row[] = [];
  for (const adapter of ["node", "fastify"]) {
    // Enough signed requests for a fast run (the baseline reuses them: it ignores the headers).
    const pool = await presign(Math.ceil(30_000 * seconds));
    let next = 0;
    const plain = await startServer(adapter, "plain");
    const cpuBefore = await cpuNow(plain);
    const baseline = await load(plain.port, seconds, () => pool[next++ % pool.length] as Record<string, string>);
    await plain.stop();
    const plainCpuPerRequest = ((plain.cpuUs.at(-1) ?? 0) - cpuBefore) / baseline.requests;
    next = 0;
    const verified = await startServer(adapter, "verify");
    const verifiedCpuBefore = await cpuNow(verified);
    const run = await load(verified.port, seconds, () => pool[next++ % pool.length] as Record<string, string>);
    await verified.stop();
    const verifiedCpuPerRequest = ((verified.cpuUs.at(-1) ?? 0) - verifiedCpuBefore) / run.requests;
    const ratio = run.rps / baseline.rps;
    const rejected = run.non2xx + run.errors;
    rows.push({
      benchmark: `${adapter === "node" ? "node:http" : "Fastify"}: verified req/s vs unverified (${seconds} s, ${CONNECTIONS} connections)`,
      ours: `${run.rps.toFixed(0)} req/s, ${rejected} rejected`,
      baseline: `${baseline.rps.toFixed(0)} req/s`,
      ratio,
      target: ">= 0.85x, 0 rejected",
      met: ratio >= 0.85 && rejected === 0 && next <= pool.length,
    });
    // Capacity: what one core can serve, from the server's own CPU time per request. On two cores the
    // load generator can be the bottleneck of the baseline, which makes the req/s ratio look worse.
    const capacity = plainCpuPerRequest / verifiedCpuPerRequest;
    rows.push({
      benchmark: `${adapter === "node" ? "node:http" : "Fastify"}: server CPU per request, verified vs unverified`,
      ours: `${verifiedCpuPerRequest.toFixed(1)} µs`,
      baseline: `${plainCpuPerRequest.toFixed(1)} µs`,
      ratio: capacity,
      target: ">= 0.85x capacity",
      met: capacity >= 0.85,
    });
    // Flat memory: from the end of the first second to the end of the run. The in-memory replay store
    // keeps every nonce for its TTL, so its growth is the nonces, reported beside it.
    const first = verified.rss[0] ?? 0;
    const last = verified.rss.at(-1) ?? 0;
    const growthMiB = (last - first) / 1024 / 1024;
    rows.push({
      benchmark: `${adapter === "node" ? "node:http" : "Fastify"}: server RSS growth over the verified run`,
      ours: `${growthMiB.toFixed(1)} MiB for ${run.requests} nonces`,
      baseline: `${(first / 1024 / 1024).toFixed(0)} MiB at 1 s`,
      ratio: run.requests === 0 ? 0 : (last - first) / run.requests,
      target: "bounded by the replay store",
      met: growthMiB < 64,
    });
  }
  return rows;
}
