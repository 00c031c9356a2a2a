/**
 * Two server processes behind one real redis-server share the replay store: a nonce used on one is
 * refused on the other; with Redis stopped they fail closed (503), and they recover when it returns.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { signRequest } from "../../templates/runtime/sign.js";
import { schemes } from "../golden/nextcloud-drf/schemes.js";
import { type RedisServer, startRedis } from "../support/redis-server.js";

const PATH = "/api/v1/integrations/nextcloud/ping/";
let redis: RedisServer;
const processes: ChildProcess[] = [];
const ports: number[] = [];

async function startProcess(): Promise<number> {
  const script = fileURLToPath(new URL("./fixtures/verifier-process.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, REDIS_URL: redis.url, NOW_MS: String(TEST_NOW_MS) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  processes.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`verifier process exited with ${code}`)));
  });
  return (JSON.parse(line) as { port: number }).port;
}

let counter = 0;
async function signedHeaders(nonce?: string): Promise<Record<string, string>> {
  counter += 1;
  const signed = await signRequest(
    schemes.integrationHmac,
    { method: "GET", url: PATH },
    { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 },
    { now: () => TEST_NOW_MS, nonce: () => nonce ?? counter.toString(16).padStart(32, "0") },
  );
  return signed.headers;
}

async function send(port: number, headers: Record<string, string>): Promise<{ status: number; reason?: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${PATH}`, { headers });
  const body = (await response.json()) as { reason?: string };
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

describe("a shared Redis replay store across two server processes", () => {
  it("refuses on one process a nonce already used on the other", async () => {
    const [a = 0, b = 0] = ports;
    const headers = await signedHeaders();
    expect(await send(a, headers)).toEqual({ status: 200 });
    expect(await send(b, headers)).toEqual({ status: 401, reason: "replayed_nonce" });
    expect(await send(a, headers)).toEqual({ status: 401, reason: "replayed_nonce" });
    expect(await send(b, await signedHeaders())).toEqual({ status: 200 });
  });

  it("fails closed with 503 while Redis is down, and recovers when it returns", async () => {
    const [a = 0, b = 0] = ports;
    await redis.stop();
    const during = await signedHeaders();
    const started = Date.now();
    expect(await send(a, during)).toEqual({ status: 503, reason: "replay_store_unavailable" });
    expect(await send(b, during)).toEqual({ status: 503, reason: "replay_store_unavailable" });
    expect(Date.now() - started).toBeLessThan(5000);

    await redis.start();
    let recovered: { status: number } = { status: 0 };
    for (let attempt = 0; attempt < 50 && recovered.status !== 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      recovered = await send(a, await signedHeaders());
    }
    expect(recovered.status).toBe(200);
    // The request refused during the outage was never recorded: still fresh, it is accepted once, then a replay.
    expect(await send(b, during)).toEqual({ status: 200 });
    expect(await send(a, during)).toEqual({ status: 401, reason: "replayed_nonce" });
    const fresh = await signedHeaders();
    expect(await send(b, fresh)).toEqual({ status: 200 });
    expect(await send(a, fresh)).toEqual({ status: 401, reason: "replayed_nonce" });
  }, 30_000);
});
