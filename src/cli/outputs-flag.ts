/**
 * `--outputs client,server` (or repeated: `--outputs client --outputs server`): what to generate. A
 * comma list rather than yargs' array type, which would swallow the spec positional after it.
 */
import { isOutputName, type OutputName, unknownOutputMessage } from "../outputs.js";
import { UsageError } from "./report.js";

export function parseOutputsFlag(value: string | readonly string[] | undefined): OutputName[] | undefined {
  if (value === undefined) return undefined;
  const names = (typeof value === "string" ? [value] : value).flatMap((item) => String(item).split(",")).map((name) => name.trim());
  const chosen = new Set<OutputName>();
  for (const name of names) {
    if (name === "") continue;
    if (!isOutputName(name)) throw new UsageError(`E_OUTPUTS --outputs: ${unknownOutputMessage(name)}`);
    chosen.add(name);
  }
  if (chosen.size === 0) throw new UsageError("E_OUTPUTS --outputs: name at least one of client, server, mocks, vectors");
  return [...chosen];
}
