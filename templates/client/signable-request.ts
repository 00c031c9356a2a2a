/**
 * A Request that remembers the body it was built from. openapi-fetch builds its Request through the
 * `Request` option (createClient), so the signing middleware can hash a `Blob` body from the Blob
 * itself, as a stream, instead of `request.clone()`: a clone tees the body and buffers all of it for the
 * unread branch, so memory would grow with the body; hashing the Blob keeps it bounded for large bodies.
 */
const bodySources = new WeakMap<Request, BodyInit>();

export class SignableRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    if (init?.body !== undefined && init.body !== null) bodySources.set(this, init.body);
  }

  /**
   * openapi-fetch accepts a middleware's result only if it is `instanceof` the class given as `Request`,
   * so without this a user's middleware returning a plain `new Request(...)` would be refused.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Request;
  }
}

/** The `body` init a SignableRequest was constructed with, exactly as given; undefined for any other Request. */
export function bodySourceOf(request: Request): BodyInit | undefined {
  return bodySources.get(request);
}
