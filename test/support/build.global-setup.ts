/**
 * Builds dist/ once before the suite, so CLI tests run the binary users run (bin/hmac-codegen.js), and
 * writes the golden folders' template copies (materialise-golden.ts), which tests import. First it writes
 * src/emit/template-sources.generated.ts (built, not committed), so a bare `npx vitest run` works on a
 * fresh clone too; materialise-golden is imported after that, since it reads the generated module.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { writeTemplateSources } from "../../scripts/template-sources.js";

export default async function setup(): Promise<void> {
  writeTemplateSources();
  const root = fileURLToPath(new URL("../..", import.meta.url));
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-p", `${root}tsconfig.build.json`], {
    cwd: root,
    stdio: "inherit",
  });
  const { materialiseGolden } = await import("./materialise-golden.js");
  materialiseGolden();
}
