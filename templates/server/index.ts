/** Server verification: the spec-aware verifier, its adapters, the problem answer and the Redis replay store. */
export { expressVerification } from "./express.js";
export { fastifyVerification } from "./fastify.js";
export { fastifyRouter } from "./fastify-router.js";
export { type HonoContextLike, honoVerification } from "./hono.js";
export {
  type NodeRequest,
  type NodeResponse,
  nodeVerification,
  verificationOf,
  withNodeVerification,
} from "./node-http.js";
export { type NodeRouterRequest, type NodeRouterResponse, nodeRouter } from "./node-router.js";
export {
  createOperationRouter,
  type HandlerResult,
  type OperationEntry,
  type OperationTable,
  operationContext,
  type ParameterSpec,
  resultResponse,
} from "./operation-router.js";
export type {
  AuthAlternative,
  OperationAuth,
  OperationBody,
  OperationContext,
  OperationParams,
  OperationResult,
  TypedHandlers,
} from "./operation-types.js";
export { type Problem, problemFor, problemResponse } from "./problem.js";
export { readBodyLimited } from "./read-body.js";
export {
  ioRedisSetIfAbsent,
  nodeRedisSetIfAbsent,
  RedisReplayStore,
  type RedisReplayStoreOptions,
  type SetIfAbsent,
} from "./redis-replay-store.js";
export {
  type BodyFieldSpec,
  type BodyFieldType,
  type ParsedBody,
  type RequestBodySpec,
  readRequestBody,
} from "./request-body.js";
export { createRouteMatcher, type RouteMatch, type RouteMatcher } from "./route-matcher.js";
export {
  createSpecVerifier,
  type SpecSecurity,
  type Verifier,
  type VerifierFailure,
  type VerifierOptions,
  type VerifierResult,
} from "./verifier.js";
export { type VerifiedResult, withVerification } from "./web.js";
