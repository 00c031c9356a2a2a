import { describe, expect, it } from "vitest";
import { MemoryReplayStore } from "../../templates/runtime/replay-store.js";

describe("MemoryReplayStore with an injected clock", () => {
  it("remembers the first nonce claimed after every nonce of its scope expired", () => {
    let clock = 1_000_000;
    const store = new MemoryReplayStore({ now: () => clock });
    expect(store.claim("s:key-a", "n1", 1000)).toBe(true);
    clock += 5000; // n1 expired: the next claim's sweep empties, and deletes, the scope's map
    expect(store.claim("s:key-a", "n2", 1000)).toBe(true);
    expect(store.claim("s:key-a", "n2", 1000)).toBe(false);
    expect(store.size).toBe(1);
  });

  it("keeps refusing a replay across many expiry cycles of one scope", () => {
    let clock = 0;
    const store = new MemoryReplayStore({ now: () => clock });
    for (let round = 0; round < 50; round += 1) {
      expect(store.claim("s:k", `n${round}`, 10)).toBe(true);
      expect(store.claim("s:k", `n${round}`, 10)).toBe(false);
      clock += 100;
    }
  });
});
