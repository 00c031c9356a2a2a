/** A request explain cannot take as given (no key id, a secret that is not in the scheme's encoding). */
export class ExplainError extends Error {
  constructor(message: string) {
    super(`[hmac-codegen] ${message}`);
    this.name = "ExplainError";
  }
}
