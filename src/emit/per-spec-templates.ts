/**
 * The files inside the template folders that the generator writes for each spec instead of copying them:
 * each re-exports what the spec uses and leaves the rest out of the output's import closure. The golden
 * outputs commit these (they differ per spec) and not the verbatim copies beside them.
 */
import { DEFAULT_CRYPTO_PATH } from "./emit-default-crypto.js";
import { JSON_FORMS_PATH } from "./emit-json-forms.js";
import { PROFILES_PATH } from "./emit-profiles.js";
import { REQUEST_BODIES_PATH } from "./emit-request-bodies.js";

export const PER_SPEC_TEMPLATES: readonly string[] = [PROFILES_PATH, JSON_FORMS_PATH, REQUEST_BODIES_PATH, DEFAULT_CRYPTO_PATH];
