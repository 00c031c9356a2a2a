/**
 * A Request that remembers the body it was built from. openapi-fetch builds its Request through the
 * `Request` option (createClient), so the signing middleware can hash a `Blob` body from the Blob
 * itself, as a stream, instead of `request.clone()`: a clone tees the body and buffers all of it for the
 * unread branch, so memory would grow with the body; hashing the Blob keeps it bounded for large bodies.
 */
import { PendingBody } from "./pending-body.js";

const bodySources = new WeakMap<Request, BodyInit>();
const pendingBodies = new WeakMap<Request, PendingBody>();

export class SignableRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    // A body still to be written as its media type (declared-body.ts) goes on the wire only once it is.
    const pending: unknown = init?.body;
    super(input, pending instanceof PendingBody ? { ...init, body: null } : init);
    if (pending instanceof PendingBody) pendingBodies.set(this, pending);
    else if (init?.body !== undefined && init.body !== null) bodySources.set(this, init.body);
  }

  /**
   * openapi-fetch accepts a middleware's result only if it is `instanceof` the class given as `Request`,
   * so without this a user's middleware returning a plain `new Request(...)` would be refused.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // Its own instances too, by the prototype chain: a server library may replace globalThis.Request after
    // this class extended the original one (@hono/node-server does, by default), and then they differ.
    return value instanceof Request || Function.prototype[Symbol.hasInstance].call(SignableRequest, value);
  }
}

/** The typed body a SignableRequest holds back until its operation's media type is known. */
export function pendingBodyOf(request: Request): PendingBody | undefined {
  return pendingBodies.get(request);
}

/** The `body` init a SignableRequest was constructed with, exactly as given; undefined for any other Request. */
export function bodySourceOf(request: Request): BodyInit | undefined {
  return bodySources.get(request);
}
