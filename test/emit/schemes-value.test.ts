/**
 * schemes.ts is printed as TypeScript (bare keys, short arrays on one line), not JSON.stringify output: the
 * value a program imports from it must still be exactly the resolved scheme, for every example spec.
 */
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import { buildModel } from "../../src/spec/model.js";
import { EXAMPLE_SPECS } from "../support/generate-spec.js";
import { ROOT } from "../support/run-cli.js";

describe.each(EXAMPLE_SPECS)("%s", (spec) => {
  it("exports exactly the resolved schemes from its golden schemes.ts", async () => {
    const loaded = await loadSpec(join(ROOT, spec));
    const resolved = buildModel(loaded.document, loaded.locate).hmacSchemes;
    expect(resolved.length).toBeGreaterThan(0);
    const { schemes } = (await import(join(ROOT, "test/golden", basename(spec, ".yaml"), "schemes.ts"))) as { schemes: unknown };
    // By name, in the spec's order; strict: no key added, dropped or turned undefined, as the JSON form was.
    expect(Object.keys(schemes as object)).toEqual(resolved.map((scheme) => scheme.name));
    expect(schemes).toStrictEqual(Object.fromEntries(resolved.map((scheme) => [scheme.name, JSON.parse(JSON.stringify(scheme))])));
    expect(schemes).toEqual(Object.fromEntries(resolved.map((scheme) => [scheme.name, scheme])));
  });
});
