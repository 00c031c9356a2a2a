/** A preset resolved on the security scheme its seed system uses, for tests that exercise the core. */
import type { PresetName } from "../../src/scheme/profiles/template/presets.js";
import { resolveScheme } from "../../src/scheme/resolve.js";
import type { HmacScheme } from "../../templates/runtime/types.js";

export const SIGNATURE_HEADER: Record<PresetName, string> = {
  "nextcloud-drf": "X-Signature",
  "nextcloud-drf-base64": "X-Signature",
  "django-hmac-authentication": "Authorization",
  "django-api-key": "X-Signature",
  "django-api-signing": "Signature",
};

export function presetScheme(preset: PresetName, name: string = preset): HmacScheme {
  const result = resolveScheme({ preset }, { name, pointer: "#", type: "apiKey", in: "header", parameterName: SIGNATURE_HEADER[preset] });
  if (!result.scheme || result.scheme.profile) throw new Error(JSON.stringify(result.issues));
  return result.scheme;
}
