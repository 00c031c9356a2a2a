/**
 * The files a set of entry files needs: every relative import, export-from and `import("...")` type of
 * each TypeScript file, followed until nothing new is found. Module specifiers are ESM (`./x.js` names
 * `x.ts`), as in templates/ and the emitted files.
 */
import { posix } from "node:path";
import ts from "typescript";

/** The output paths a file imports (relative specifiers only: packages such as openapi-fetch are the user's). */
export function relativeImports(path: string, contents: string): string[] {
  if (!path.endsWith(".ts")) return [];
  const { importedFiles } = ts.preProcessFile(contents, true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith("./") || specifier.startsWith("../"))
    .map((specifier) => posix.normalize(posix.join(posix.dirname(path), specifier)).replace(/\.js$/, ".ts"));
}

/**
 * The closure, grown as files become available: generate() emits files one by one, and asks which ones
 * are wanted after each. `importer` remembers who asked first, for the error when a file is missing.
 */
export class ImportClosure {
  private readonly wanted = new Map<string, string | undefined>();
  private readonly scanned = new Set<string>();

  private readonly contentsOf: (path: string) => string | undefined;

  constructor(contentsOf: (path: string) => string | undefined) {
    this.contentsOf = contentsOf;
  }

  want(path: string, importer?: string): void {
    if (!this.wanted.has(path)) this.wanted.set(path, importer);
  }

  has(path: string): boolean {
    return this.wanted.has(path);
  }

  /** Follows the imports of every wanted file that exists now. */
  expand(): void {
    const queue = [...this.wanted.keys()];
    for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
      if (this.scanned.has(path)) continue;
      const contents = this.contentsOf(path);
      if (contents === undefined) continue;
      this.scanned.add(path);
      for (const imported of relativeImports(path, contents)) {
        if (this.wanted.has(imported)) continue;
        this.wanted.set(imported, path);
        queue.push(imported);
      }
    }
  }

  /** Wanted files that no one provided, with the file that imports each. */
  missing(): Array<{ path: string; importer: string | undefined }> {
    return [...this.wanted].filter(([path]) => this.contentsOf(path) === undefined).map(([path, importer]) => ({ path, importer }));
  }

  paths(): string[] {
    return [...this.wanted.keys()];
  }
}
