/**
 * Spec text is data, never code: the escape helpers, and a spec whose every text field carries comment
 * terminators, line breaks (U+2028 too), quotes, backticks and `${` generates files whose top level holds
 * declarations only, so importing them runs nothing the spec wrote.
 */
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { commentText, lineCommentText, propertyKey, stringLiteral } from "../../src/emit/escape.js";
import { generate } from "../../src/generate.js";
import { buildModel } from "../../src/spec/model.js";
import { baseSpec } from "../robustness/support/hostile-specs.js";

// biome-ignore lint/suspicious/noTemplateCurlyInString: a literal `${` is the hostile text under test
const HOSTILE = "x */ globalThis.pwned = 1; /** \n globalThis.pwned = 2; \u2028 globalThis.pwned = 3; ` ${1} \" ' </script>";

/** Parses `text` and returns the kinds of every top-level statement that is not a declaration. */
function topLevelCode(text: string): string[] {
  const file = ts.createSourceFile("out.ts", text, ts.ScriptTarget.ES2022, true);
  const allowed = new Set([
    ts.SyntaxKind.ImportDeclaration,
    ts.SyntaxKind.ExportDeclaration,
    ts.SyntaxKind.FunctionDeclaration,
    ts.SyntaxKind.InterfaceDeclaration,
    ts.SyntaxKind.TypeAliasDeclaration,
    ts.SyntaxKind.VariableStatement,
    ts.SyntaxKind.ClassDeclaration,
    ts.SyntaxKind.EnumDeclaration,
    ts.SyntaxKind.ModuleDeclaration,
  ]);
  return file.statements.filter((s) => !allowed.has(s.kind)).map((s) => s.getText());
}

describe("escape helpers", () => {
  it("commentText cannot close a block comment or break a line", () => {
    const out = commentText("a */ b \n c \r\n d \u2028 e \u2029 f");
    expect(out).not.toContain("*/");
    expect(out).not.toMatch(/[\n\r\u2028\u2029]/);
  });
  it("lineCommentText stays on one line", () => {
    expect(lineCommentText("a\nb\u2028c\rd")).toBe("a b c d");
  });
  it("stringLiteral round-trips and escapes line separators", () => {
    const text = `q"'\`\${x}\u2028\u2029\n</script>`;
    const literal = stringLiteral(text);
    expect(literal).not.toMatch(/[\u2028\u2029\n]/);
    expect(JSON.parse(literal)).toBe(text);
  });
  it("propertyKey is bare only for identifiers", () => {
    expect(propertyKey("ok_1")).toBe("ok_1");
    expect(propertyKey("a b")).toBe('"a b"');
    expect(propertyKey("__proto__")).toBe('["__proto__"]');
    // The printed key makes an own property, not a prototype: a table entry like any other.
    const table = new Function(`return { ${propertyKey("__proto__")}: 1, ${propertyKey("toString")}: 2 };`)() as object;
    expect(Object.keys(table)).toEqual(["__proto__", "toString"]);
    expect(Object.getPrototypeOf(table)).toBe(Object.prototype);
  });
});

describe("hostile spec text", () => {
  it("lands in comments and literals only, never as top-level code", async () => {
    const spec = baseSpec({ info: { title: HOSTILE, version: HOSTILE, description: HOSTILE } });
    const files = await generate(
      buildModel(spec, () => undefined),
      { specName: HOSTILE },
    );
    const plain = await generate(
      buildModel(baseSpec(), () => undefined),
      { specName: "api.yaml" },
    );
    // The templates' own top-level statements (a lookup table's fill loop) are the same for any spec.
    const code = (list: typeof files) =>
      list.filter((f) => f.path.endsWith(".ts")).flatMap((f) => topLevelCode(f.contents).map((c) => `${f.path}: ${c}`));
    expect(code(files)).toEqual(code(plain));
  });
});
