/**
 * One generation in a fresh process, so its peak memory (maxRSS) is its own: `ours` runs the whole
 * pipeline (load, model, every output), `openapi-typescript` runs openapiTS() and prints the types,
 * `orval` writes its fetch client and msw mocks into a temporary folder. Each side imports only its own
 * code, and the time is the whole process's, from its start (what a build step waits for): the benchmark
 * runs this file bundled (compiled.ts), so our generator runs compiled, as the published package does.
 * Prints {"ms": n, "maxRssMiB": n}.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

const [which = "ours", spec = ""] = process.argv.slice(2);
if (which === "ours") {
  const { loadSpec } = await import("../src/spec/load.js");
  const { buildModel } = await import("../src/spec/model.js");
  const { generate } = await import("../src/generate.js");
  const loaded = await loadSpec(spec);
  await generate(buildModel(loaded.document, loaded.locate), { specName: basename(spec) });
} else if (which === "orval") {
  // orval's fetch client with its msw mocks: the closest peer output (client + mocks) it generates.
  const { generate: orval } = await import("orval");
  const out = mkdtempSync(join(tmpdir(), "orval-bench-"));
  await orval({ input: { target: spec }, output: { target: join(out, "client.ts"), client: "fetch", mock: true } });
  rmSync(out, { recursive: true, force: true });
} else {
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  astToString(await openapiTS(new URL(`file://${spec}`), { silent: true }));
}
// performance.now() counts from the process's start: node's own start-up is the same for every side.
process.stdout.write(`${JSON.stringify({ ms: performance.now(), maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
