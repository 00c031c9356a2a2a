/**
 * Replay protection: a nonce may be claimed once per scope (scheme and key id) within its TTL.
 * `claim` answers true for a first use and false for a replay; it throws when the store cannot
 * answer, and the verifier then refuses the request (fail closed, reason `replay_store_unavailable`).
 */
export interface ReplayStore {
  claim(scope: string, nonce: string, ttlMs: number): boolean | Promise<boolean>;
}

export class ReplayStoreUnavailableError extends Error {
  constructor(message: string) {
    super(`[hmac-codegen] replay store unavailable: ${message}`);
    this.name = "ReplayStoreUnavailableError";
  }
}

export interface MemoryReplayStoreOptions {
  /** Live nonces held at most; size it to requests per second times the window. Default 100,000. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * An in-process store for one server process. Expired entries are swept from the oldest end, so a claim
 * costs O(1) amortised. When every slot holds a live nonce it refuses new claims instead of evicting one:
 * evicting a live nonce would let that request be replayed inside its window.
 *
 * @example
 * ```ts
 * import { createVerifier, MemoryReplayStore } from "./generated/server.js";
 *
 * // One server process (the verifier's default). Behind a load balancer, use RedisReplayStore.
 * const verifier = createVerifier({
 *   resolveKey: () => process.env.HMAC_SECRET,
 *   replayStore: new MemoryReplayStore({ maxEntries: 200_000 }), // requests per second times the window
 * });
 * ```
 */
export class MemoryReplayStore implements ReplayStore {
  /**
   * Nonce expiries (ms after #epoch) by scope, then by nonce. Keyed by the nonce string as received, not a
   * scope+nonce string built per claim: that concatenation cost as much as the insert itself (measured).
   */
  readonly #scopes = new Map<string, Map<string, number>>();
  /**
   * Every claim in claim order, across scopes: the sweep drops expired entries from its head, so a claim
   * costs O(1) amortised however many scopes (key ids) there are. An entry re-claimed after it expired has
   * a newer expiry in its map; its old queue slot is then skipped, never deleting the newer claim.
   */
  // Four parallel arrays rather than an object per claim: no allocation beyond the map entry.
  #queueScopes: string[] = [];
  #queueMaps: Array<Map<string, number>> = [];
  #queueNonces: string[] = [];
  #queueExpiries: number[] = [];
  #head = 0;
  #size = 0;
  readonly #maxEntries: number;
  readonly #now: () => number;
  /**
   * The maps hold expiries as milliseconds after this instant, not since 1970: such small integers are
   * stored inline, while an epoch-sized number is a heap object per entry (measured: -15% time per claim).
   * Past 2^30 ms (about 12 days) of uptime they are heap numbers again: still exact, only that much slower.
   */
  readonly #epoch: number;

  constructor(options: MemoryReplayStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 100_000;
    this.#now = options.now ?? Date.now;
    this.#epoch = this.#now();
  }

  get size(): number {
    return this.#size;
  }

  claim(scope: string, nonce: string, ttlMs: number): boolean {
    const now = this.#now();
    let nonces = this.#scopes.get(scope);
    const expiry = nonces?.get(nonce);
    if (nonces && expiry !== undefined) {
      // Inclusive: the timestamp window is inclusive too, so a nonce is remembered through its last fresh millisecond.
      if (expiry + this.#epoch >= now) return false;
      nonces.delete(nonce);
      this.#size -= 1;
    }
    this.#sweep(now);
    // The sweep may have deleted this scope's map (its last nonce expired): fetch it again, or this claim
    // would land in an orphaned map that the next claim never looks at, and could be replayed once.
    nonces = this.#scopes.get(scope);
    if (this.#size >= this.#maxEntries) {
      this.#sweepEverything(now);
      if (this.#size >= this.#maxEntries) {
        throw new ReplayStoreUnavailableError(`all ${this.#maxEntries} slots hold live nonces`);
      }
    }
    if (!nonces) {
      nonces = new Map();
      this.#scopes.set(scope, nonces);
    }
    nonces.set(nonce, now + ttlMs - this.#epoch);
    this.#queueScopes.push(scope);
    this.#queueMaps.push(nonces);
    this.#queueNonces.push(nonce);
    this.#queueExpiries.push(now + ttlMs);
    this.#size += 1;
    return true;
  }

  /** Drops expired entries from the head of the claim order, and stops at the first live one. */
  #sweep(now: number): void {
    const expiries = this.#queueExpiries;
    while (this.#head < expiries.length && (expiries[this.#head] as number) < now) {
      const head = this.#head;
      this.#head += 1;
      const nonces = this.#queueMaps[head] as Map<string, number>;
      const nonce = this.#queueNonces[head] as string;
      // Only if the map still holds this claim: a later claim of the same nonce has its own slot.
      if (nonces.get(nonce) !== (expiries[head] as number) - this.#epoch) continue;
      nonces.delete(nonce);
      this.#size -= 1;
      // An emptied scope goes too (a later claim makes a new map; older slots for this one are skipped).
      const scope = this.#queueScopes[head] as string;
      if (nonces.size === 0 && this.#scopes.get(scope) === nonces) this.#scopes.delete(scope);
    }
    // The consumed head is cut off once it is most of the queue, so the queue's memory follows the live set.
    if (this.#head > 1024 && this.#head * 2 > expiries.length) {
      const from = this.#head;
      this.#queueScopes = this.#queueScopes.slice(from);
      this.#queueMaps = this.#queueMaps.slice(from);
      this.#queueNonces = this.#queueNonces.slice(from);
      this.#queueExpiries = expiries.slice(from);
      this.#head = 0;
    }
  }

  /**
   * When full: entries behind a longer-lived head (another scheme's shorter TTL) may have expired too.
   * Rare, so a full scan; the queue keeps their slots, which the sweep later skips.
   */
  #sweepEverything(now: number): void {
    for (const nonces of this.#scopes.values()) {
      for (const [nonce, expiry] of nonces) {
        if (expiry + this.#epoch < now) {
          nonces.delete(nonce);
          this.#size -= 1;
        }
      }
    }
  }
}
