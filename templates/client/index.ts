/** The client glue: the openapi-fetch signing middleware and what it needs. */
export { callTimeFetch } from "./call-time-fetch.js";
export { PendingBody } from "./pending-body.js";
export {
  applyPlainCredential,
  type BasicCredentials,
  type PlainCredential,
  type PlainScheme,
} from "./plain-credentials.js";
export { requestBodies } from "./request-bodies.js";
export type { BodyMiddleware, BodySerializer, RequestBodyWriter, RequestMediaTypes } from "./request-body-writer.js";
export {
  firstSatisfiable,
  MissingCredentialsError,
  type OperationSecurity,
  operationKey,
  type SecurityAlternatives,
} from "./security.js";
export { bodySourceOf, pendingBodyOf, SignableRequest } from "./signable-request.js";
export {
  createSigningMiddleware,
  type SigningMiddleware,
  type SigningMiddlewareOptions,
} from "./signing-middleware.js";
export type { VerificationProblem, VerifierStatus, WithVerificationErrors } from "./verification-errors.js";
export { wireBody } from "./wire-body.js";
