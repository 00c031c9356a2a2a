/**
 * Which signing profile a scheme follows, and the error for one explain or lint has not been taught.
 * Every profile of the SigningScheme union is explained today (template, rfc9421, aws-sigv4); a new
 * profile added to the union is a type error in explainRequest's switch until it has its own steps.
 */
import type { SigningScheme } from "../../templates/runtime/types.js";

export const EXPLAINED_PROFILES = ["template", "rfc9421", "aws-sigv4"] as const;
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
