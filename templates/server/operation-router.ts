/**
 * A web-standard fetch handler that routes to typed operation handlers: it verifies each request as its
 * operation's `security` says, turns path, query, header and cookie strings into the declared primitive
 * types, parses the body by its declared media type (request-body.ts), and serialises the handler's result. The user's
 * handlers
 * live in the user's own file, so regenerating never touches them.
 */
import { bodyTooLarge, handedRequest } from "./handed-request.js";
import { problemResponse } from "./problem.js";
import { type RequestBodySpec, readRequestBody } from "./request-body.js";
import type { Verifier } from "./verifier.js";
import type { VerifiedResult } from "./web.js";

export interface ParameterSpec {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  type: "string" | "integer" | "number" | "boolean";
  array: boolean;
}

/** One operation as the router reads it: its parameters and, where it declares one, its request body. */
export interface OperationEntry {
  key: string;
  parameters: readonly ParameterSpec[];
  body?: RequestBodySpec | undefined;
}

/** Per handler name: the operation's `METHOD /path` key, parameters and body (written into handlers.ts). */
export type OperationTable = Readonly<Record<string, OperationEntry>>;

type AnyHandler = (context: {
  params: Record<string, Record<string, unknown>>;
  body: unknown;
  auth: VerifiedResult;
  request: Request;
}) =>
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | Promise<{ status: number; body?: unknown; headers?: Record<string, string> }>;

export function createOperationRouter(
  verifier: Verifier,
  table: OperationTable,
  handlers: object,
): (request: Request) => Promise<Response> {
  const byKey = new Map<string, { name: string; entry: OperationEntry }>();
  for (const [name, entry] of Object.entries(table)) byKey.set(entry.key, { name, entry });
  const implementations = handlers as Record<string, AnyHandler | undefined>;

  return async (request) => {
    const auth = await verifier.verify(request);
    if (!auth.ok) return problemResponse(auth);
    const operation = auth.operation ? byKey.get(auth.operation) : undefined;
    // Own properties only: an operationId such as `toString` or `constructor` must never run Object's method.
    const handler =
      operation && Object.hasOwn(implementations, operation.name) ? implementations[operation.name] : undefined;
    if (!operation || !handler) return new Response(null, { status: 404 });
    // The query as the signature fixes it, when the one sent reads differently (handed-query.ts).
    const handed = await handedRequest(request, auth.target, verifier.maxBodyBytes);
    if (!handed) return problemResponse(bodyTooLarge(auth));
    const context = await operationContext(handed, auth, operation.entry, verifier.maxBodyBytes);
    if (!context.ok) return context.response;
    return resultResponse(await handler(context.context));
  };
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Context = {
  params: Record<string, Record<string, unknown>>;
  body: unknown;
  auth: VerifiedResult;
  request: Request;
};

/**
 * What a handler sees: typed parameters and the body parsed as declared; or the answer when they do not
 * parse (400), or the body is not one of the operation's media types (415).
 */
export async function operationContext(
  request: Request,
  auth: VerifiedResult,
  operation: Pick<OperationEntry, "parameters" | "body">,
  maxBodyBytes: number,
): Promise<{ ok: true; context: Context } | { ok: false; response: Response }> {
  const params = readParameters(request, auth.params, operation.parameters);
  if (!params) return { ok: false, response: problem(400, "A parameter does not have its declared type.") };
  const body = await readRequestBody(request, operation.body, maxBodyBytes);
  if (!body.ok) return { ok: false, response: problem(body.status, body.detail) };
  return { ok: true, context: { params, body: body.body, auth, request } };
}

/** A handler's result as a Response: JSON unless its headers say otherwise; no body, no content. */
export function resultResponse(result: HandlerResult): Response {
  const headers = new Headers(result.headers);
  if (result.body === undefined) return new Response(null, { status: result.status, headers });
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  const payload = headers.get("content-type")?.includes("json") ? JSON.stringify(result.body) : String(result.body);
  return new Response(payload, { status: result.status, headers });
}

function problem(status: 400 | 413 | 415, detail: string): Response {
  const title = status === 400 ? "Bad Request" : status === 413 ? "Content Too Large" : "Unsupported Media Type";
  return new Response(JSON.stringify({ type: "about:blank", title, status, detail }), {
    status,
    headers: { "content-type": "application/problem+json" },
  });
}

function readParameters(
  request: Request,
  pathParams: Record<string, string>,
  specs: readonly ParameterSpec[],
): Record<string, Record<string, unknown>> | undefined {
  const out: Record<string, Record<string, unknown>> = { path: {}, query: {}, header: {}, cookie: {} };
  const url = new URL(request.url);
  const cookies = new Map(
    (request.headers.get("cookie") ?? "").split(";").flatMap((pair) => {
      const equals = pair.indexOf("=");
      return equals > 0 ? [[pair.slice(0, equals).trim(), pair.slice(equals + 1).trim()] as const] : [];
    }),
  );
  for (const spec of specs) {
    let raw: string[];
    if (spec.in === "path") raw = pathParams[spec.name] === undefined ? [] : [pathParams[spec.name] ?? ""];
    else if (spec.in === "query") raw = url.searchParams.getAll(spec.name);
    else if (spec.in === "header") raw = request.headers.has(spec.name) ? [request.headers.get(spec.name) ?? ""] : [];
    else raw = cookies.has(spec.name) ? [cookies.get(spec.name) ?? ""] : [];
    if (raw.length === 0) continue;
    const values = spec.array && raw.length === 1 && spec.in !== "query" ? (raw[0] ?? "").split(",") : raw;
    const typed = values.map((value) => coerce(value, spec.type));
    if (typed.some((value) => value === undefined)) return undefined;
    const target = out[spec.in] ?? {};
    target[spec.name] = spec.array ? typed : typed[0];
  }
  return out;
}

// Number() also reads "0x10", "1e3", " 7 " and "0b11"; a parameter must be written as JSON writes it.
const INTEGER = /^-?(0|[1-9]\d*)$/;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function coerce(value: string, type: ParameterSpec["type"]): string | number | boolean | undefined {
  if (type === "string") return value;
  if (type === "boolean") return value === "true" ? true : value === "false" ? false : undefined;
  if (!(type === "integer" ? INTEGER : NUMBER).test(value)) return undefined;
  const number = Number(value);
  return Number.isFinite(number) && (type !== "integer" || Number.isSafeInteger(number)) ? number : undefined;
}
