/**
 * Builds src/emit/template-sources.generated.ts from templates/{runtime,client,server,mocks}/*.ts, keyed by
 * their path in the output, so generate() copies them verbatim without reading the disk. The file is
 * built, not committed (git-ignored): `npm run build`, `typecheck` and `test` write it first (pre-scripts),
 * and so does the test suite's global setup, for a bare `npx vitest run`.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isTestOnlyTemplate, TEMPLATE_FOLDERS } from "../src/emit/template-folders.js";

const root = fileURLToPath(new URL("..", import.meta.url));
export const TEMPLATE_SOURCES_FILE = `${root}src/emit/template-sources.generated.ts`;

export function templateSourcesModule(): string {
  const entries: string[] = [];
  for (const folder of TEMPLATE_FOLDERS) {
    const dir = `${root}templates/${folder}/`;
    const files = readdirSync(dir)
      .filter((name) => name.endsWith(".ts") && !isTestOnlyTemplate(name))
      .sort();
    for (const name of files)
      entries.push(`  ${JSON.stringify(`${folder}/${name}`)}: ${JSON.stringify(readFileSync(dir + name, "utf8"))},`);
  }
  return `// Written by scripts/embed-templates.ts from templates/. Do not edit: run npm run embed.
export const TEMPLATE_SOURCES: Readonly<Record<string, string>> = {
${entries.join("\n")}
};
`;
}

/** Writes the module when its bytes change (a watcher on src/ sees no change otherwise); true if it wrote. */
export function writeTemplateSources(): boolean {
  const next = templateSourcesModule();
  let current: string | undefined;
  try {
    current = readFileSync(TEMPLATE_SOURCES_FILE, "utf8");
  } catch {
    current = undefined;
  }
  if (current === next) return false;
  writeFileSync(TEMPLATE_SOURCES_FILE, next);
  return true;
}
