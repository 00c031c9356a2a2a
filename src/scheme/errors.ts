/**
 * Spec errors with a stable code, the JSON pointer of the offending value and a hint, formatted like
 * `[hmac-codegen] E_XHMAC_VALUE at #/components/securitySchemes/partnerHmac/x-hmac/signature/encoding: ...`
 * (STYLE 9). Codes are part of the public contract: scripts and editors match on them.
 */
export const ERROR_CODES = {
  E_SPEC_READ: "the spec file cannot be read",
  E_SPEC_SYNTAX: "the spec is not valid YAML or JSON",
  E_SPEC_VERSION: "the document is not OpenAPI 3.x",
  E_SPEC_REF: "a $ref cannot be resolved",
  E_SPEC_STRUCTURE: "the OpenAPI document has a structural error",
  E_SPEC_NO_HMAC: "the spec declares no x-hmac security scheme",
  E_SPEC_WEBHOOK_SECURITY: "a webhook scheme secures a request to the API, or a request scheme secures a webhook",
  E_SPEC_HEADER_NAME: "a header or cookie name is not an HTTP token (RFC 9110 §5.6.2)",
  E_XHMAC_TYPE: "a value has the wrong type",
  E_XHMAC_VALUE: "a value is not one of the allowed values",
  E_XHMAC_UNKNOWN_KEY: "an x-hmac object has a property the model does not define",
  E_XHMAC_REQUIRED: "a required property is missing",
  E_XHMAC_RANGE: "a number is out of range",
  E_XHMAC_PRESET: "the preset does not exist",
  E_XHMAC_COMPONENT: "a stringToSign component is not known",
  E_XHMAC_TEMPLATE: "the signature template is invalid",
  E_XHMAC_CARRIER: "a value's carrier and the signature template disagree",
  E_XHMAC_MISSING_PART: "a component refers to a part the scheme turned off",
  E_XHMAC_CASE_INSENSITIVE: "caseInsensitive is only defined for hex signatures",
  E_XHMAC_SECRET_IN_SPEC: "the spec holds a secret",
  E_XHMAC_PROFILE: "the profile is not supported, or a knob does not apply to it",
  E_XHMAC_SCHEME_TYPE: "x-hmac sits on a security scheme it cannot use",
  E_XHMAC_UNKNOWN_SCHEME: "no x-hmac security scheme has that name",
  E_AWS_SIGV4_REGION: "an aws-sigv4 scheme has no signing region",
  E_AWS_SIGV4_SERVICE: "an aws-sigv4 scheme has no signing service",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface SpecIssue {
  code: ErrorCode;
  /** JSON pointer into the spec, e.g. `#/components/securitySchemes/hmac/x-hmac/algorithm`. */
  pointer: string;
  message: string;
  hint?: string | undefined;
  /** `file:line:column` when the pointer could be mapped to the source. */
  location?: string | undefined;
}

export class SpecError extends Error {
  readonly issues: readonly SpecIssue[];
  constructor(issues: readonly SpecIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "SpecError";
    this.issues = issues;
  }
}

export function formatIssue(issue: SpecIssue): string {
  const pointer = printablePointer(issue.pointer);
  const where = issue.location ? `${issue.location} ${pointer}` : pointer;
  const hint = issue.hint ? ` ${capitalise(issue.hint)}` : "";
  return `[hmac-codegen] ${issue.code} at ${where}: ${issue.message}.${hint}`;
}

/**
 * A pointer as it is printed: spaces, controls and line breaks (U+2028/U+2029 too) percent-encoded as in
 * RFC 6901 §6's URI fragment form, so a name from the spec cannot split the one-line message or look
 * like the end of the pointer (issue 17: a scheme whose name holds a line break).
 */
function printablePointer(pointer: string): string {
  return pointer.replace(/[\s\p{Cc}\u2028\u2029]/gu, (char) =>
    [...new TextEncoder().encode(char)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join(""),
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Appends one reference token to a JSON pointer (RFC 6901 §3 escaping). */
export function childPointer(pointer: string, token: string | number): string {
  return `${pointer}/${String(token).replace(/~/g, "~0").replace(/\//g, "~1")}`;
}
