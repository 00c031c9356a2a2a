/**
 * hmac-codegen's own version, for `--version`. yargs' `.version()` without an argument reads the first
 * package.json above the folder holding yargs' own node_modules: once npm hoists yargs into a user's
 * project, that is the user's package.json, and `hmac-codegen --version` printed their version.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "hmac-codegen";

/** Walks up from this module (src/cli/ under tsx, dist/src/cli/ when built) to our package.json. */
export function ownVersion(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
      if (manifest.name === PACKAGE_NAME && typeof manifest.version === "string") return manifest.version;
    }
    if (dirname(dir) === dir) throw new Error(`[hmac-codegen] no package.json named ${PACKAGE_NAME} above ${from}`);
  }
}
