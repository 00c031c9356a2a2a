/** No module under src/ or templates/ imports, directly or through others, a module that imports it. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCycles } from "../../scripts/import-cycles.js";
import { tempDir } from "../support/temp-dir.js";

describe("import cycles", () => {
  it("src/ and templates/ have none", () => {
    expect(importCycles(process.cwd(), ["src", "templates"])).toEqual([]);
  });

  it("are found, type-only and re-exports included", () => {
    const root = tempDir();
    mkdirSync(join(root, "lib"));
    writeFileSync(join(root, "lib/a.ts"), 'import type { B } from "./b.js";\nexport type A = B;\n');
    writeFileSync(join(root, "lib/b.ts"), 'export { c } from "./c.js";\nexport type B = string;\n');
    writeFileSync(join(root, "lib/c.ts"), 'import type { A } from "./a.js";\nexport const c = 1 as unknown as A;\n');
    writeFileSync(join(root, "lib/d.ts"), 'import { c } from "./c.js";\nexport const d = c;\n');
    expect(importCycles(root, ["lib"])).toEqual([["lib/a.ts", "lib/b.ts", "lib/c.ts"]]);
  });
});
