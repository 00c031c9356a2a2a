/**
 * Issue 8, targets 2 and 3: signing and verifying a request against a bare node:crypto HMAC-SHA256 over the
 * same string to sign plus the body hash, measured in the same run (ratios, since absolute times are noisy).
 */
import { createHash, createHmac } from "node:crypto";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../src/emit/test-credentials.js";
import type { ReplayStore } from "../templates/runtime/replay-store.js";
import type { RequestDescription } from "../templates/runtime/types.js";
import { presetScheme } from "../test/support/preset-scheme.js";
import { median, type Row, timePerCall } from "./measure.js";
import { runtime } from "./runtime.js";

const { defaultCryptoProvider, MemoryReplayStore, signRequest, verifyRequest } = runtime;

const scheme = presetScheme("nextcloud-drf", "hmac");
const secret = TEST_SECRETS.base64;
const key = Buffer.from(secret, "base64");

/** Uniquely signed requests per kind for the replay-store rows: more than a 300 ms run verifies. */
const FRESH_REQUESTS = 60_000;

const REQUESTS: Array<{ name: string; request: RequestDescription }> = [
  { name: "GET with a query", request: { method: "GET", url: "/api/v1/forecast/?city=Bern&days=3&fields=high&fields=low" } },
  {
    name: "1 KiB JSON POST",
    request: {
      method: "POST",
      url: "/api/v1/items/",
      headers: { "content-type": "application/json" },
      body: Buffer.from(JSON.stringify({ data: "x".repeat(1000) })),
    },
  },
  { name: "1 MiB body POST", request: { method: "POST", url: "/api/v1/upload/", body: Buffer.alloc(1024 * 1024, 7) } },
];

export async function signingRows(ms: number): Promise<Row[]> {
  const rows: Row[] = [];
  const crypto = defaultCryptoProvider();
  let counter = 0;
  const nonce = () => (counter++).toString(16).padStart(32, "0");
  for (const { name, request } of REQUESTS) {
    const signed = await signRequest(scheme, request, { keyId: TEST_KEY_ID, secret }, { now: () => TEST_NOW_MS, nonce });
    const stringToSign = signed.stringToSign.bytes;
    const body = request.body instanceof Uint8Array ? request.body : new Uint8Array(0);
    // The physical floor: hash the body, HMAC the string to sign, hex-encode.
    const bare = () => {
      createHash("sha256").update(body).digest("hex");
      return createHmac("sha256", key).update(stringToSign).digest("hex");
    };
    const baseline = await timePerCall(bare, ms);
    const sign = await timePerCall(
      () => signRequest(scheme, request, { keyId: TEST_KEY_ID, secret }, { now: () => TEST_NOW_MS, nonce, crypto }),
      ms,
    );
    const sent = { ...request, url: signed.url, headers: { ...request.headers, ...signed.headers } };
    const verifyOptions = { resolveKey: () => secret, now: () => TEST_NOW_MS, crypto };
    const verify = await timePerCall(() => verifyRequest(scheme, sent, verifyOptions), ms);
    // With a replay store, every call needs a fresh nonce: sign ahead of time, enough for the whole run.
    const fresh = await Promise.all(
      Array.from({ length: FRESH_REQUESTS }, async () => {
        const s = await signRequest(scheme, request, { keyId: TEST_KEY_ID, secret }, { now: () => TEST_NOW_MS, nonce });
        return { ...request, url: s.url, headers: { ...request.headers, ...s.headers } };
      }),
    );
    // Same requests, same order, same harness with and without the store: only the claim differs. Should
    // a run outlast the pool, it starts over with an empty store, so every claim is a first use.
    const overFresh = (newStore: (() => ReplayStore) | undefined) => {
      let next = 0;
      let store = newStore?.();
      return () => {
        if (next === fresh.length) {
          next = 0;
          store = newStore?.();
        }
        return verifyRequest(scheme, fresh[next++] as RequestDescription, { ...verifyOptions, replayStore: store });
      };
    };
    // Three rounds, the sides taking turns, and each side's median: whichever side ran first, or in the
    // slice where a collection of the previous side's garbage landed, decided the ratio before.
    const sides = { none: [] as number[], store: [] as number[], map: [] as number[] };
    for (let round = 0; round < 3; round++) {
      sides.none.push(await timePerCall(overFresh(undefined), ms / 2));
      sides.store.push(
        await timePerCall(
          overFresh(() => new MemoryReplayStore({ maxEntries: 10_000_000 })),
          ms / 2,
        ),
      );
      sides.map.push(await timePerCall(overFresh(bareMapStore), ms / 2));
    }
    const [verifyFresh, verifyWithStore, verifyWithMap] = [sides.none, sides.store, sides.map].map(median) as [number, number, number];
    const us = (value: number) => `${value.toFixed(1)} µs`;
    rows.push({
      benchmark: `sign: ${name} (${crypto.name})`,
      ours: us(sign),
      baseline: us(baseline),
      ratio: sign / baseline,
      target: "<= 2x",
      met: sign / baseline <= 2,
    });
    rows.push({
      benchmark: `verify: ${name}`,
      ours: us(verify),
      baseline: us(baseline),
      ratio: verify / baseline,
      target: "<= 2x",
      met: verify / baseline <= 2,
    });
    rows.push({
      benchmark: `verify + memory replay store: ${name}`,
      ours: us(verifyWithStore),
      baseline: us(verifyFresh),
      ratio: verifyWithStore / verifyFresh,
      target: "< 1.10x verify",
      met: verifyWithStore / verifyFresh < 1.1,
    });
    rows.push({
      benchmark: `  the floor: verify + one bare Map insert per nonce: ${name}`,
      ours: us(verifyWithMap),
      baseline: us(verifyFresh),
      ratio: verifyWithMap / verifyFresh,
      target: "(reference)",
      met: true,
    });
  }
  rows.push(await claimFloorRow(Math.min(ms, 300)));
  return rows;
}

/**
 * The least any in-memory replay store does: keep each nonce with its expiry in one Map, never sweeping.
 * Verification with it, against verification with none, is what remembering nonces costs at all: every
 * kept nonce outlives the young generation, so the collector copies it however the store is written.
 */
function bareMapStore(): ReplayStore {
  const expiries = new Map<string, number>();
  return {
    claim(_scope, nonce, ttlMs) {
      expiries.set(nonce, Date.now() + ttlMs);
      return true;
    },
  };
}

/**
 * The replay store against the floor of any in-memory store: one Map insert of a fresh nonce. A claim must
 * remember each nonce for its TTL, so a server holds (requests per second x TTL) entries, and inserting
 * into a large map costs what it costs whatever the verifier does.
 */
async function claimFloorRow(ms: number): Promise<Row> {
  const nonces = Array.from({ length: 500_000 }, (_, index) => index.toString(16).padStart(32, "0"));
  const perClaim = async (claim: (nonce: string) => unknown): Promise<number> => {
    let next = 0;
    return timePerCall(() => claim(nonces[next++ % nonces.length] as string), ms);
  };
  let store = new MemoryReplayStore({ maxEntries: 10_000_000, now: () => TEST_NOW_MS });
  let claims = 0;
  const ours = await perClaim((nonce) => {
    // A new store per pass over the nonces, so every claim is a first use.
    if (claims++ % nonces.length === 0) store = new MemoryReplayStore({ maxEntries: 10_000_000, now: () => TEST_NOW_MS });
    return store.claim("hmac:client-1", nonce, 600_000);
  });
  let map = new Map<string, number>();
  let inserts = 0;
  const floor = await perClaim((nonce) => {
    if (inserts++ % nonces.length === 0) map = new Map();
    return map.set(nonce, TEST_NOW_MS + 600_000);
  });
  return {
    benchmark: "memory replay store: one claim of a fresh nonce vs a bare Map insert (the floor)",
    ours: `${(ours * 1000).toFixed(0)} ns`,
    baseline: `${(floor * 1000).toFixed(0)} ns`,
    ratio: ours / floor,
    target: "(reference)",
    met: true,
  };
}
