/**
 * The golden folders keep only what is specific to each spec in git: the generated entry files and the
 * per-spec files inside the template folders (per-spec-templates.ts). The verbatim template copies every
 * output also holds (runtime/, client/, server/, mocks/: templates/ under a banner) are written here, from
 * the same emitter generate() uses and for the same import closure, so `npm run typecheck` and the tests
 * see each golden output whole without committed copies of templates/ (golden.test.ts still checks
 * generate() against templates/).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { emitRuntime } from "../../src/emit/emit-runtime.js";
import { PER_SPEC_TEMPLATES } from "../../src/emit/per-spec-templates.js";
import { TEMPLATE_FOLDERS } from "../../src/emit/template-folders.js";
import { ImportClosure } from "../../src/import-closure.js";
import { ROOT } from "./run-cli.js";

export function materialiseGolden(): void {
  const goldenRoot = join(ROOT, "test/golden");
  for (const name of readdirSync(goldenRoot)) {
    const dir = join(goldenRoot, name);
    if (!existsSync(join(dir, "schemes.ts"))) continue;
    const isCommitted = (path: string): boolean =>
      !TEMPLATE_FOLDERS.some((folder) => path.startsWith(`${folder}/`)) || PER_SPEC_TEMPLATES.includes(path);
    for (const path of listFiles(dir)) if (!isCommitted(path)) rmSync(join(dir, path));
    const committed = listFiles(dir).filter((path) => path.endsWith(".ts"));
    const copies = emitRuntime(`${name}.yaml`).filter((file) => !PER_SPEC_TEMPLATES.includes(file.path));
    const available = new Map(copies.map((file) => [file.path, file.contents] as const));
    for (const path of committed) available.set(path, readFileSync(join(dir, path), "utf8"));
    // As generate() does: only the import closure of the committed files, so a template that no entry
    // reaches (runtime/webhook/ for a spec without webhooks, a profile no scheme uses) is not written.
    const closure = new ImportClosure((path) => available.get(path));
    for (const path of committed) closure.want(path);
    closure.expand();
    for (const file of copies.filter((copy) => closure.has(copy.path))) {
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeFileSync(join(dir, file.path), file.contents);
    }
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"));
}
