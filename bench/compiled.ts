/**
 * The code under measurement as an application ships it: bundled by esbuild into plain JavaScript, the
 * way a user's build step compiles the generated files. Running it through tsx instead would measure tsx:
 * tsx compiles with esbuild's keepNames, which wraps every function in a `__name` call (about 15% of a
 * signing profile, issue 8). Bundles go to this checkout's .tmp/ (gitignored), one per entry, rebuilt on
 * every run: not node_modules/.cache, which git worktrees sharing one node_modules would overwrite for
 * each other mid-run. Packages stay external and resolve through the checkout's node_modules as before.
 */
import { mkdirSync } from "node:fs";
import { basename, extname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildSync } from "esbuild";

const OUT_DIR = fileURLToPath(new URL("../.tmp/hmac-codegen-bench/", import.meta.url));

/** Bundles `entry` (a path relative to bench/) with its relative imports; packages stay external. Returns the file path. */
export function compiled(entry: string): string {
  const source = fileURLToPath(new URL(entry, import.meta.url));
  mkdirSync(OUT_DIR, { recursive: true });
  const outfile = `${OUT_DIR}${basename(source, extname(source))}.mjs`;
  buildSync({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  return outfile;
}

/** Imports a compiled bundle; the caller names its type (`typeof import("...")`), so nothing is `any`. */
export async function importCompiled<Module>(entry: string): Promise<Module> {
  return (await import(pathToFileURL(compiled(entry)).href)) as Module;
}
