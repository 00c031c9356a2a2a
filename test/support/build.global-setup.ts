/**
 * Builds dist/ once before the suite, so CLI tests run the binary users run (bin/hmac-codegen.js), and
 * writes the golden folders' template copies (materialise-golden.ts), which tests import.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { materialiseGolden } from "./materialise-golden.js";

export default function setup(): void {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-p", `${root}tsconfig.build.json`], {
    cwd: root,
    stdio: "inherit",
  });
  materialiseGolden();
}
