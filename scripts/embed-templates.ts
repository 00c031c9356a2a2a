/**
 * Embeds templates/{runtime,client}/*.ts into src/emit/template-sources.generated.ts, keyed by their path
 * in the output, so generate() copies them verbatim without reading the disk. The golden test fails if
 * the two differ. Run: npm run embed
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { TEMPLATE_FOLDERS } from "../src/emit/template-folders.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const entries: string[] = [];
for (const folder of TEMPLATE_FOLDERS) {
  const dir = `${root}templates/${folder}/`;
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.endsWith(".test-d.ts"))
    .sort();
  for (const name of files) entries.push(`  ${JSON.stringify(`${folder}/${name}`)}: ${JSON.stringify(readFileSync(dir + name, "utf8"))},`);
}
const out = `// Written by scripts/embed-templates.ts from templates/. Do not edit: run npm run embed.
export const TEMPLATE_SOURCES: Readonly<Record<string, string>> = {
${entries.join("\n")}
};
`;
writeFileSync(`${root}src/emit/template-sources.generated.ts`, out);
