/**
 * Type errors that come from openapi-typescript itself: its own output for a spec, compiled under the same
 * strict settings. schema.ts in our output is that transform (plus `format: binary` as Blob), so an error
 * it shares with openapi-typescript alone (e.g. TS2502 for a schema that is `null & (... | Self[])`) is
 * classified as the baseline's, not ours.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { tempDir } from "../../test/support/temp-dir.js";
import { typecheckProject } from "../../test/support/typecheck-output.js";

/** `TS2502: 'X' is referenced directly...` lines, without file names and positions. */
export function errorKinds(tscOutput: string): Set<string> {
  const kinds = new Set<string>();
  for (const match of tscOutput.matchAll(/error (TS\d+: .*)$/gm)) kinds.add(match[1] as string);
  return kinds;
}

export async function baselineTypeErrors(specFile: string): Promise<Set<string>> {
  const dir = tempDir("openapi-typescript-types-");
  writeFileSync(join(dir, "schema.ts"), astToString(await openapiTS(pathToFileURL(specFile), { silent: true })));
  return errorKinds(typecheckProject(dir));
}

/** Our errors that openapi-typescript's own output does not have. */
export async function errorsOfOurs(specFile: string, tscOutput: string): Promise<string[]> {
  const baseline = await baselineTypeErrors(specFile);
  return [...errorKinds(tscOutput)].filter((kind) => !baseline.has(kind));
}
