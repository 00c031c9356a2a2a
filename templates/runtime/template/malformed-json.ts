/**
 * A body that a JSON-re-serialising scheme (django_hmac_authentication, python-json.ts) cannot sign: not
 * UTF-8, or not JSON. Its own file, so the signer and verifier can recognise it in an output that leaves
 * python-json.ts out (json-forms.ts).
 */
export class MalformedJsonError extends Error {
  constructor(message: string) {
    super(`[hmac-codegen] body is not valid JSON: ${message}`);
    this.name = "MalformedJsonError";
  }
}
