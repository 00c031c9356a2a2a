/**
 * Every non-test file under templates/ is copied verbatim into users' generated output, so its comments
 * must speak to those users: cite RFCs, libraries and the README's preset names, never this repository's
 * internal documents (seed write-ups, issues, DESIGN/STYLE sections, reviews, decision records, bench/).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { isTestOnlyTemplate } from "../../src/emit/template-folders.js";
import { ROOT } from "../support/run-cli.js";

const TEMPLATES = join(ROOT, "templates");

/** Phrases that point at documents a user of the generated code does not have. */
const INTERNAL_REFERENCES: readonly RegExp[] = [
  /\bseeds?\b/i,
  /\bissues? #?\d+/i,
  /\bDESIGN\b/,
  /\bSTYLE \d/,
  /\breview\b/i,
  /\bdecisions? \d/i,
  /docs\/decisions/,
  /\bbench\//,
];

function shippedTemplateFiles(): string[] {
  return readdirSync(TEMPLATES, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !isTestOnlyTemplate(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** `path:line: text` for each line that names an internal document. */
function internalReferences(path: string, text: string): string[] {
  const found: string[] = [];
  text.split("\n").forEach((line, index) => {
    if (INTERNAL_REFERENCES.some((pattern) => pattern.test(line))) found.push(`${path}:${index + 1}: ${line.trim()}`);
  });
  return found;
}

describe("shipped template comments", () => {
  it("finds the shipped files", () => {
    expect(shippedTemplateFiles().length).toBeGreaterThan(20);
  });

  it("flags an internal reference", () => {
    expect(internalReferences("x.ts", "// as seed 004 does (issue 8)\n// RFC 9421 §2.5")).toEqual([
      "x.ts:1: // as seed 004 does (issue 8)",
    ]);
  });

  it("name no internal document", () => {
    const found = shippedTemplateFiles().flatMap((file) => internalReferences(relative(ROOT, file), readFileSync(file, "utf8")));
    expect(found).toEqual([]);
  });
});
