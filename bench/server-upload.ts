/**
 * Issue 8, target 5 (server half): the generated node:http adapter verifies a 100 MiB upload. Resident
 * memory growth of the server process, and its time from request to handler end against one
 * createHash("sha256") over the same bytes in memory.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { TEST_KEY_ID, TEST_SECRETS } from "../src/emit/test-credentials.js";
import { signRequest } from "../templates/runtime/sign.js";
import { materialiseGolden } from "../test/support/materialise-golden.js";
import { presetScheme } from "../test/support/preset-scheme.js";
import type { Row } from "./measure.js";

const SERVER = fileURLToPath(new URL("./fixtures/upload-server.ts", import.meta.url));
const PATH = "/api/v1/integrations/token/";

export async function serverUploadRows(mib: number): Promise<Row[]> {
  materialiseGolden();
  const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  const messages: Array<Record<string, number | boolean>> = [];
  let wake: (() => void) | undefined;
  lines.on("line", (line) => {
    messages.push(JSON.parse(line) as Record<string, number | boolean>);
    wake?.();
  });
  let exited: string | undefined;
  child.once("exit", (code) => {
    exited = `the upload server exited with ${code}`;
    wake?.();
  });
  const next = async (): Promise<Record<string, number | boolean>> => {
    while (messages.length === 0) {
      if (exited) throw new Error(exited);
      await new Promise<void>((resolve) => (wake = resolve));
    }
    return messages.shift() as Record<string, number | boolean>;
  };
  try {
    const { port } = (await next()) as { port: number };
    const chunk = new Uint8Array(1024 * 1024).fill(42);
    const body = new Blob(Array.from({ length: mib }, () => chunk));
    const scheme = presetScheme("nextcloud-drf", "hmac");
    const signed = await signRequest(scheme, { method: "POST", url: PATH, body }, { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 });
    // The operation needs the API key as well as the signature (seed 004's AND).
    const headers = { ...signed.headers, "X-API-Key": "bench" };
    const response = await fetch(`http://127.0.0.1:${port}${signed.url}`, { method: "POST", headers, body });
    const result = (await next()) as { ok: boolean; verifiedMs: number; peakRssGrowth: number };
    const inMemory = Buffer.alloc(mib * 1024 * 1024, 42);
    const hashStart = performance.now();
    createHash("sha256").update(inMemory).digest();
    const hashMs = performance.now() - hashStart;
    const growth = result.peakRssGrowth / 1024 / 1024;
    const speed = hashMs / result.verifiedMs;
    const verified = response.status === 200 && result.ok;
    return [
      {
        benchmark: `server verifies a ${mib} MiB upload (node:http): resident memory growth`,
        ours: `${growth.toFixed(0)} MiB${verified ? "" : ` (status ${response.status})`}`,
        baseline: `${mib} MiB body`,
        ratio: growth / mib,
        target: "<= 64 MiB",
        met: verified && growth <= 64,
      },
      {
        benchmark: `server verifies a ${mib} MiB upload: speed vs createHash in memory`,
        ours: `${((mib / result.verifiedMs) * 1000).toFixed(0)} MiB/s`,
        baseline: `${((mib / hashMs) * 1000).toFixed(0)} MiB/s`,
        ratio: speed,
        target: ">= 0.70x",
        met: verified && speed >= 0.7,
      },
    ];
  } finally {
    child.kill();
  }
}
