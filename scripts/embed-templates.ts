/**
 * Embeds templates/runtime/*.ts into src/emit/runtime-sources.generated.ts, so generate() copies the
 * signing core verbatim without reading the disk. test/emit/runtime-drift.test.ts fails if the two differ.
 * Run: npm run embed
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = `${root}templates/runtime/`;
const files = readdirSync(dir)
  .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))
  .sort();
const entries = files.map((name) => `  ${JSON.stringify(name)}: ${JSON.stringify(readFileSync(dir + name, "utf8"))},`);
const out = `// Written by scripts/embed-templates.ts from templates/runtime/. Do not edit: run npm run embed.
export const RUNTIME_SOURCES: Readonly<Record<string, string>> = {
${entries.join("\n")}
};
`;
writeFileSync(`${root}src/emit/runtime-sources.generated.ts`, out);
