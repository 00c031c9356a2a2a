/**
 * OpenAPI security requirements (OpenAPI 3.1 §4.8.30): per operation, a list of alternatives, each a
 * set of schemes that must all hold. `[]` means public; an alternative `{}` means "no credentials needed".
 */

/** Scheme names per alternative; an empty list means public. */
export type SecurityAlternatives = readonly (readonly string[])[];

/** Security alternatives keyed by `METHOD /path/template`, as in the spec. */
export type OperationSecurity = Readonly<Record<string, SecurityAlternatives>>;

export function operationKey(method: string, pathTemplate: string): string {
  return `${method.toUpperCase()} ${pathTemplate}`;
}

/** The first alternative whose every scheme is available, or undefined. */
export function firstSatisfiable(
  alternatives: SecurityAlternatives,
  available: (scheme: string) => boolean,
): readonly string[] | undefined {
  return alternatives.find((alternative) => alternative.every(available));
}

export class MissingCredentialsError extends Error {
  constructor(operation: string, alternatives: SecurityAlternatives, available: (scheme: string) => boolean) {
    // Names schemes only, never a credential's value.
    const options = alternatives.map((alternative) => {
      const missing = alternative.filter((scheme) => !available(scheme));
      return `${alternative.join(" + ")} (missing ${missing.map((name) => JSON.stringify(name)).join(", ")})`;
    });
    super(`[hmac-codegen] ${operation} needs credentials for one of: ${options.join("; ")}`);
    this.name = "MissingCredentialsError";
  }
}
