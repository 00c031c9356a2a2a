/**
 * The signature-keyed replay guard (`replay: signature`) of schemes without a nonce: through the
 * memory store, through one real redis-server shared by two verifiers with separate clients, and through
 * the node:http adapter on real sockets (the second identical request gets 401 replayed_signature).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import type { XHmacInput } from "../../src/scheme/input.js";
import { resolveScheme, type SecuritySchemeContext } from "../../src/scheme/resolve.js";
import { MemoryReplayStore, type ReplayStore, type SigningScheme, signRequest, verifyRequest } from "../../templates/runtime/index.js";
import { withNodeVerification } from "../../templates/server/node-http.js";
import { nodeRedisSetIfAbsent, RedisReplayStore } from "../../templates/server/redis-replay-store.js";
import { createSpecVerifier } from "../../templates/server/verifier.js";
import { type RedisServer, startRedis } from "../support/redis-server.js";

const SIGV4_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

function resolved(input: XHmacInput, context: Partial<SecuritySchemeContext> = {}): SigningScheme {
  const result = resolveScheme(input, { name: "guarded", pointer: "#", ...context });
  if (!result.scheme) throw new Error(JSON.stringify(result.issues));
  return result.scheme;
}

const djangoHmac = resolved(
  { preset: "django-hmac-authentication", replay: "signature" },
  { type: "apiKey", in: "header", parameterName: "Authorization" },
);
const djangoApiKey = resolved(
  { preset: "django-api-key", replay: "signature" },
  { type: "apiKey", in: "header", parameterName: "X-Signature" },
);
const sigv4 = resolved(
  { profile: "aws-sigv4", awsSigV4: { region: "us-east-1", service: "execute-api" }, replay: "signature" },
  { type: "apiKey", in: "header", parameterName: "Authorization" },
);

/** The signature guard a resolved scheme carries (RFC 9421 schemes have none). */
function guardOf(scheme: SigningScheme): { ttlSeconds: number } | undefined {
  return scheme.profile === "rfc9421" ? undefined : scheme.signatureReplay;
}

function secretOf(scheme: SigningScheme): string {
  return scheme.profile === "aws-sigv4" ? SIGV4_SECRET : TEST_SECRETS.base64;
}

async function signed(scheme: SigningScheme, url = "http://127.0.0.1/orders") {
  const result = await signRequest(
    scheme,
    { method: "GET", url },
    { keyId: TEST_KEY_ID, secret: secretOf(scheme) },
    { now: () => TEST_NOW_MS },
  );
  return { method: "GET", url: result.url, headers: result.headers };
}

const verify = (scheme: SigningScheme, request: Awaited<ReturnType<typeof signed>>, replayStore: ReplayStore, now = TEST_NOW_MS) =>
  verifyRequest(scheme, request, { resolveKey: () => secretOf(scheme), replayStore, now: () => now });

describe("resolve", () => {
  it("remembers a signature for the whole timestamp window", () => {
    expect(guardOf(djangoHmac)).toEqual({ ttlSeconds: 5 });
    expect(guardOf(djangoApiKey)).toEqual({ ttlSeconds: 600 });
    expect(guardOf(sigv4)).toEqual({ ttlSeconds: 1800 });
    expect(guardOf(resolved({ preset: "django-api-key" }, { type: "apiKey", in: "header", parameterName: "X-Signature" }))).toBeUndefined();
  });
  it("refuses a signature guard without a timestamp", () => {
    const result = resolveScheme(
      { timestamp: "none", nonce: "none", replay: "signature" },
      { name: "x", pointer: "#", type: "apiKey", in: "header", parameterName: "X-Signature" },
    );
    expect(result.issues.map((issue) => issue.code)).toContain("E_XHMAC_MISSING_PART");
  });
});

describe.each([
  ["django-hmac-authentication", djangoHmac],
  ["django-api-key", djangoApiKey],
  ["aws-sigv4", sigv4],
])("%s with the memory store", (_, scheme) => {
  it("accepts a signature once, and refuses its replay", async () => {
    const store = new MemoryReplayStore({ now: () => TEST_NOW_MS });
    const request = await signed(scheme);
    expect(await verify(scheme, request, store)).toMatchObject({ ok: true });
    expect(await verify(scheme, request, store)).toMatchObject({ ok: false, reason: "replayed_signature" });
    // A new signature (a later timestamp) is a new request.
    const later = await signRequest(
      scheme,
      { method: "GET", url: "http://127.0.0.1/orders" },
      { keyId: TEST_KEY_ID, secret: secretOf(scheme) },
      { now: () => TEST_NOW_MS + 1000 },
    );
    expect(await verify(scheme, { method: "GET", url: later.url, headers: later.headers }, store, TEST_NOW_MS + 1000)).toMatchObject({
      ok: true,
    });
  });
});

describe("shared through one real redis-server", () => {
  let redis: RedisServer;
  const clients: Array<ReturnType<typeof createClient>> = [];
  const servers: Server[] = [];
  const ports: number[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    for (let i = 0; i < 2; i += 1) {
      // Two verifier instances, each with its own Redis connection, as two processes behind a balancer have.
      const client = createClient({ url: redis.url, disableOfflineQueue: true });
      client.on("error", () => {});
      await client.connect();
      clients.push(client);
      const verifier = createSpecVerifier(
        { operations: { "GET /orders": [["guarded"]] }, hmacSchemes: { guarded: djangoHmac }, plainSchemes: {} },
        { resolveKey: () => TEST_SECRETS.base64, now: () => TEST_NOW_MS, replayStore: new RedisReplayStore(nodeRedisSetIfAbsent(client)) },
      );
      const server = createServer(
        withNodeVerification<IncomingMessage, ServerResponse>(verifier, (_req, res) => void res.writeHead(200).end("ok")),
      );
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      servers.push(server);
      ports.push((server.address() as AddressInfo).port);
    }
  }, 60_000);

  afterAll(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    for (const client of clients) await client.quit();
    await redis.stop();
  });

  it("refuses through the store a signature already claimed by another client", async () => {
    const [a, b] = clients;
    if (!a || !b) throw new Error("no clients");
    const request = await signed(sigv4);
    expect(await verify(sigv4, request, new RedisReplayStore(nodeRedisSetIfAbsent(a)))).toMatchObject({ ok: true });
    expect(await verify(sigv4, request, new RedisReplayStore(nodeRedisSetIfAbsent(b)))).toMatchObject({
      ok: false,
      reason: "replayed_signature",
    });
  });

  it("answers the second identical request 401 replayed_signature over node:http, on either server", async () => {
    const [a = 0, b = 0] = ports;
    const request = await signed(djangoHmac, "/orders");
    const send = async (port: number) => {
      const response = await fetch(`http://127.0.0.1:${port}/orders`, { headers: request.headers });
      const text = await response.text();
      return { status: response.status, reason: response.status === 200 ? undefined : (JSON.parse(text) as { reason?: string }).reason };
    };
    expect(await send(a)).toEqual({ status: 200, reason: undefined });
    expect(await send(b)).toEqual({ status: 401, reason: "replayed_signature" });
    expect(await send(a)).toEqual({ status: 401, reason: "replayed_signature" });
  });
});
