/** The value printer every table of the output goes through (ts-value.ts), and the line breaker after it (line-width.ts). */
import { describe, expect, it } from "vitest";
import { fitLines, wrapWords } from "../../src/emit/line-width.js";
import { inlineValue, PRINT_WIDTH, printEntry, printValue } from "../../src/emit/ts-value.js";

/** Evaluates a printed literal: the printer's output must be the value it was given. */
const evaluate = (text: string): unknown => new Function(`return (${text});`)();

describe("printValue", () => {
  it("prints bare identifier keys, quotes the rest, and keeps a short value on one line", () => {
    const value = { a: 1, "b-c": ["x", true, null], __proto__x: { d: [] }, e: {} };
    expect(inlineValue(value)).toBe('{ a: 1, "b-c": ["x", true, null], __proto__x: { d: [] }, e: {} }');
    expect(printValue(value, 0)).toBe(inlineValue(value));
  });

  it("leaves out undefined entries as JSON.stringify does, so the value equals its JSON form", () => {
    expect(inlineValue({ a: undefined, b: [undefined, 1] })).toBe("{ b: [null, 1] }");
  });

  it("breaks what does not fit into one entry per line, each again as short as fits, with trailing commas", () => {
    const value = { name: "x".repeat(50), list: ["sha256", "sha384"], nested: { words: "y".repeat(100) } };
    const printed = printValue(value, 2);
    expect(printed).toBe(
      [
        "{",
        `    name: "${"x".repeat(50)}",`,
        '    list: ["sha256", "sha384"],',
        "    nested: {",
        `      words: "${"y".repeat(100)}",`,
        "    },",
        "  }",
      ].join("\n"),
    );
    expect(evaluate(printed)).toEqual(value);
  });

  it("counts the column it starts at and the comma after it", () => {
    const fits = { k: "z".repeat(PRINT_WIDTH - 17) };
    // `  key: ` + value + `,` is exactly PRINT_WIDTH; one more key character breaks it.
    expect(`  key: ${inlineValue(fits)},`.length).toBe(PRINT_WIDTH);
    expect(printEntry("key", fits, 2)).toBe(`  key: ${inlineValue(fits)},`);
    expect(printEntry("key2", fits, 2)).toContain("\n");
  });

  it("round-trips a deep, wide value through evaluation with no line past the width", () => {
    const row = (index: number) => ({ id: `row-${index}`, tags: ["a", "b", "c"], deep: { level: { values: [index, index + 1] } } });
    const value = { rows: Array.from({ length: 30 }, (_, index) => row(index)), "weird key": '\u2028 and "quotes"' };
    const printed = printValue(value, 0);
    expect(evaluate(printed)).toEqual(value);
    expect(printed.split("\n").filter((line) => line.length > PRINT_WIDTH)).toEqual([]);
  });
});

describe("fitLines", () => {
  it("wraps a long one-line JSDoc into a block at its indentation", () => {
    const words = Array.from({ length: 40 }, (_, index) => `word${index}`).join(" ");
    const fitted = fitLines(`  /** ${words} */`);
    const lines = fitted.split("\n");
    expect(lines[0]).toBe("  /**");
    expect(lines.at(-1)).toBe("   */");
    expect(lines.every((line) => line.length <= PRINT_WIDTH)).toBe(true);
    expect(
      lines
        .slice(1, -1)
        .map((line) => line.replace(/^ {3}\* /, ""))
        .join(" "),
    ).toBe(words);
  });

  it("puts one name per line in a long import or export list, and leaves short lines alone", () => {
    const names = Array.from({ length: 12 }, (_, index) => `name${index}Value`);
    const fitted = fitLines(`export { ${names.join(", ")}, type Other } from "./x.js";\nconst short = 1;`);
    expect(fitted).toBe(
      ["export {", ...names.map((name) => `  ${name},`), "  type Other,", '} from "./x.js";', "const short = 1;"].join("\n"),
    );
  });

  it("gives a word longer than the width its own line", () => {
    expect(wrapWords(`a ${"b".repeat(30)} c`, 10)).toEqual(["a", "b".repeat(30), "c"]);
  });
});
