/**
 * Every non-test file under templates/ is copied verbatim into users' generated output, so its comments
 * must speak to those users: cite RFCs, libraries and the README's preset names, never this repository's
 * internal documents (seed write-ups, issues, DESIGN/STYLE sections, reviews, decision records, bench/),
 * nor its folders and test files, which the output does not hold.
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
  /\bissues?\b/i,
  /\bDESIGN\b/,
  /\bSTYLE \d/,
  /\breview\b/i,
  /\bdecisions? \d/i,
  /\bADR\b/,
  /docs\/decisions/,
  /\bbench\//,
  // This repository's folders and test files, which the generated output does not hold.
  /(^|[\s(`'"])(src|test|scripts|docs)\//,
  /\.test(-d|-support)?\.ts\b/,
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

  it.each([
    "// the fix for the issue the fuzzer found",
    "// see DESIGN §3",
    "// per decision 0007",
    "// ADR 12 chose this",
    "// found in review R-4",
    "// built by src/emit/emit-profiles.ts",
    "// (test/support/preset-scheme.ts)",
    "// crypto-provider.test.ts checks that",
  ])("flags %j", (line) => {
    expect(internalReferences("x.ts", line)).toEqual([`x.ts:1: ${line}`]);
  });

  it.each([
    "// RFC 9421 §2.5, OpenAPI 3.1 §4.8.30",
    "// `/docs/a%2Fb` and `/docs/a/b` carry one signature",
    "// other issuers' key ids fit",
    "// the nextcloud-drf preset (README)",
  ])("lets %j through", (line) => {
    expect(internalReferences("x.ts", line)).toEqual([]);
  });

  it("name no internal document", () => {
    const found = shippedTemplateFiles().flatMap((file) => internalReferences(relative(ROOT, file), readFileSync(file, "utf8")));
    expect(found).toEqual([]);
  });
});
