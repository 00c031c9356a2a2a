/**
 * Which signing profile a scheme follows. Today every resolved scheme is the declarative template
 * profile (x-hmac's knobs); issue 6 adds structured profiles (rfc9421, aws-sigv4). explain and lint
 * read the profile here, so a new one is a new entry, and a scheme they do not know yet is a clear
 * error instead of a wrong answer.
 */
import type { HmacScheme, SigningScheme } from "../../templates/runtime/types.js";

export const EXPLAINED_PROFILES = ["template"] as const;
export type ExplainedProfile = (typeof EXPLAINED_PROFILES)[number];

export class UnsupportedProfileError extends Error {
  readonly code = "E_PROFILE_UNSUPPORTED";
  constructor(command: string, scheme: string, profile: string) {
    super(
      `[hmac-codegen] E_PROFILE_UNSUPPORTED: ${command} does not know profile "${profile}" of scheme "${scheme}" yet; ` +
        `it covers ${EXPLAINED_PROFILES.join(", ")} schemes`,
    );
    this.name = "UnsupportedProfileError";
  }
}

/** The scheme's profile: `template` unless the scheme names another (the SigningScheme union). */
export function profileOf(scheme: SigningScheme): string {
  return scheme.profile ?? "template";
}

/** Narrows to the schemes explain and lint understand, or throws UnsupportedProfileError. */
export function requireTemplateProfile(command: string, scheme: SigningScheme): HmacScheme {
  if (scheme.profile !== undefined) throw new UnsupportedProfileError(command, scheme.name, scheme.profile);
  return scheme;
}
