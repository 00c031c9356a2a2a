/**
 * Type-checks a generated output folder as a user's project would: strict, noUncheckedIndexedAccess,
 * exactOptionalPropertyTypes, no @types/node (browser apps), openapi-fetch resolved from node_modules.
 * Also erasableSyntaxOnly (TypeScript 5.8): no enums, namespaces or parameter properties, so a type stripper
 * (Node's --experimental-strip-types, esbuild's transform) can run the output as written; and
 * noPropertyAccessFromIndexSignature, which projects on @tsconfig/strictest turn on.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";
import type { GeneratedFile } from "../../src/generate.js";
import { ROOT } from "./run-cli.js";

export function writeOutput(dir: string, files: readonly GeneratedFile[]): void {
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.contents);
  }
}

/** The compiler options of a strict user project, as every type-check of generated output uses them. */
export const USER_COMPILER_OPTIONS = {
  target: "ES2022",
  lib: ["ES2022", "DOM"],
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  verbatimModuleSyntax: true,
  erasableSyntaxOnly: true,
  noPropertyAccessFromIndexSignature: true,
  types: [],
  // Libraries' own .d.ts are not ours to police (openapi-fetch predates exactOptionalPropertyTypes).
  skipLibCheck: true,
} as const;

/** Returns tsc's output: empty when the project compiles. */
export function typecheckProject(dir: string): string {
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { ...USER_COMPILER_OPTIONS, noEmit: true },
      include: ["**/*.ts"],
    }),
  );
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  // The client imports openapi-fetch, as it does in a user's project.
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(dir, "tsconfig.json")], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

/** `any` written as a type anywhere in a file (comments do not count). */
export function anyTypes(file: GeneratedFile): number {
  const source = ts.createSourceFile(file.path, file.contents, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  let count = 0;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) count += 1;
    ts.forEachChild(node, visit);
  };
  visit(source);
  return count;
}
