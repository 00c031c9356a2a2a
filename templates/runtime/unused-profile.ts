/**
 * What a profile the spec does not use answers in generated output (profiles.ts): no scheme of the spec
 * names it, so the dispatchers never reach it; a direct call (presignSigV4 with a hand-made scheme) is told why.
 */
import { SigningError } from "./signing-error.js";

export function unusedProfile(profile: string): never {
  throw new SigningError(`profile ${profile} is not generated: no security scheme of this spec uses it`);
}
