/**
 * Generates an example spec with its x-hmac scheme switched to another preset (and the signature carrier
 * that preset's seed system uses) into .tmp/ inside the repository, where the output resolves openapi-fetch
 * as it would in a user's project, and imports the generated client.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { generate } from "../../src/generate.js";
import type { PresetName } from "../../src/scheme/profiles/template/presets.js";
import { loadSpec } from "../../src/spec/load.js";
import { buildModel } from "../../src/spec/model.js";
import { SIGNATURE_HEADER } from "./preset-scheme.js";
import { ROOT } from "./run-cli.js";

export async function generateVariant(specPath: string, schemeName: string, preset: PresetName): Promise<string> {
  const spec = await loadSpec(join(ROOT, specPath));
  const schemes = (spec.document.components as { securitySchemes: Record<string, Record<string, unknown>> }).securitySchemes;
  const scheme = schemes[schemeName];
  if (!scheme) throw new Error(`${specPath} has no scheme ${schemeName}`);
  scheme["x-hmac"] = { preset };
  scheme.name = SIGNATURE_HEADER[preset];
  const files = await generate(buildModel(spec.document), { specName: basename(specPath) });
  // A fresh folder per call: test files run in parallel and may generate the same variant.
  mkdirSync(join(ROOT, ".tmp/variants"), { recursive: true });
  const out = mkdtempSync(join(ROOT, ".tmp/variants", `${basename(specPath, ".yaml")}-${preset}-`));
  for (const file of files) {
    mkdirSync(dirname(join(out, file.path)), { recursive: true });
    writeFileSync(join(out, file.path), file.contents);
  }
  return out;
}
