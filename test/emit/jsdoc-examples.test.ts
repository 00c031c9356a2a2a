/**
 * The user-facing exports of templates/ (what a generated app calls) carry JSDoc with an `@example`, as
 * hono's `bearerAuth` does, and every example compiles: each is written beside a generated output
 * (nextcloud-drf's golden folder, as `./generated/`) and type-checked with a strict user project's
 * settings, against the real express, fastify, hono, msw, redis and openapi-fetch types.
 */

import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";
import { USER_COMPILER_OPTIONS } from "../support/typecheck-output.js";

const USER_FACING: ReadonlyArray<readonly [file: string, name: string]> = [
  ["server/express.ts", "expressVerification"],
  ["server/fastify.ts", "fastifyVerification"],
  ["server/hono.ts", "honoVerification"],
  ["server/node-http.ts", "nodeVerification"],
  ["server/node-http.ts", "withNodeVerification"],
  ["server/node-http.ts", "verificationOf"],
  ["server/web.ts", "withVerification"],
  ["server/verifier.ts", "createSpecVerifier"],
  ["server/problem.ts", "problemFor"],
  ["server/problem.ts", "problemResponse"],
  ["server/redis-replay-store.ts", "RedisReplayStore"],
  ["server/redis-replay-store.ts", "nodeRedisSetIfAbsent"],
  ["server/redis-replay-store.ts", "ioRedisSetIfAbsent"],
  ["runtime/replay-store.ts", "MemoryReplayStore"],
  ["runtime/sign.ts", "signRequest"],
  ["runtime/verify.ts", "verifyRequest"],
  ["client/signing-middleware.ts", "createSigningMiddleware"],
  ["mocks/mock-handlers.ts", "createMockHandlersFor"],
];

/** Libraries an example may import that this repository does not install: those examples are not compiled. */
const NOT_INSTALLED = ["ioredis"];

/** The exported function or class `name` of `source`, and the text of the JSDoc block right before it. */
function jsDocOf(source: string, name: string): string | undefined {
  const file = ts.createSourceFile("x.ts", source, ts.ScriptTarget.Latest, true);
  const declaration = file.statements.find(
    (statement) =>
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) &&
      statement.name?.text === name &&
      statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword),
  );
  if (!declaration) return undefined;
  const ranges = ts.getLeadingCommentRanges(source, declaration.getFullStart()) ?? [];
  const last = ranges.at(-1);
  const text = last ? source.slice(last.pos, last.end) : "";
  if (!text.startsWith("/**")) return undefined;
  return text
    .replace(/^\/\*\*\s?/, "")
    .replace(/\s*\*\/$/, "")
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, ""))
    .join("\n");
}

/** The code of the first fenced ```ts block after `@example`. */
function exampleOf(doc: string): string | undefined {
  return /@example\n```ts\n([\s\S]*?)\n```/.exec(doc)?.[1];
}

const examples = USER_FACING.map(([file, name]) => {
  const doc = jsDocOf(readFileSync(join(ROOT, "templates", file), "utf8"), name);
  return { file, name, doc, code: doc === undefined ? undefined : exampleOf(doc) };
});

describe("JSDoc examples of the user-facing exports", () => {
  it("reads a JSDoc example, and finds none where there is none", () => {
    const doc = jsDocOf("/**\n * Says hi.\n *\n * @example\n * ```ts\n * hi();\n * ```\n */\nexport function hi() {}\n", "hi");
    expect(doc).toContain("Says hi.");
    expect(exampleOf(doc ?? "")).toBe("hi();");
    expect(jsDocOf("/** Says hi. */\nexport function hi() {}\n", "hi")).toBe("Says hi.");
    expect(exampleOf("Says hi.")).toBeUndefined();
    expect(jsDocOf("// not JSDoc\nexport function hi() {}\n", "hi")).toBeUndefined();
    expect(jsDocOf("/** private */\nfunction hi() {}\n", "hi")).toBeUndefined();
  });

  it.each(examples)("$name has an @example of 5 to 12 lines", ({ code }) => {
    expect(code).toBeDefined();
    const lines = (code ?? "").split("\n").length;
    expect(lines).toBeGreaterThanOrEqual(5);
    expect(lines).toBeLessThanOrEqual(12);
  });

  it("every example compiles against a generated output under strict settings", () => {
    const dir = tempDir();
    cpSync(join(ROOT, "test/golden/nextcloud-drf"), join(dir, "generated"), { recursive: true });
    const skipped: string[] = [];
    for (const { name, code } of examples) {
      if (code === undefined) continue;
      if (NOT_INSTALLED.some((library) => code.includes(`from "${library}"`))) {
        skipped.push(name);
        continue;
      }
      writeFileSync(join(dir, `${name}.ts`), `${code}\n`);
    }
    expect(skipped).toEqual(["ioRedisSetIfAbsent"]);
    for (const library of NOT_INSTALLED) expect(existsSync(join(ROOT, "node_modules", library)), library).toBe(false);
    // Server apps run on node: its types are in, unlike the browser-safe check of the output alone.
    // The examples are an app's own code (process.env.SECRET); the output itself is checked with
    // noPropertyAccessFromIndexSignature by test/emit/typecheck.test.ts.
    const compilerOptions = { ...USER_COMPILER_OPTIONS, noPropertyAccessFromIndexSignature: false, types: ["node"], noEmit: true };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["*.ts", "generated/**/*.ts"] }));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    let output = "";
    try {
      execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(dir, "tsconfig.json")], {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe("");
  }, 300_000);
});
