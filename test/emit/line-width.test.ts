/**
 * Printed output stays within 120 columns: every file the emitters print, in each committed golden
 * output and in generate() of every spec in specs/, the template copies included (templates/ is formatted
 * at 120 columns: biome.json's override). Not checked: schema.ts below its banner, which openapi-typescript prints from the spec's own descriptions; and vectors.json, whose long
 * lines are single JSON strings (signatures, strings to sign) that JSON cannot split.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GeneratedFile } from "../../src/emit/banner.js";
import { PRINT_WIDTH } from "../../src/emit/ts-value.js";
import { generateSpec } from "../support/generate-spec.js";
import { ROOT } from "../support/run-cli.js";

const isPrinted = (path: string): boolean => path.endsWith(".ts");

/** `path:line (length)` for each line past the width; schema.ts is checked down to the end of its banner. */
function longLines(file: GeneratedFile): string[] {
  const lines = file.contents.split("\n");
  const checked =
    file.path === "schema.ts"
      ? lines.slice(
          0,
          lines.findIndex((line) => !line.startsWith("//")),
        )
      : lines;
  return checked.flatMap((line, index) => (line.length > PRINT_WIDTH ? [`${file.path}:${index + 1} (${line.length})`] : []));
}

const specs = readdirSync(join(ROOT, "specs")).filter((name) => name.endsWith(".yaml"));
const goldens = readdirSync(join(ROOT, "test/golden"));

describe("no printed line is wider than 120 columns", () => {
  it("finds the specs and golden outputs it checks", () => {
    expect(specs.length).toBeGreaterThanOrEqual(8);
    expect(goldens.length).toBeGreaterThanOrEqual(8);
  });

  it.each(specs)("generate(%s)", async (spec) => {
    const files = (await generateSpec(join(ROOT, "specs", spec))).filter((file) => isPrinted(file.path));
    expect(files.map((file) => file.path)).toContain("client.ts");
    expect(files.flatMap(longLines)).toEqual([]);
  });

  it.each(goldens)("test/golden/%s", (golden) => {
    const dir = join(ROOT, "test/golden", golden);
    const paths = readdirSync(dir, { recursive: true, encoding: "utf8" }).map((path) => path.split("\\").join("/"));
    const files = paths.filter(isPrinted).map((path) => ({ path, contents: readFileSync(join(dir, path), "utf8") }));
    expect(files.map((file) => file.path)).toContain("schemes.ts");
    expect(files.flatMap(longLines)).toEqual([]);
  });
});
