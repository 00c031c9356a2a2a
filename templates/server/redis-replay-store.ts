/**
 * A replay store shared by every server process behind a load balancer: one Redis `SET key 1 NX PX ttl`
 * per claim (atomic: exactly one process wins a nonce). Any failure, and any answer slower than
 * `timeoutMs`, throws ReplayStoreUnavailableError, so the verifier refuses with 503: fail closed, never
 * open. Clients are typed structurally; node-redis 4/5 and ioredis 5 fit the two factories below.
 * A claim that times out may still land in Redis later, so a client retries a 503 with a new signature
 * (a new nonce), never by resending the same signed request.
 */
import { type ReplayStore, ReplayStoreUnavailableError } from "../runtime/index.js";

/** Sets `key` with a TTL only if it is absent; true when it was set. */
export type SetIfAbsent = (key: string, ttlMs: number) => Promise<boolean>;

export interface RedisReplayStoreOptions {
  /** Key prefix, so nonces do not collide with other data. Default `hmac-nonce:`. */
  prefix?: string;
  /**
   * How long a claim may take before the request is refused. Default 500 ms. node-redis queues commands
   * while disconnected; without a timeout a Redis outage would hang every request instead of failing it.
   */
  timeoutMs?: number;
}

/**
 * A ReplayStore in Redis, shared by every server process behind a load balancer: a nonce is claimed with
 * one `SET key 1 NX PX ttl`, and a Redis that fails or answers late refuses the request (503), never lets
 * it through. `setIfAbsent` adapts the client: nodeRedisSetIfAbsent (node-redis 5) or ioRedisSetIfAbsent.
 *
 * @example
 * ```ts
 * import { createClient } from "redis";
 * import { createVerifier, nodeRedisSetIfAbsent, RedisReplayStore } from "./generated/server.js";
 *
 * const redis = await createClient({ url: "redis://127.0.0.1:6379", disableOfflineQueue: true }).connect();
 * const verifier = createVerifier({
 *   resolveKey: () => process.env.HMAC_SECRET,
 *   replayStore: new RedisReplayStore(nodeRedisSetIfAbsent(redis), { prefix: "weather:nonce:", timeoutMs: 250 }),
 * });
 * ```
 */
export class RedisReplayStore implements ReplayStore {
  readonly #setIfAbsent: SetIfAbsent;
  readonly #prefix: string;
  readonly #timeoutMs: number;

  constructor(setIfAbsent: SetIfAbsent, options: RedisReplayStoreOptions = {}) {
    this.#setIfAbsent = setIfAbsent;
    this.#prefix = options.prefix ?? "hmac-nonce:";
    this.#timeoutMs = options.timeoutMs ?? 500;
  }

  async claim(scope: string, nonce: string, ttlMs: number): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ReplayStoreUnavailableError(`no answer from Redis within ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      );
    });
    try {
      return await Promise.race([
        this.#setIfAbsent(`${this.#prefix}${scope}:${nonce}`, Math.max(1, Math.ceil(ttlMs))),
        timeout,
      ]);
    } catch (error) {
      if (error instanceof ReplayStoreUnavailableError) throw error;
      // The client's message only (a connection error); never the key, which holds the nonce.
      throw new ReplayStoreUnavailableError(error instanceof Error ? error.name : "Redis error");
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * node-redis 5 (`createClient` from "redis"): `SET key 1 NX PX ttl` answers "OK" or null.
 *
 * @param client - a connected node-redis 5 client; create it with `disableOfflineQueue: true`.
 * @returns the setIfAbsent a RedisReplayStore takes.
 *
 * @example
 * ```ts
 * import { createClient } from "redis";
 * import { nodeRedisSetIfAbsent, RedisReplayStore } from "./generated/server.js";
 *
 * const redis = await createClient({ disableOfflineQueue: true }).connect();
 * const replayStore = new RedisReplayStore(nodeRedisSetIfAbsent(redis));
 * // createVerifier({ resolveKey, replayStore }) in every process
 * ```
 */
export function nodeRedisSetIfAbsent(client: {
  set(
    key: string,
    value: string,
    options: { condition: "NX"; expiration: { type: "PX"; value: number } },
  ): Promise<unknown>;
}): SetIfAbsent {
  return async (key, ttlMs) =>
    (await client.set(key, "1", { condition: "NX", expiration: { type: "PX", value: ttlMs } })) === "OK";
}

/**
 * ioredis 5: `set(key, "1", "PX", ttl, "NX")` answers "OK" or null.
 *
 * @param client - an ioredis 5 client.
 * @returns the setIfAbsent a RedisReplayStore takes.
 *
 * @example
 * ```ts
 * import { Redis } from "ioredis";
 * import { ioRedisSetIfAbsent, RedisReplayStore } from "./generated/server.js";
 *
 * const redis = new Redis("redis://127.0.0.1:6379", { enableOfflineQueue: false });
 * const replayStore = new RedisReplayStore(ioRedisSetIfAbsent(redis));
 * // createVerifier({ resolveKey, replayStore }) in every process
 * ```
 */
export function ioRedisSetIfAbsent(client: {
  set(key: string, value: string, px: "PX", ttlMs: number, nx: "NX"): Promise<unknown>;
}): SetIfAbsent {
  return async (key, ttlMs) => (await client.set(key, "1", "PX", ttlMs, "NX")) === "OK";
}
