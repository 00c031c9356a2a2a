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
  /**
   * Nonce expiries by scope, then by nonce. Keyed by the nonce string as received, not a scope+nonce
   * string built per claim: that concatenation cost as much as the insert itself (issue 8, bench/signing).
   */
  readonly #scopes = new Map<string, Map<string, number>>();
  #size = 0;
  readonly #maxEntries: number;
  readonly #now: () => number;
  /** No entry expires before this: until then a claim skips the sweep (and its iterators) entirely. */
  #earliestExpiry = Number.POSITIVE_INFINITY;

  constructor(options: MemoryReplayStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 100_000;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#size;
  }

  claim(scope: string, nonce: string, ttlMs: number): boolean {
    const now = this.#now();
    const known = this.#scopes.get(scope);
    const expiry = known?.get(nonce);
    if (known && expiry !== undefined) {
      // Inclusive: the timestamp window is inclusive too, so a nonce is remembered through its last fresh millisecond.
      if (expiry >= now) return false;
      known.delete(nonce);
      this.#size -= 1;
    }
    if (now > this.#earliestExpiry) this.#sweep(now, false);
    if (this.#size >= this.#maxEntries) {
      this.#sweep(now, true);
      if (this.#size >= this.#maxEntries) {
        throw new ReplayStoreUnavailableError(`all ${this.#maxEntries} slots hold live nonces`);
      }
    }
    // Looked up again: a sweep drops a scope it emptied.
    let nonces = this.#scopes.get(scope);
    if (!nonces) {
      nonces = new Map();
      this.#scopes.set(scope, nonces);
    }
    nonces.set(nonce, now + ttlMs);
    this.#size += 1;
    if (now + ttlMs < this.#earliestExpiry) this.#earliestExpiry = now + ttlMs;
    return true;
  }

  /** Drops expired entries from each scope's oldest end; `full` scans everything (TTLs may differ by scheme). */
  #sweep(now: number, full: boolean): void {
    let earliest = Number.POSITIVE_INFINITY;
    for (const [scope, nonces] of this.#scopes) {
      for (const [nonce, expiry] of nonces) {
        if (expiry < now) {
          nonces.delete(nonce);
          this.#size -= 1;
          continue;
        }
        if (expiry < earliest) earliest = expiry;
        if (!full) break;
      }
      if (nonces.size === 0) this.#scopes.delete(scope);
    }
    // The oldest live entry of each scope bounds the next sweep. An entry behind it with a shorter TTL
    // (another scheme's) may expire first and wait for a later sweep: its expiry check in claim already
    // lets its nonce through, so only its memory waits, and a full store sweeps everything.
    this.#earliestExpiry = earliest;
  }
}
