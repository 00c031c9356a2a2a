/**
 * Type-checks the generated outputs of the fixed sample in a few tsc programs (one per batch of
 * outputs) instead of one per spec: tsc's start-up and lib checking dominate for small outputs.
 * Settings as test/support/typecheck-output.ts: strict, noUncheckedIndexedAccess,
 * exactOptionalPropertyTypes, no @types/node.
 */
import { mkdirSync, readdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { typecheckProject } from "../../test/support/typecheck-output.js";

/** `root` holds one folder per output; returns tsc's error lines per output folder that has any. */
export function typecheckOutputs(root: string, batchSize: number): Map<string, string> {
  const outputs = readdirSync(root).filter((name) => !name.startsWith("batch-"));
  const failed = new Map<string, string>();
  for (let start = 0; start < outputs.length; start += batchSize) {
    const batch = join(root, `batch-${start / batchSize}`);
    const members = outputs.slice(start, start + batchSize);
    mkdirSync(batch, { recursive: true });
    for (const name of members) renameSync(join(root, name), join(batch, name));
    const lines = typecheckProject(batch).split("\n");
    for (const name of members) {
      const own = lines.filter((line) => line.includes(`/${name}/`) || line.startsWith(`${name}/`));
      if (own.length > 0) failed.set(name, own.join("\n"));
    }
    const unattributed = lines.filter((line) => /error TS/.test(line) && !members.some((name) => line.includes(`${name}/`)));
    if (unattributed.length > 0) failed.set(`batch-${start / batchSize}`, unattributed.join("\n"));
  }
  return failed;
}
