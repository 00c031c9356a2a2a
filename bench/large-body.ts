/**
 * Issue 8, target 5: signing a large Blob streams it. Resident memory growth while signing, and hashing
 * speed against one node:crypto createHash over the same bytes already in memory.
 */
import { createHash } from "node:crypto";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../src/emit/test-credentials.js";
import { presetScheme } from "../test/support/preset-scheme.js";
import type { Row } from "./measure.js";
import { runtime } from "./runtime.js";

const { signRequest } = runtime;

export async function largeBodyRows(mib: number): Promise<Row[]> {
  const chunk = new Uint8Array(1024 * 1024).fill(42);
  // A Blob of `mib` parts sharing one chunk: the Blob itself holds the bytes once, outside the JS heap.
  const blob = new Blob(Array.from({ length: mib }, () => chunk));
  const scheme = presetScheme("nextcloud-drf", "hmac");
  // Best of five, the three sides taking turns in a rotating order, so neither a burst from another process
  // on this shared machine nor going first after the collection decides a side: with a fixed order (sign
  // first) the signer measured 0.84x of the Blob-stream floor, and at the floor when the order alternated,
  // for the same code. CPU time, not wall time (measure.ts): another process taking the core is not ours.
  const inMemory = Buffer.alloc(mib * 1024 * 1024, 42);
  let signMs = Number.POSITIVE_INFINITY;
  let hashMs = Number.POSITIVE_INFINITY;
  let floorMs = Number.POSITIVE_INFINITY;
  let peakGrowth = 0;
  const sign = async (): Promise<void> => {
    global.gc?.();
    const before = process.memoryUsage.rss();
    let peak = before;
    // memoryUsage.rss() alone: memoryUsage() also gathers heap statistics, a cost inside the timed sign.
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }, 5);
    const start = cpuMs();
    await signRequest(
      scheme,
      { method: "PUT", url: "/upload", body: blob },
      { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 },
      { now: () => TEST_NOW_MS },
    );
    signMs = Math.min(signMs, cpuMs() - start);
    clearInterval(sampler);
    peakGrowth = Math.max(peakGrowth, Math.max(peak, process.memoryUsage.rss()) - before);
  };
  const hash = async (): Promise<void> => {
    const start = cpuMs();
    createHash("sha256").update(inMemory).digest();
    hashMs = Math.min(hashMs, cpuMs() - start);
  };
  const floor = async (): Promise<void> => {
    global.gc?.();
    const start = cpuMs();
    await hashBlobStream(blob);
    floorMs = Math.min(floorMs, cpuMs() - start);
  };
  const sides = [sign, hash, floor];
  for (let round = 0; round < 5; round++) {
    for (let turn = 0; turn < sides.length; turn++) await (sides[(round + turn) % sides.length] as () => Promise<void>)();
  }
  const growth = peakGrowth / 1024 / 1024;
  const speed = hashMs / signMs;
  const ofFloor = floorMs / signMs;
  return [
    {
      benchmark: `sign a ${mib} MiB Blob: resident memory growth`,
      ours: `${growth.toFixed(0)} MiB`,
      baseline: `${mib} MiB body`,
      ratio: growth / mib,
      target: "<= 64 MiB",
      met: growth <= 64,
    },
    {
      benchmark: `sign a ${mib} MiB Blob: hashing speed vs createHash in memory`,
      ours: `${((mib / signMs) * 1000).toFixed(0)} MiB/s`,
      baseline: `${((mib / hashMs) * 1000).toFixed(0)} MiB/s`,
      ratio: speed,
      target: ">= 0.70x",
      met: speed >= 0.7,
    },
    {
      // What the Blob itself allows: its stream copies each part out of the Blob's store before any hash
      // sees it. Slicing it into 1, 4 or 16 MiB arrayBuffer() reads measured no faster (.tmp A/B, issue 8).
      benchmark: `  the floor: createHash over the same Blob's stream(), no signing`,
      ours: `${((mib / floorMs) * 1000).toFixed(0)} MiB/s`,
      baseline: `${((mib / hashMs) * 1000).toFixed(0)} MiB/s`,
      ratio: hashMs / floorMs,
      target: "(reference)",
      met: true,
    },
    {
      // The figure the signer controls: everything it does beyond reading and hashing the Blob's stream.
      benchmark: `sign a ${mib} MiB Blob: speed vs the Blob-stream floor`,
      ours: `${((mib / signMs) * 1000).toFixed(0)} MiB/s`,
      baseline: `${((mib / floorMs) * 1000).toFixed(0)} MiB/s`,
      ratio: ofFloor,
      target: ">= 0.95x",
      met: ofFloor >= 0.95,
    },
  ];
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function hashBlobStream(blob: Blob): Promise<void> {
  const hash = createHash("sha256");
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hash.update(value);
  }
  hash.digest();
}
