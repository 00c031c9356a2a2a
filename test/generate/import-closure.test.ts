/** The import closure generate() keeps: relative imports, export-from and import() types, resolved ESM-style. */
import { describe, expect, it } from "vitest";
import { ImportClosure, relativeImports } from "../../src/import-closure.js";

describe("relativeImports", () => {
  it("resolves ./ and ../ specifiers (.js names .ts), export-from and import() types; packages and comments do not count", () => {
    const source = [
      'import createClient from "openapi-fetch";',
      'import type { A } from "../runtime/index.js";',
      'export { b } from "./b.js";',
      'type C = import("./c.js").C;',
      '// import { d } from "./d.js";',
    ].join("\n");
    expect(relativeImports("client/x.ts", source)).toEqual(["runtime/index.ts", "client/b.ts", "client/c.ts"]);
    expect(relativeImports("vectors.json", '{ "$comment": "import x from \\"./y.js\\"" }')).toEqual([]);
  });
});

describe("ImportClosure", () => {
  it("follows imports through the files at hand and names a missing file with its importer", () => {
    const files: Record<string, string> = {
      "client.ts": 'import { a } from "./runtime/index.js";',
      "runtime/index.ts": 'export * from "./sign.js";',
      "runtime/sign.ts": 'import "./gone.js";',
      "server.ts": 'import "./runtime/index.js";',
    };
    const closure = new ImportClosure((path) => files[path]);
    closure.want("client.ts");
    closure.expand();
    expect(closure.paths().sort()).toEqual(["client.ts", "runtime/gone.ts", "runtime/index.ts", "runtime/sign.ts"]);
    expect(closure.has("server.ts")).toBe(false);
    expect(closure.missing()).toEqual([{ path: "runtime/gone.ts", importer: "runtime/sign.ts" }]);
  });
});
