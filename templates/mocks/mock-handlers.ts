/**
 * msw 2 request handlers, one per operation: each verifies the intercepted request with the same verifier
 * as the generated server (a failure answers exactly as the server would: status, problem+json, reason),
 * then answers with the user's override for that operation, or with the operation's canned response (the
 * spec's example, or deterministic schema-valid data computed at generation time).
 */
import { type HttpHandler, http } from "msw";
import { bodyTooLarge, handedRequest } from "../server/handed-request.js";
import {
  type HandlerResult,
  type OperationTable,
  operationContext,
  resultResponse,
} from "../server/operation-router.js";
import { problemResponse } from "../server/problem.js";
import type { Verifier } from "../server/verifier.js";

/** A canned answer: the first success response the spec declares, with its example or generated data. */
export interface MockResponse {
  status: number;
  contentType?: string | undefined;
  body?: unknown;
}

export type MockResponses = Readonly<Record<string, MockResponse>>;

type AnyOverride = (context: never) => HandlerResult | Promise<HandlerResult>;

const METHODS = {
  GET: http.get,
  POST: http.post,
  PUT: http.put,
  PATCH: http.patch,
  DELETE: http.delete,
  HEAD: http.head,
  OPTIONS: http.options,
} as const;

/**
 * msw 2 handlers for every operation of a table, each verifying the request as the generated server does
 * and answering with the override for its operation or the canned response. The generated mocks.ts binds
 * it to the spec as `createHandlers(options)`, which is what tests call.
 *
 * @param verifier - the spec's verifier.
 * @param table - the operations by handler name (the generated handlers.ts `operationTable`).
 * @param responses - the canned response of each operation (the generated mocks.ts `mockResponses`).
 * @param overrides - typed handlers for some operations, which see the verified key id.
 * @param baseUrl - only intercept this origin and path prefix; default: any origin.
 * @returns the handlers for `setupServer` (msw/node) or `setupWorker` (msw/browser).
 *
 * @example
 * ```ts
 * import { setupServer } from "msw/node";
 * import { createClient } from "./generated/client.js";
 * import { createHandlers } from "./generated/mocks.js";
 *
 * const secret = Buffer.from("a test key of at least 32 bytes!").toString("base64");
 * const server = setupServer(...createHandlers({ resolveKey: (keyId) => (keyId === "nc-1" ? secret : undefined) }));
 * server.listen({ onUnhandledRequest: "error" });
 * const credentials = { integrationHmac: { keyId: "nc-1", secret } };
 * const api = createClient({ baseUrl: "https://weather.example.com", credentials });
 * // Verified by the mock, then answered with the canned response.
 * const { data } = await api.GET("/api/v1/forecast/", { params: { query: { city: "Bern" } } });
 * ```
 */
export function createMockHandlersFor(
  verifier: Verifier,
  table: OperationTable,
  responses: MockResponses,
  overrides: object,
  baseUrl?: string,
): HttpHandler[] {
  const implementations = overrides as Record<string, AnyOverride | undefined>;
  return Object.entries(table).map(([name, entry]) => {
    const space = entry.key.indexOf(" ");
    const method = entry.key.slice(0, space);
    const register = METHODS[method as keyof typeof METHODS] ?? http.all;
    return register(urlPattern(entry.key.slice(space + 1), baseUrl), async ({ request }) => {
      // A concrete path can match a templated handler's pattern too; leave it to its own handler, before
      // verifying, so its nonce is claimed once.
      if (verifier.match(request.method, request.url)?.key !== entry.key) return undefined;
      const auth = await verifier.verify(request);
      if (!auth.ok) return problemResponse(auth);
      // Own properties only: an operationId such as `toString` or `constructor` must never run Object's method.
      const override = Object.hasOwn(implementations, name) ? implementations[name] : undefined;
      if (override) {
        const handed = await handedRequest(request, auth.target, verifier.maxBodyBytes);
        if (!handed) return problemResponse(bodyTooLarge(auth));
        const context = await operationContext(handed, auth, entry, verifier.maxBodyBytes);
        if (!context.ok) return context.response;
        return resultResponse(
          await (override as (context: unknown) => HandlerResult | Promise<HandlerResult>)(context.context),
        );
      }
      const canned = Object.hasOwn(responses, name) ? responses[name] : undefined;
      if (!canned) return new Response(null, { status: 204 });
      return resultResponse({
        status: canned.status,
        body: canned.body,
        ...(canned.contentType ? { headers: { "content-type": canned.contentType } } : {}),
      });
    });
  });
}

/**
 * The operation's URL as a RegExp over msw's clean URL (origin and path, no query): `{param}` is one
 * segment (or part of one), `{param+}` spans segments. A RegExp rather than msw's `:param` syntax, which
 * cannot hold every OpenAPI parameter name.
 */
export function urlPattern(pathTemplate: string, baseUrl?: string): RegExp {
  const origin = baseUrl ? escapeRegExp(baseUrl.replace(/\/+$/, "")) : "[a-zA-Z][a-zA-Z0-9+.-]*://[^/]+";
  // `?name` and `#...` suffixes (AWS-style) never appear in msw's clean URL (RFC 9112 §3.2: no fragment
  // on the wire); the verifier's matcher tells those operations apart by their query.
  const wirePath = pathTemplate.replace(/[?#].*$/, "") || "/";
  const path = wirePath
    .split(/(\{[^{}]+\})/)
    .map((part) => (/^\{[^{}]+\+\}$/.test(part) ? ".+" : /^\{[^{}]+\}$/.test(part) ? "[^/]+" : escapeRegExp(part)))
    .join("");
  return new RegExp(`^${origin}${path}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
