/**
 * The init that builds a copy of a Request with other headers and another body: each member a Request
 * keeps from its init (Fetch standard, "new Request(input, init)"), so a rebuilt request goes out with the
 * caller's signal, credentials mode, cache mode and the rest, not the defaults.
 */
export function copiedInit(
  request: Request,
  headers: Headers,
  body: BodyInit | null,
): RequestInit & { duplex?: "half" } {
  return {
    method: request.method,
    headers,
    body,
    signal: request.signal,
    credentials: request.credentials,
    cache: request.cache,
    redirect: request.redirect,
    integrity: request.integrity,
    keepalive: request.keepalive,
    referrerPolicy: request.referrerPolicy,
    // A stream body must say so (Fetch standard: `duplex: "half"`); lib.dom's RequestInit lacks the member.
    ...(body instanceof ReadableStream ? { duplex: "half" as const } : {}),
  };
}
