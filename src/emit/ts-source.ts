/**
 * The one place ts-morph lives (DESIGN §2, STYLE 6): emitters describe a file as structures, this prints
 * it once, formats it once (2 spaces, like the templates), breaks lines past 120 columns (line-width.ts), puts
 * the banner on top and guards the raw output.
 */

import { IndentationText, Project, QuoteKind, type SourceFile } from "ts-morph";
import { propertyKey } from "./escape.js";
import { fitLines } from "./line-width.js";
import { inlineValue } from "./ts-value.js";

let project: Project | undefined;
let fileCount = 0;

function sharedProject(): Project {
  project ??= new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double, useTrailingCommas: true },
  });
  return project;
}

/**
 * `raw(text)` stands in for a large, already formatted initializer (a table of a thousand rows): ts-morph
 * gets a placeholder identifier and the text is put back after formatting, which would otherwise spend
 * about a second re-indenting GitHub's 2 MB of mock data it cannot change.
 */
export function printTs(banner: string, build: (file: SourceFile, raw: (text: string) => string) => void): string {
  // A fresh file name each time: reusing one name with `overwrite` corrupts ts-morph's cached tree.
  fileCount += 1;
  const file = sharedProject().createSourceFile(`/emit-${fileCount}.ts`, "");
  const raws: string[] = [];
  try {
    build(file, (text) => `__hmacCodegenRaw${raws.push(text) - 1}__`);
    file.formatText({ indentSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
    const text = fitLines(file.getFullText())
      .replace(/\n{3,}/g, "\n\n")
      .replace(/__hmacCodegenRaw(\d+)__/g, (_, index: string) => raws[Number(index)] ?? "");
    return `${banner}${text}`;
  } finally {
    file.forget();
  }
}

/** A property name as written in an object literal or interface: bare when it is an identifier. */
export function propertyName(name: string): string {
  return propertyKey(name);
}

/** A JSON-like value as a TypeScript literal on one line, bare property names where they are identifiers (ts-value.ts). */
export function tsLiteral(value: unknown): string {
  return inlineValue(value);
}
