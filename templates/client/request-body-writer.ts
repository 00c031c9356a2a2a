/** What json-body.ts and declared-body.ts each give createSpecClient (request-bodies.ts picks one per spec). */

/** The media types each operation's requestBody declares, by operation key (security.ts's operationKey). */
export type RequestMediaTypes = Readonly<Record<string, readonly string[]>>;

/** openapi-fetch's `bodySerializer` option, as it calls it: the body and the request's merged headers. */
export type BodySerializer = (body: unknown, headers?: Headers | Record<string, string>) => unknown;

/** A middleware that runs first, before the user's own; openapi-fetch's `Middleware` shape. */
export interface BodyMiddleware {
  onRequest(context: { request: Request; schemaPath: string }): Promise<Request | undefined>;
}

export interface RequestBodyWriter {
  bodySerializer: BodySerializer;
  middleware: BodyMiddleware[];
}

/** The Content-Type the caller set for a request, as openapi-fetch hands the merged headers to the serializer. */
export function callerContentType(headers?: Headers | Record<string, string>): string | undefined {
  const given =
    headers instanceof Headers ? headers.get("content-type") : (headers?.["content-type"] ?? headers?.["Content-Type"]);
  return given ?? undefined;
}
