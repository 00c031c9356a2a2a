/**
 * Golden vectors for `profile: rfc9421`: the vector requests made signable. An RFC 9421 scheme may cover
 * `@authority`, `@scheme` and `@target-uri`, so the URL is absolute; and it covers header fields, which
 * the request must have (RFC 9421 §2.5), so each covered field the request lacks gets a fixed value
 * (`date` the vectors' instant as an HTTP-date, RFC 9110 §5.6.7). Requests that still cannot be signed
 * (an `@query-param` their query lacks) are left out by the caller.
 */
import type { Rfc9421Scheme } from "../../templates/runtime/types.js";
import { TEST_NOW_MS } from "./test-credentials.js";
import type { VectorRequest } from "./vector-requests.js";

export const RFC9421_VECTOR_ORIGIN = "https://vectors.example";

/** The value a covered header field gets when the request has none. */
const FIELD_VALUE = "vector-value";

export function rfc9421VectorRequest(request: VectorRequest, scheme: Rfc9421Scheme): VectorRequest {
  const headers = { ...request.headers };
  const present = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  for (const component of scheme.components) {
    // content-digest is computed by the signer; derived components come from the URL.
    if (component.name.startsWith("@") || component.name === "content-digest" || present.has(component.name)) continue;
    headers[component.name] = component.name === "date" ? new Date(TEST_NOW_MS).toUTCString() : FIELD_VALUE;
  }
  return { ...request, url: `${RFC9421_VECTOR_ORIGIN}${request.url}`, headers };
}
