/**
 * Finds import cycles among the modules under the given folders (tests and their support modules excluded): every strongly
 * connected component of the relative-import graph with more than one module, or a module importing
 * itself. Type-only imports count too: a cycle of types today is a cycle of values after the next edit.
 * `ts.preProcessFile` lists every `import`, `export ... from` and dynamic import without type-checking.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

function modulesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return modulesUnder(path);
    return path.endsWith(".ts") && !/\.test(-d|-support)?\.ts$/.test(path) ? [path] : [];
  });
}

function importGraph(root: string, folders: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of folders.flatMap((folder) => modulesUnder(join(root, folder)))) {
    const imports = ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles.map((entry) => entry.fileName);
    const local = imports.filter((specifier) => specifier.startsWith("."));
    graph.set(
      relative(root, file),
      local.map((specifier) => relative(root, resolve(dirname(file), specifier.replace(/\.js$/, ".ts")))),
    );
  }
  return graph;
}

/** Each cycle as its modules, sorted; empty when the graph is acyclic. Tarjan's algorithm. */
export function importCycles(root: string, folders: readonly string[]): string[][] {
  const graph = importGraph(root, folders);
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (module: string): void => {
    index.set(module, next);
    lowLink.set(module, next);
    next += 1;
    stack.push(module);
    onStack.add(module);
    for (const target of graph.get(module) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        lowLink.set(module, Math.min(lowLink.get(module) as number, lowLink.get(target) as number));
      } else if (onStack.has(target)) lowLink.set(module, Math.min(lowLink.get(module) as number, index.get(target) as number));
    }
    if (lowLink.get(module) !== index.get(module)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== module);
    if (component.length > 1 || (graph.get(module) ?? []).includes(module)) cycles.push(component.sort());
  };
  for (const module of graph.keys()) if (!index.has(module)) visit(module);
  return cycles;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cycles = importCycles(process.cwd(), ["src", "templates"]);
  for (const cycle of cycles) process.stdout.write(`${cycle.join(" -> ")}\n`);
  process.exitCode = cycles.length > 0 ? 1 : 0;
}
