/**
 * Issue 8, targets 2 and 3: signing and verifying a request against a bare node:crypto HMAC-SHA256 over the
 * same string to sign plus the body hash, measured in the same run (ratios, since absolute times are noisy).
 */
import { createHash, createHmac } from "node:crypto";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../src/emit/test-credentials.js";
import type { RequestDescription } from "../templates/runtime/types.js";
import { presetScheme } from "../test/support/preset-scheme.js";
import { type Row, timePerCall } from "./measure.js";
import { runtime } from "./runtime.js";

const { defaultCryptoProvider, MemoryReplayStore, signRequest, verifyRequest } = runtime;

const scheme = presetScheme("nextcloud-drf", "hmac");
const secret = TEST_SECRETS.base64;
const key = Buffer.from(secret, "base64");

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
    // With a replay store, every call needs a fresh nonce: sign ahead of time.
    const store = new MemoryReplayStore({ maxEntries: 10_000_000 });
    const fresh = await Promise.all(
      Array.from({ length: 2000 }, async () => {
        const s = await signRequest(scheme, request, { keyId: TEST_KEY_ID, secret }, { now: () => TEST_NOW_MS, nonce });
        return { ...request, url: s.url, headers: { ...request.headers, ...s.headers } };
      }),
    );
    // Same requests, same order, with and without the store: only the claim differs.
    let next = 0;
    const verifyFresh = await timePerCall(
      () => verifyRequest(scheme, fresh[next++ % fresh.length] as RequestDescription, verifyOptions),
      Math.min(ms, 200),
    );
    // Each pass over the 2,000 requests claims in a new scope, so every claim is a first use and does
    // the store's real work (the scope prefix is the only addition).
    let claimed = 0;
    const everyClaimFresh = {
      claim: (scope: string, nonce: string, ttlMs: number) => store.claim(`${Math.floor(claimed / fresh.length)}:${scope}`, nonce, ttlMs),
    };
    const verifyWithStore = await timePerCall(
      () => {
        const request = fresh[claimed % fresh.length] as RequestDescription;
        const result = verifyRequest(scheme, request, { ...verifyOptions, replayStore: everyClaimFresh });
        claimed += 1;
        return result;
      },
      Math.min(ms, 200),
    );
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
  }
  return rows;
}
