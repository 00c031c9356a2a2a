/**
 * Type-checks the generated outputs of the fixed sample in a few tsc programs (one per batch of
 * outputs) instead of one per spec: tsc's start-up and lib checking dominate for small outputs.
 * Settings as test/support/typecheck-output.ts: strict, noUncheckedIndexedAccess,
 * exactOptionalPropertyTypes, no @types/node.
 */
import { mkdirSync, readdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { typecheckProject } from "../../test/support/typecheck-output.js";

/** `root` holds one folder per output; returns the folders whose files have errors. */
export function typecheckOutputs(root: string, batchSize: number): string[] {
  const outputs = readdirSync(root).filter((name) => !name.startsWith("batch-"));
  const failed: string[] = [];
  for (let start = 0; start < outputs.length; start += batchSize) {
    const batch = join(root, `batch-${start / batchSize}`);
    const members = outputs.slice(start, start + batchSize);
    mkdirSync(batch, { recursive: true });
    for (const name of members) renameSync(join(root, name), join(batch, name));
    const errors = typecheckProject(batch);
    for (const name of members) if (errors.includes(`${name}/`)) failed.push(name);
    if (errors !== "" && !members.some((name) => errors.includes(`${name}/`))) failed.push(`${batch}: ${errors.slice(0, 500)}`);
  }
  return failed;
}
