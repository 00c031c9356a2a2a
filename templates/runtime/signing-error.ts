/** A request that cannot be signed as its scheme requires (a caller's mistake, never a crash). */
export class SigningError extends Error {
  constructor(message: string) {
    super(`[hmac-codegen] ${message}`);
    this.name = "SigningError";
  }
}
