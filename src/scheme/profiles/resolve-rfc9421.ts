/**
 * x-hmac with `profile: rfc9421` to the runtime's Rfc9421Scheme.
 */
import type { Rfc9421Scheme } from "../../../templates/runtime/types.js";
import { childPointer, type SpecIssue } from "../errors.js";
import type { XHmacInput } from "../input.js";
import type { SecuritySchemeContext } from "../resolve.js";

export function resolveRfc9421(
  _written: XHmacInput,
  context: SecuritySchemeContext,
): { scheme: Rfc9421Scheme; issues: [] } | { scheme?: undefined; issues: SpecIssue[] } {
  return {
    issues: [
      {
        code: "E_XHMAC_PROFILE",
        pointer: childPointer(context.pointer, "profile"),
        message: 'profile "rfc9421" is not supported by this version',
        hint: "describe the scheme with the declarative knobs or a preset for now",
      },
    ],
  };
}
