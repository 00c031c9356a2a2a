/**
 * Finds and loads the config file. `.json` is parsed; `.js`/`.mjs` are imported; `.ts`/`.mts` are
 * transpiled with TypeScript's transpileModule (typescript is already a runtime dependency, so no
 * loader is added) into a temporary module beside the file, so its relative imports still resolve.
 * `import ... from "hmac-codegen"` is pointed at this running copy, so a config works even where the
 * package is not installed locally (npx).
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { HmacCodegenConfig } from "./define-config.js";
import { ConfigError, validateConfig } from "./validate-config.js";

export const CONFIG_NAMES = [
  "hmac-codegen.config.ts",
  "hmac-codegen.config.mts",
  "hmac-codegen.config.js",
  "hmac-codegen.config.mjs",
  "hmac-codegen.config.json",
] as const;

export interface LoadedConfig {
  file: string;
  config: HmacCodegenConfig;
}

/** The config file in `directory`, if there is one. */
export function findConfig(directory: string): string | undefined {
  for (const name of CONFIG_NAMES) {
    const candidate = join(directory, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export async function loadConfig(file: string): Promise<LoadedConfig> {
  const absolute = resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, "utf8");
  } catch (error) {
    throw new ConfigError(file, `cannot read the config file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let exported: unknown;
  if (absolute.endsWith(".json")) {
    try {
      exported = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(file, `not valid JSON: ${(error as Error).message}`);
    }
  } else if (/\.m?ts$/.test(absolute)) {
    exported = await importTypeScript(absolute, text, file);
  } else {
    exported = await importModule(pathToFileURL(absolute).href, file);
  }
  return { file: absolute, config: validateConfig(exported, file) };
}

async function importTypeScript(absolute: string, text: string, file: string): Promise<unknown> {
  const ts = (await import("typescript")).default;
  const output = ts.transpileModule(text, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    fileName: basename(absolute),
    reportDiagnostics: true,
  });
  const syntax = output.diagnostics?.find((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error);
  if (syntax) {
    const position =
      syntax.file && syntax.start !== undefined ? syntax.file.getLineAndCharacterOfPosition(syntax.start) : { line: 0, character: 0 };
    throw new ConfigError(
      `${file}:${position.line + 1}:${position.character + 1}`,
      ts.flattenDiagnosticMessageText(syntax.messageText, "\n"),
    );
  }
  const self = new URL("../index.js", import.meta.url).href;
  // A replacer function: a `$` in the install path must stay a `$`, not a replacement pattern.
  const code = output.outputText.replace(
    /(from\s*|import\s*\(\s*)(["'])hmac-codegen\2/g,
    (_match, prefix: string) => `${prefix}${JSON.stringify(self)}`,
  );
  // A random name, created exclusively and readable by its owner only: nothing else can pre-place it.
  const temporary = join(dirname(absolute), `.${basename(absolute)}.${process.pid}.${randomUUID()}.mjs`);
  await writeFile(temporary, code, { flag: "wx", mode: 0o600 });
  try {
    return await importModule(`${pathToFileURL(temporary).href}`, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

async function importModule(url: string, file: string): Promise<unknown> {
  try {
    const module = (await import(url)) as { default?: unknown };
    return module.default;
  } catch (error) {
    throw new ConfigError(file, `loading it failed: ${(error as Error).message}`);
  }
}
