/**
 * Issue 8, target 1: generating every output for GitHub's REST spec (x-hmac added) against
 * openapi-typescript alone on the same spec, each in its own process, alternating, best of N. Times are
 * whole processes, from start to exit, each loading only its own code.
 */
import { execFileSync } from "node:child_process";
import { githubSpecWithHmac } from "../test/support/github-spec.js";
import { compiled } from "./compiled.js";
import type { Row } from "./measure.js";

let childBundle: string | undefined;

function run(which: string, spec: string): { ms: number; maxRssMiB: number } {
  // Compiled once per run (compiled.ts): plain node, no tsx loader in any side's time or memory.
  childBundle ??= compiled("./generation-child.ts");
  const out = execFileSync(process.execPath, [childBundle, which, spec], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { ms: number; maxRssMiB: number };
}

export function generationRows(rounds: number, withOrval: boolean): Row[] {
  const spec = githubSpecWithHmac();
  const ours: Array<{ ms: number; maxRssMiB: number }> = [];
  const theirs: Array<{ ms: number; maxRssMiB: number }> = [];
  for (let i = 0; i < rounds; i++) {
    ours.push(run("ours", spec));
    theirs.push(run("openapi-typescript", spec));
  }
  const best = (list: typeof ours, key: "ms" | "maxRssMiB") => Math.min(...list.map((entry) => entry[key]));
  const [ourMs, theirMs, ourRss, theirRss] = [best(ours, "ms"), best(theirs, "ms"), best(ours, "maxRssMiB"), best(theirs, "maxRssMiB")];
  const rows: Row[] = [
    {
      benchmark: "generate all outputs, GitHub REST spec vs openapi-typescript alone",
      ours: `${(ourMs / 1000).toFixed(2)} s`,
      baseline: `${(theirMs / 1000).toFixed(2)} s`,
      ratio: ourMs / theirMs,
      target: "<= 1.3x",
      met: ourMs / theirMs <= 1.3,
    },
    {
      benchmark: "peak memory of that generation",
      ours: `${ourRss.toFixed(0)} MiB`,
      baseline: `${theirRss.toFixed(0)} MiB`,
      ratio: ourRss / theirRss,
      target: "< 1x",
      met: ourRss < theirRss,
    },
  ];
  if (withOrval) {
    // One orval run: it is the slow side by far, and its time dominates the whole benchmark.
    const orval = run("orval", spec);
    rows.push({
      benchmark: "generate all outputs, GitHub REST spec vs orval (fetch client + msw mocks)",
      ours: `${(ourMs / 1000).toFixed(2)} s`,
      baseline: `${(orval.ms / 1000).toFixed(2)} s`,
      ratio: ourMs / orval.ms,
      target: "<= 0.33x (3x faster)",
      met: ourMs / orval.ms <= 1 / 3,
    });
  }
  return rows;
}
