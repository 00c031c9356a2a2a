/**
 * x-hmac with `profile: aws-sigv4` to the runtime's AwsSigV4Scheme.
 */
import type { AwsSigV4Scheme } from "../../../templates/runtime/types.js";
import { childPointer, type SpecIssue } from "../errors.js";
import type { XHmacInput } from "../input.js";
import type { SecuritySchemeContext } from "../resolve.js";

export function resolveAwsSigV4(
  _written: XHmacInput,
  context: SecuritySchemeContext,
): { scheme: AwsSigV4Scheme; issues: [] } | { scheme?: undefined; issues: SpecIssue[] } {
  return {
    issues: [
      {
        code: "E_XHMAC_PROFILE",
        pointer: childPointer(context.pointer, "profile"),
        message: 'profile "aws-sigv4" is not supported by this version',
        hint: "describe the scheme with the declarative knobs or a preset for now",
      },
    ],
  };
}
