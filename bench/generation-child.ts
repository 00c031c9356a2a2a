/**
 * One generation in a fresh process, so its peak memory (maxRSS) is its own: `ours` runs the whole
 * pipeline (load, model, every output), `openapi-typescript` runs openapiTS() and prints the types.
 * Prints {"ms": n, "maxRssMiB": n}.
 */
import { basename } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { generate } from "../src/generate.js";
import { loadSpec } from "../src/spec/load.js";
import { buildModel } from "../src/spec/model.js";

const [which = "ours", spec = ""] = process.argv.slice(2);
const start = performance.now();
if (which === "ours") {
  const loaded = await loadSpec(spec);
  await generate(buildModel(loaded.document, loaded.locate), { specName: basename(spec) });
} else {
  astToString(await openapiTS(new URL(`file://${spec}`), { silent: true }));
}
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
