/**
 * Both replay guards across two OS processes over one real redis-server (issue 16): a signature-keyed
 * claim (`replay: signature`, templates/runtime/signature-replay.ts) and a nonce claim made by process A
 * are refused by process B, `replayed_signature` and `replayed_nonce`, and by A itself; a fresh request
 * still passes on either. signature-replay.test.ts shares one process between its two verifiers; here
 * nothing but Redis is shared.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { signRequest } from "../../templates/runtime/sign.js";
import { type RedisServer, startRedis } from "../support/redis-server.js";
import { guardedSchemes } from "./fixtures/replay-guard-process.js";

let redis: RedisServer;
const processes: ChildProcess[] = [];
const ports: number[] = [];
const pids = new Set<number>();

async function startProcess(): Promise<number> {
  const script = fileURLToPath(new URL("./fixtures/replay-guard-process.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, REPLAY_GUARD_REDIS_URL: redis.url, NOW_MS: String(TEST_NOW_MS) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  processes.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`verifier process exited with ${code}`)));
  });
  return (JSON.parse(line) as { port: number }).port;
}

const { guarded, nonced } = guardedSchemes();
let counter = 0;

/** Seed 003 signs the body and the timestamp only; `at` moves the timestamp, so each call is a new signature. */
async function signed(path: "/orders" | "/ping", atMs = TEST_NOW_MS): Promise<Record<string, string>> {
  counter += 1;
  const result = await signRequest(
    path === "/orders" ? guarded : nonced,
    { method: "GET", url: path },
    { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 },
    { now: () => atMs, nonce: () => `${process.pid.toString(16)}${counter.toString(16)}`.padStart(32, "0").slice(-32) },
  );
  return result.headers;
}

async function send(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; reason?: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers });
  const body = (await response.json()) as { reason?: string; pid?: number };
  if (body.pid) pids.add(body.pid);
  return { status: response.status, ...(body.reason ? { reason: body.reason } : {}) };
}

beforeAll(async () => {
  redis = await startRedis();
  ports.push(await startProcess(), await startProcess());
}, 60_000);

afterAll(async () => {
  for (const child of processes) child.kill();
  await redis.stop();
});

describe("replay guards shared by two server processes through one redis-server", () => {
  it("refuses on process B a signature process A accepted (replay: signature, no nonce)", async () => {
    const [a = 0, b = 0] = ports;
    const headers = await signed("/orders");
    expect(await send(a, "/orders", headers)).toEqual({ status: 200 });
    expect(await send(b, "/orders", headers)).toEqual({ status: 401, reason: "replayed_signature" });
    expect(await send(a, "/orders", headers)).toEqual({ status: 401, reason: "replayed_signature" });
    // The guard keys on the signature, not the route: a new signature (an earlier second, still fresh) is a new request.
    expect(await send(b, "/orders", await signed("/orders", TEST_NOW_MS - 1000))).toEqual({ status: 200 });
  });

  it("refuses on process B a nonce process A accepted", async () => {
    const [a = 0, b = 0] = ports;
    const headers = await signed("/ping");
    expect(await send(a, "/ping", headers)).toEqual({ status: 200 });
    expect(await send(b, "/ping", headers)).toEqual({ status: 401, reason: "replayed_nonce" });
    expect(await send(a, "/ping", headers)).toEqual({ status: 401, reason: "replayed_nonce" });
    expect(await send(b, "/ping", await signed("/ping"))).toEqual({ status: 200 });
  });

  it("served from two distinct OS processes", () => {
    expect(pids.size).toBe(2);
    expect(pids.has(process.pid)).toBe(false);
  });
});
