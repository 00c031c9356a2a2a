/** Runs the pure pipeline on a spec file, in process, as the CLI does. */
import { basename } from "node:path";
import { type GeneratedFile, generate } from "../../src/generate.js";
import { loadSpec } from "../../src/spec/load.js";
import { buildModel } from "../../src/spec/model.js";

export async function generateSpec(specPath: string): Promise<GeneratedFile[]> {
  const spec = await loadSpec(specPath);
  return generate(buildModel(spec.document, spec.locate), { specName: basename(specPath) });
}

export const EXAMPLE_SPECS = [
  "specs/nextcloud-drf.yaml",
  "specs/nextcloud-drf-base64.yaml",
  "specs/django-hmac-authentication.yaml",
  "specs/django-api-key.yaml",
  "specs/django-api-signing.yaml",
  "specs/document-store.yaml",
  "specs/rfc9421-example.yaml",
  "specs/aws-sigv4-example.yaml",
  "specs/custom-scheme.yaml",
  "specs/webhooks.yaml",
];
