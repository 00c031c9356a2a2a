/**
 * The golden folders keep only what is specific to each spec in git. The template copies every output
 * also holds (runtime/, client/, server/, mocks/: templates/ under a banner) are written here, from the
 * same emitter generate() uses, so `npm run typecheck` and the tests see each golden output whole
 * without six committed copies of templates/ (golden.test.ts still checks generate() against templates/).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { emitRuntime } from "../../src/emit/emit-runtime.js";
import { TEMPLATE_FOLDERS } from "../../src/emit/template-folders.js";
import { ROOT } from "./run-cli.js";

export function materialiseGolden(): void {
  const goldenRoot = join(ROOT, "test/golden");
  for (const name of readdirSync(goldenRoot)) {
    const dir = join(goldenRoot, name);
    if (!existsSync(join(dir, "schemes.ts"))) continue;
    for (const folder of TEMPLATE_FOLDERS) rmSync(join(dir, folder), { recursive: true, force: true });
    for (const file of emitRuntime(`${name}.yaml`)) {
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeFileSync(join(dir, file.path), file.contents);
    }
  }
}
