/**
 * One generation in a fresh process, so its peak memory (maxRSS) is its own: `ours` runs the whole
 * pipeline (load, model, every output), `openapi-typescript` runs openapiTS() and prints the types,
 * `orval` writes its fetch client and msw mocks into a temporary folder.
 * Prints {"ms": n, "maxRssMiB": n}.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { generate as orval } from "orval";
import { generate } from "../src/generate.js";
import { loadSpec } from "../src/spec/load.js";
import { buildModel } from "../src/spec/model.js";

const [which = "ours", spec = ""] = process.argv.slice(2);
const start = performance.now();
if (which === "ours") {
  const loaded = await loadSpec(spec);
  await generate(buildModel(loaded.document, loaded.locate), { specName: basename(spec) });
} else if (which === "orval") {
  // orval's fetch client with its msw mocks: the closest peer output (client + mocks) it generates.
  const out = mkdtempSync(join(tmpdir(), "orval-bench-"));
  await orval({ input: { target: spec }, output: { target: join(out, "client.ts"), client: "fetch", mock: true } });
  rmSync(out, { recursive: true, force: true });
} else {
  astToString(await openapiTS(new URL(`file://${spec}`), { silent: true }));
}
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
