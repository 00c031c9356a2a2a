/**
 * How the client writes a typed request body. The generator writes this file for each spec: where every
 * request body the spec declares is `application/json`, json-body.ts (openapi-fetch's own JSON writing, a
 * smaller client bundle); otherwise declared-body.ts, which writes each body as its operation's media type.
 */
export { requestBodies } from "./declared-body.js";
