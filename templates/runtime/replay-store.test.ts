/** MemoryReplayStore: nonces per scope for their TTL, inclusive expiry, and a refusal (never an eviction) when full. */
import { describe, expect, it } from "vitest";
import { MemoryReplayStore, ReplayStoreUnavailableError } from "./replay-store.js";

describe("MemoryReplayStore", () => {
  it("remembers a nonce per scope until its TTL has passed", () => {
    let clock = 1000;
    const store = new MemoryReplayStore({ now: () => clock });
    expect(store.claim("s:k", "n1", 500)).toBe(true);
    expect(store.claim("s:k", "n1", 500)).toBe(false);
    expect(store.claim("s:other", "n1", 500)).toBe(true);
    clock = 1500; // the last millisecond of the TTL still counts (inclusive, like the timestamp window)
    expect(store.claim("s:k", "n1", 500)).toBe(false);
    clock = 1501;
    expect(store.claim("s:k", "n1", 500)).toBe(true);
    expect(store.claim("s:k", "n1", 500)).toBe(false);
  });

  it("refuses (throws) when full of live nonces instead of evicting one, and accepts again after expiry", () => {
    let clock = 0;
    const store = new MemoryReplayStore({ maxEntries: 2, now: () => clock });
    expect(store.claim("s", "a", 1000)).toBe(true);
    expect(store.claim("s", "b", 2000)).toBe(true);
    expect(() => store.claim("s", "c", 1000)).toThrow(ReplayStoreUnavailableError);
    expect(store.size).toBe(2);
    // Replays of the live nonces are still recognised while full.
    expect(store.claim("s", "a", 1000)).toBe(false);
    clock = 1000;
    expect(() => store.claim("s", "c", 1000)).toThrow(ReplayStoreUnavailableError);
    clock = 1001; // "a" has expired
    expect(store.claim("s", "c", 1000)).toBe(true);
    expect(store.claim("s", "c", 1000)).toBe(false);
    expect(store.claim("s", "b", 1000)).toBe(false);
    expect(() => store.claim("s", "d", 1000)).toThrow(ReplayStoreUnavailableError);
    clock = 5000;
    expect(store.claim("s", "d", 1000)).toBe(true);
    expect(store.size).toBe(1);
  });

  it("sweeps expired entries even when a longer-lived one is older", () => {
    let clock = 0;
    const store = new MemoryReplayStore({ maxEntries: 2, now: () => clock });
    expect(store.claim("s", "long", 10_000)).toBe(true);
    expect(store.claim("s", "short", 10)).toBe(true);
    clock = 20;
    expect(store.claim("s", "next", 10)).toBe(true);
    expect(store.size).toBe(2);
  });

  it("drops expired nonces as time passes, though claims skip the sweep until the oldest expires", () => {
    let clock = 0;
    const store = new MemoryReplayStore({ now: () => clock });
    for (let i = 0; i < 100; i++) expect(store.claim("s", `n${i}`, 10)).toBe(true);
    expect(store.size).toBe(100);
    clock = 10; // the oldest is still live (inclusive): nothing to drop
    expect(store.claim("s", "m", 10)).toBe(true);
    expect(store.size).toBe(101);
    clock = 11;
    expect(store.claim("s", "later", 10)).toBe(true);
    expect(store.size).toBe(2);
    expect(store.claim("s", "m", 10)).toBe(false);
    expect(store.claim("s", "n0", 10)).toBe(true);
  });

  it("a nonce claimed again after it expired stays refused for its new TTL (its old slot is skipped, not swept)", () => {
    let clock = 0;
    const store = new MemoryReplayStore({ now: () => clock });
    expect(store.claim("s", "n", 10)).toBe(true);
    clock = 11;
    expect(store.claim("s", "n", 10)).toBe(true);
    clock = 15; // the first claim's slot is swept here: it must not take the second claim with it
    expect(store.claim("s", "other", 10)).toBe(true);
    expect(store.claim("s", "n", 10)).toBe(false);
    expect(store.size).toBe(2);
  });

  it("counts and sweeps every scope: a scope's expired nonces go, another's live ones stay refused", () => {
    let clock = 0;
    const store = new MemoryReplayStore({ maxEntries: 3, now: () => clock });
    expect(store.claim("a", "x", 10)).toBe(true);
    expect(store.claim("b", "x", 100)).toBe(true);
    expect(store.claim("b", "y", 100)).toBe(true);
    expect(() => store.claim("c", "z", 10)).toThrow(ReplayStoreUnavailableError);
    clock = 11; // "a" has emptied: its slot is free again, "b" keeps both
    expect(store.claim("c", "z", 10)).toBe(true);
    expect(store.size).toBe(3);
    expect(store.claim("b", "x", 100)).toBe(false);
    // Full of live nonces again: a's expired nonce may be used again, but there is no slot for it.
    expect(() => store.claim("a", "x", 10)).toThrow(ReplayStoreUnavailableError);
    clock = 22;
    expect(store.claim("a", "x", 10)).toBe(true);
  });
});
