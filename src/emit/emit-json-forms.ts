/**
 * runtime/template/json-forms.ts for one spec: the JSON re-serialisation (python-compact,
 * django_hmac_authentication) re-exported from python-json.ts when a scheme uses it, else a stand-in, so
 * the import closure leaves the parser out (3.7 kB of a minified template-scheme client).
 */
import type { SigningScheme } from "../../templates/runtime/types.js";
import { type GeneratedFile, tsBanner } from "./banner.js";
import { TEMPLATE_SOURCES } from "./template-sources.generated.js";

export const JSON_FORMS_PATH = "runtime/template/json-forms.ts";

/** Whether any template scheme signs the body re-serialised (its `body.json` is not "as-sent"). */
export function usesJsonForms(schemes: readonly SigningScheme[]): boolean {
  return schemes.some((scheme) => scheme.profile === undefined && scheme.body.json !== "as-sent");
}

export function emitJsonForms(specName: string, schemes: readonly SigningScheme[]): GeneratedFile {
  return jsonFormsFile(specName, usesJsonForms(schemes));
}

function jsonFormsFile(specName: string, used: boolean): GeneratedFile {
  if (used) return { path: JSON_FORMS_PATH, contents: `${tsBanner(specName)}${TEMPLATE_SOURCES[JSON_FORMS_PATH]}` };
  const contents = [
    "/** No scheme of this spec re-serialises JSON (body.json python-compact): a stand-in that no scheme reaches. */",
    'import { SigningError } from "../signing-error.js";',
    "",
    "export const pythonCompactJson = (..._arguments: unknown[]): never => {",
    '  throw new SigningError("body.json python-compact is not generated: no security scheme of this spec uses it");',
    "};",
  ].join("\n");
  return { path: JSON_FORMS_PATH, contents: `${tsBanner(specName)}${contents}\n` };
}
