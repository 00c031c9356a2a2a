/**
 * The golden folders keep only what is specific to each spec in git. The template copies every output
 * also holds (runtime/, client/, server/, mocks/: templates/ under a banner) are written here, from the
 * same emitter generate() uses, so `npm run typecheck` and the tests see each golden output whole
 * without six committed copies of templates/ (golden.test.ts still checks generate() against templates/).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { jsonFormsFile } from "../../src/emit/emit-json-forms.js";
import { emitProfiles } from "../../src/emit/emit-profiles.js";
import { emitRuntime } from "../../src/emit/emit-runtime.js";
import { TEMPLATE_FOLDERS } from "../../src/emit/template-folders.js";
import { ImportClosure } from "../../src/import-closure.js";
import type { SigningScheme } from "../../templates/runtime/types.js";
import { ROOT } from "./run-cli.js";

export function materialiseGolden(): void {
  const goldenRoot = join(ROOT, "test/golden");
  for (const name of readdirSync(goldenRoot)) {
    const dir = join(goldenRoot, name);
    if (!existsSync(join(dir, "schemes.ts"))) continue;
    for (const folder of TEMPLATE_FOLDERS) rmSync(join(dir, folder), { recursive: true, force: true });
    // As generate() does: only the profiles the spec's schemes use, and runtime/profiles.ts written for them.
    const schemes = readFileSync(join(dir, "schemes.ts"), "utf8");
    // A template scheme has no "profile" key; its resolved form always carries "stringToSign".
    const marks = { template: /\bstringToSign"?:/, rfc9421: /\bprofile"?: "rfc9421"/, "aws-sigv4": /\bprofile"?: "aws-sigv4"/ };
    const used = (["template", "rfc9421", "aws-sigv4"] as const).filter((profile) => marks[profile].test(schemes));
    const profiles = emitProfiles(
      `${name}.yaml`,
      used.map((profile) => (profile === "template" ? {} : { profile }) as SigningScheme),
    );
    const folders = { template: "runtime/template/", rfc9421: "runtime/rfc9421/", "aws-sigv4": "runtime/sigv4/" } as const;
    const unused = (path: string): boolean =>
      Object.entries(folders).some(([profile, folder]) => path.startsWith(folder) && !used.some((u) => u === profile));
    // And runtime/template/json-forms.ts: python-json.ts only where a scheme re-serialises JSON.
    const usesJson = schemes.includes('"python-compact"');
    const jsonForms = jsonFormsFile(`${name}.yaml`, usesJson);
    const written = new Set([profiles.path, jsonForms.path]);
    const files = emitRuntime(`${name}.yaml`).filter(
      (file) => !unused(file.path) && !written.has(file.path) && (usesJson || file.path !== "runtime/template/python-json.ts"),
    );
    const candidates = [...files, profiles, ...(used.includes("template") ? [jsonForms] : [])];
    // Then, as generate() does, only the import closure of the committed entry files (client.ts, server.ts,
    // ...): a template no entry reaches (runtime/webhook/ for a spec without webhooks) is not in the output.
    const committed = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile() && entry.name.endsWith(".ts"));
    const available = new Map(candidates.map((file) => [file.path, file.contents] as const));
    for (const entry of committed) available.set(entry.name, readFileSync(join(dir, entry.name), "utf8"));
    const closure = new ImportClosure((path) => available.get(path));
    for (const entry of committed) closure.want(entry.name);
    closure.expand();
    for (const file of candidates.filter((candidate) => closure.has(candidate.path))) {
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeFileSync(join(dir, file.path), file.contents);
    }
  }
}
