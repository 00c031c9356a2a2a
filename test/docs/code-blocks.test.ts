/**
 * Every ```ts / ```typescript block of README.md and docs/ is a module a user could paste: it is written
 * beside real generated output (each `./generated/<name>/` it imports is specs/<name>.yaml, generated)
 * and type-checked with tsc under the strict user options every generated output is checked with, with
 * Node's types (the examples run on Node) and `hmac-codegen` resolved to this repository's src/index.ts.
 * A block opts out only as ```ts no-check: <reason>.
 */
import { execFileSync } from "node:child_process";
import { existsSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateSpec } from "../support/generate-spec.js";
import { type CodeBlock, codeBlocks, markdownFiles } from "../support/markdown.js";
import { ROOT } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";
import { USER_COMPILER_OPTIONS, writeOutput } from "../support/typecheck-output.js";

const TYPESCRIPT = new Set(["ts", "typescript"]);
const blocks = markdownFiles().flatMap(codeBlocks);
const typescript = blocks.filter((block) => TYPESCRIPT.has(block.language));
const optedOut = typescript.filter((block) => /^no-check\b/.test(block.flags));
const checked = typescript.filter((block) => !optedOut.includes(block));

const moduleName = (block: CodeBlock): string => `${block.file.replace(/\.md$/, "").replace(/[^\w]+/g, "-")}-line-${block.line}.ts`;

describe("TypeScript blocks in README.md and docs/", () => {
  it("are there to check, and opt out rarely, each with its reason", () => {
    expect(checked.length).toBeGreaterThanOrEqual(8);
    expect(optedOut.length).toBeLessThanOrEqual(2);
    for (const block of optedOut) expect(block.flags, `${block.file}:${block.line}`).toMatch(/^no-check:\s*\S.{10,}/);
  });

  it("type-check under strict against real generated output", async () => {
    const dir = tempDir();
    const specs = new Set(checked.flatMap((block) => [...block.code.matchAll(/["']\.\/generated\/([\w-]+)\//g)].map((m) => m[1] ?? "")));
    for (const name of specs) {
      expect(existsSync(join(ROOT, "specs", `${name}.yaml`)), `./generated/${name}/ names no spec in specs/`).toBe(true);
      writeOutput(join(dir, "generated", name), await generateSpec(`specs/${name}.yaml`));
    }
    const sources = new Map<string, CodeBlock>();
    for (const block of checked) {
      sources.set(moduleName(block), block);
      // Each block is its own module (top-level await, no names shared between blocks).
      writeFileSync(join(dir, moduleName(block)), `${block.code}\nexport {};\n`);
    }
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          ...USER_COMPILER_OPTIONS,
          // The generated output must compile under it; an app's own code (process.env.SECRET) need not.
          noPropertyAccessFromIndexSignature: false,
          lib: ["ES2023", "DOM"],
          types: ["node"],
          noEmit: true,
          paths: { "hmac-codegen": [join(ROOT, "src/index.ts")] },
        },
        files: [...sources.keys()],
      }),
    );
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    let output = "";
    try {
      execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", dir], {
        cwd: dir,
        encoding: "utf8",
        maxBuffer: 1 << 26,
      });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    // Name the Markdown line: "README-line-80.ts(3,5)" is README.md, block at line 80, its line 3.
    const located = output.replace(/^\S*?([\w-]+-line-\d+\.ts)\((\d+),(\d+)\)/gm, (whole, file: string, line: string) => {
      const block = sources.get(file);
      return block ? `${block.file}:${block.line + Number(line)}` : whole;
    });
    expect(located).toBe("");
  }, 180_000);
});
