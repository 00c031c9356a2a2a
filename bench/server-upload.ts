/**
 * Issue 8, target 5 (server half): the generated node:http adapter verifies a 100 MiB upload. Resident
 * memory growth of the server process, and its time from request to handler end against one
 * createHash("sha256") over the same bytes in memory. The same upload unverified (a handler that only
 * drains the request) is the floor loopback HTTP sets: when it is itself slower than the createHash target,
 * verified / unverified is the figure our code controls.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createInterface } from "node:readline";
import { TEST_KEY_ID, TEST_SECRETS } from "../src/emit/test-credentials.js";
import { materialiseGolden } from "../test/support/materialise-golden.js";
import { presetScheme } from "../test/support/preset-scheme.js";
import { compiled } from "./compiled.js";
import type { Row } from "./measure.js";
import { runtime } from "./runtime.js";

const { signRequest } = runtime;
let serverBundle: string | undefined;
const PATH = "/api/v1/integrations/token/";
/**
 * Uploads per server process; the fastest counts. The first ones pay for JIT and socket warm-up: a verified
 * upload measured 343, 264, 248, 232, 210, 205, 196, 185 ms in eight runs on one server (.tmp, issue 8).
 */
const RUNS = 6;

interface UploadFigures {
  ok: boolean;
  status: number;
  /** The fastest run, request to answer, in the server. */
  ms: number;
  /** The largest growth of resident memory during one upload, above its size when that upload began. */
  peakRssGrowth: number;
}

export async function serverUploadRows(mib: number): Promise<Row[]> {
  materialiseGolden();
  const chunk = new Uint8Array(1024 * 1024).fill(42);
  const body = new Blob(Array.from({ length: mib }, () => chunk));
  const unverified = await uploadTo("unverified", body);
  const hashed = await uploadTo("hashed", body);
  const verified = await uploadTo("verified", body);
  const inMemory = Buffer.alloc(mib * 1024 * 1024, 42);
  let hashMs = Number.POSITIVE_INFINITY;
  for (let run = 0; run < RUNS; run++) {
    const hashStart = performance.now();
    createHash("sha256").update(inMemory).digest();
    hashMs = Math.min(hashMs, performance.now() - hashStart);
  }
  const growth = verified.peakRssGrowth / 1024 / 1024;
  const speed = hashMs / verified.ms;
  const ofTransfer = unverified.ms / verified.ms;
  const rate = (ms: number) => `${((mib / ms) * 1000).toFixed(0)} MiB/s`;
  const note = verified.ok ? "" : ` (status ${verified.status})`;
  return [
    {
      benchmark: `server verifies a ${mib} MiB upload (node:http): resident memory growth`,
      ours: `${growth.toFixed(0)} MiB${note}`,
      baseline: `${mib} MiB body; unverified ${(unverified.peakRssGrowth / 1024 / 1024).toFixed(0)} MiB`,
      ratio: growth / mib,
      target: "<= 64 MiB",
      met: verified.ok && growth <= 64,
    },
    {
      benchmark: `server verifies a ${mib} MiB upload: speed vs createHash in memory`,
      ours: `${rate(verified.ms)}${note}`,
      baseline: `${rate(hashMs)}`,
      ratio: speed,
      target: ">= 0.70x",
      met: verified.ok && speed >= 0.7,
    },
    {
      // The floor: no verifier can be faster than the transfer it reads. Informational, no target.
      benchmark: `the same ${mib} MiB upload unverified (loopback HTTP alone) vs createHash`,
      ours: rate(unverified.ms),
      baseline: rate(hashMs),
      ratio: hashMs / unverified.ms,
      target: "(floor)",
      met: true,
    },
    {
      // The floor for a verifier on the event loop: node:crypto's incremental hash runs on the thread that
      // also reads the socket, so the transfer and the SHA-256 add up. Informational, no target.
      benchmark: `the same ${mib} MiB upload drained through one createHash vs unverified`,
      ours: rate(hashed.ms),
      baseline: rate(unverified.ms),
      ratio: unverified.ms / hashed.ms,
      target: "(floor)",
      met: true,
    },
    {
      benchmark: `server verifies a ${mib} MiB upload: speed vs the same upload unverified`,
      ours: `${rate(verified.ms)}${note}`,
      baseline: rate(unverified.ms),
      ratio: ofTransfer,
      target: ">= 0.70x",
      met: verified.ok && ofTransfer >= 0.7,
    },
  ];
}

/** A fresh server process per mode, so one mode's memory does not count against the other. */
async function uploadTo(mode: "verified" | "unverified" | "hashed", body: Blob): Promise<UploadFigures> {
  // The generated server compiled as an application ships it (compiled.ts), after materialiseGolden wrote it.
  serverBundle ??= compiled("./fixtures/upload-server.ts");
  const child = spawn(process.execPath, ["--expose-gc", serverBundle], { stdio: ["ignore", "pipe", "inherit"] });
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
    const scheme = presetScheme("nextcloud-drf", "hmac");
    const figures: UploadFigures = { ok: true, status: 200, ms: Number.POSITIVE_INFINITY, peakRssGrowth: 0 };
    for (let run = 0; run < RUNS; run++) {
      // A fresh signature per run: the scheme's nonce may be used once.
      const signed = await signRequest(scheme, { method: "POST", url: PATH, body }, { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 });
      // The operation needs the API key as well as the signature (seed 004's AND).
      const headers = { ...signed.headers, "X-API-Key": "bench" };
      const target = mode === "verified" ? signed.url : `/${mode}${signed.url}`;
      const response = await fetch(`http://127.0.0.1:${port}${target}`, { method: "POST", headers, body });
      await response.arrayBuffer();
      const result = (await next()) as { ok: boolean; verifiedMs: number; peakRssGrowth: number };
      figures.ok &&= response.status === 200 && result.ok;
      if (response.status !== 200) figures.status = response.status;
      figures.ms = Math.min(figures.ms, result.verifiedMs);
      figures.peakRssGrowth = Math.max(figures.peakRssGrowth, result.peakRssGrowth);
    }
    return figures;
  } finally {
    child.kill();
  }
}
