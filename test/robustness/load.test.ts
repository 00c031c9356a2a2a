/**
 * The shared replay store under load (issue 9), short form for `npm test`: two verifier processes, one
 * redis-server, autocannon with validly signed unique requests for 5 s, every answered request replayed at
 * the other process, then redis-server killed and restarted under load. `npm run load` is the 30 s run.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/run-cli.js";
import { runLoad } from "./load/load-run.js";

describe("two server processes sharing one redis-server under load", () => {
  it("no false rejects, every cross-process replay refused, fails closed while Redis is down and recovers", async () => {
    const figures = await runLoad({ loadSeconds: 5, connections: 10, outage: { before: 2, down: 2, after: 2 } });
    mkdirSync(join(ROOT, ".tmp/robustness"), { recursive: true });
    writeFileSync(join(ROOT, ".tmp/robustness/load-short.json"), `${JSON.stringify(figures, null, 2)}\n`);

    expect(figures.load.requests).toBeGreaterThan(1000);
    expect(figures.load.statuses).toEqual({ 200: figures.load.requests });
    expect([figures.load.errors, figures.load.timeouts]).toEqual([0, 0]);

    expect(figures.replay.tried).toBe(figures.load.requests);
    expect(figures.replay.rejectedAsReplay).toBe(figures.replay.tried);
    expect(figures.replay.otherStatuses).toEqual({});

    const { outage } = figures;
    expect(Object.keys(outage.statusesBefore)).toEqual(["200"]);
    expect(Object.keys(outage.statusesDuring)).toEqual(["503"]);
    expect(Object.keys(outage.statusesAfterRecovery)).toEqual(["200"]);
    expect([outage.otherStatuses, outage.errors, outage.timeouts]).toEqual([0, 0, 0]);
    expect(outage.recoverySeconds).toBeLessThan(3);
    // Fail closed means refused promptly: the store's 300 ms claim timeout bounds every answer.
    expect(outage.slowestMs).toBeLessThan(2000);
  }, 90_000);
});
