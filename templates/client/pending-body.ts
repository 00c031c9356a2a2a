/**
 * A typed body that openapi-fetch has handed to the client's `bodySerializer` (declared-body.ts) and that
 * is not serialised yet: the operation's media type decides how, once a middleware knows the operation.
 */
export class PendingBody {
  readonly value: unknown;
  /** The Content-Type the caller gave for this request, if any: it wins over the spec's first media type. */
  readonly contentType: string | undefined;
  constructor(value: unknown, contentType: string | undefined) {
    this.value = value;
    this.contentType = contentType;
  }
}
