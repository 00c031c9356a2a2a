/** runtime/: the signing core, copied verbatim from templates/runtime/ under a banner (DESIGN §2). */
import { type GeneratedFile, tsBanner } from "./banner.js";
import { RUNTIME_SOURCES } from "./runtime-sources.generated.js";

export function emitRuntime(specName: string): GeneratedFile[] {
  return Object.entries(RUNTIME_SOURCES).map(([name, source]) => ({
    path: `runtime/${name}`,
    contents: `${tsBanner(specName)}${source}`,
  }));
}
