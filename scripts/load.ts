/**
 * `npm run load`: the full replay-store load run of issue 9 (30 s of signed load on two processes sharing
 * one redis-server, the cross-process replays, then a Redis outage under load). Prints the figures and
 * writes them to .tmp/robustness/load.json; exits 1 when any of the conditions fails.
 *
 *   npm run load -- [--seconds 30] [--connections 10]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { runLoad } from "../test/robustness/load/load-run.js";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "30" }, connections: { type: "string", default: "10" } } });
const figures = await runLoad({
  loadSeconds: Number(values.seconds),
  connections: Number(values.connections),
  outage: { before: 3, down: 4, after: 4 },
});
mkdirSync(".tmp/robustness", { recursive: true });
writeFileSync(".tmp/robustness/load.json", `${JSON.stringify(figures, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
const { load, replay, outage } = figures;
const ok =
  load.statuses["200"] === load.requests &&
  load.errors + load.timeouts === 0 &&
  replay.rejectedAsReplay === replay.tried &&
  replay.tried === load.requests &&
  Object.keys(outage.statusesDuring).join() === "503" &&
  Object.keys(outage.statusesAfterRecovery).join() === "200" &&
  outage.otherStatuses + outage.errors + outage.timeouts === 0;
process.stdout.write(ok ? "load: all conditions held\n" : "load: a condition failed\n");
process.exitCode = ok ? 0 : 1;
