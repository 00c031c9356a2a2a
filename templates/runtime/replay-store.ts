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
 */
export class MemoryReplayStore implements ReplayStore {
  readonly #expiries = new Map<string, number>();
  readonly #maxEntries: number;
  readonly #now: () => number;
  /** No entry expires before this: until then a claim skips the sweep (and its iterator) entirely. */
  #earliestExpiry = Number.POSITIVE_INFINITY;

  constructor(options: MemoryReplayStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 100_000;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#expiries.size;
  }

  claim(scope: string, nonce: string, ttlMs: number): boolean {
    const now = this.#now();
    const key = `${scope}\u0000${nonce}`;
    const expiry = this.#expiries.get(key);
    // Inclusive: the timestamp window is inclusive too, so a nonce is remembered through its last fresh millisecond.
    if (expiry !== undefined) {
      if (expiry >= now) return false;
      this.#expiries.delete(key);
    }
    if (now > this.#earliestExpiry) this.#sweep(now, false);
    if (this.#expiries.size >= this.#maxEntries) {
      this.#sweep(now, true);
      if (this.#expiries.size >= this.#maxEntries) {
        throw new ReplayStoreUnavailableError(`all ${this.#maxEntries} slots hold live nonces`);
      }
    }
    this.#expiries.set(key, now + ttlMs);
    if (now + ttlMs < this.#earliestExpiry) this.#earliestExpiry = now + ttlMs;
    return true;
  }

  /** Drops expired entries from the oldest end; `full` scans everything (TTLs may differ by scheme). */
  #sweep(now: number, full: boolean): void {
    let earliest = Number.POSITIVE_INFINITY;
    for (const [key, expiry] of this.#expiries) {
      if (expiry < now) {
        this.#expiries.delete(key);
        continue;
      }
      if (expiry < earliest) earliest = expiry;
      if (!full) break;
    }
    // The oldest live entry bounds the next sweep. An entry behind it with a shorter TTL (another scheme's)
    // may expire first and wait for that sweep, as before: its expiry check in claim already lets its
    // nonce through, so only its memory waits, and a full store sweeps everything.
    this.#earliestExpiry = earliest;
  }
}
