/** runtime/ and client/: the signing core and its glue, copied verbatim from templates/ under a banner (DESIGN §2). */
import { type GeneratedFile, tsBanner } from "./banner.js";
import { TEMPLATE_SOURCES } from "./template-sources.generated.js";

export function emitRuntime(specName: string): GeneratedFile[] {
  return Object.entries(TEMPLATE_SOURCES).map(([path, source]) => ({ path, contents: `${tsBanner(specName)}${source}` }));
}
