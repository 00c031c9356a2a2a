/**
 * A Fastify 5 plugin: `app.register(fastifyVerification(verifier))`. It verifies in the `preParsing` hook,
 * Fastify's place for reading the raw payload before the content-type parser, and hands Fastify a fresh
 * stream of the same bytes, so `request.body` is parsed as usual. `request.hmac` holds the result.
 * Fastify parses `request.query` before any hook, so when the signature fixes the query in another form than
 * sent (handed-query.ts), the hook re-reads it, with the app's `querystringParser` when it is passed here.
 * Typed structurally (no fastify import); node:stream is reached like node:crypto, without an import.
 */
import { concatBytes, splitRequestTarget } from "../runtime/index.js";
import { withQuery } from "./handed-query.js";
import { requestHeaders } from "./node-http.js";
import { problemFor } from "./problem.js";
import type { Verifier, VerifierResult } from "./verifier.js";

interface FastifyRequestLike {
  raw: {
    method?: string | undefined;
    url?: string | undefined;
    headers: Record<string, string | string[] | undefined>;
    rawHeaders?: readonly string[] | undefined;
  };
  query?: unknown;
  hmac?: Extract<VerifierResult, { ok: true }>;
}

interface FastifyReplyLike {
  code(status: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(body: string): FastifyReplyLike;
}

type Payload = AsyncIterable<Uint8Array | string>;

interface FastifyLike {
  addHook(
    name: "preParsing",
    hook: (
      request: FastifyRequestLike,
      reply: FastifyReplyLike,
      payload: Payload,
    ) => Promise<Payload | FastifyReplyLike>,
  ): unknown;
  decorateRequest(name: "hmac", value: null): unknown;
}

type ReadableFrom = {
  Readable: {
    from(chunks: Iterable<Uint8Array>, options: { objectMode: false }): Payload & { receivedEncodedLength?: number };
  };
};

export interface FastifyVerificationOptions {
  /** The app's own `querystringParser` (Fastify option), if it sets one; default: Fastify's (fast-querystring). */
  querystringParser?: ((query: string) => unknown) | undefined;
}

/**
 * Fastify 5 plugin that verifies each request in `preParsing`, before the body is parsed, and answers a
 * failure itself (RFC 9457 problem+json); a request that passes gets `request.hmac`.
 *
 * @param verifier - the spec's verifier, from `createVerifier` in the generated server.ts.
 * @param options - `querystringParser`: the app's own, when it sets one, so a handed query is parsed the same way.
 * @returns a plugin for `app.register`, applied to the routes of the scope it is registered in.
 *
 * @example
 * ```ts
 * import Fastify from "fastify";
 * import { createVerifier, fastifyVerification, type VerifierResult } from "./generated/server.js";
 *
 * const app = Fastify();
 * await app.register(fastifyVerification(createVerifier({ resolveKey: () => process.env.HMAC_SECRET })));
 * app.get("/api/v1/forecast/", async (request) => {
 *   const { hmac } = request as { hmac?: Extract<VerifierResult, { ok: true }> };
 *   return { client: hmac?.keyId };
 * });
 * ```
 */
export function fastifyVerification(
  verifier: Verifier,
  options: FastifyVerificationOptions = {},
): ((fastify: FastifyLike) => Promise<void>) & { [key: symbol]: boolean } {
  const parseQuery = options.querystringParser ?? parseQueryLikeFastify;
  const plugin = async (fastify: FastifyLike): Promise<void> => {
    fastify.decorateRequest("hmac", null);
    fastify.addHook("preParsing", async (request, reply, payload) => {
      const method = request.raw.method ?? "GET";
      const url = request.raw.url ?? "/";
      // Every header line, repeats joined: node's request.headers drops a second Authorization (node-http.ts).
      const headers = requestHeaders(request.raw.headers, request.raw.rawHeaders);
      let body: Uint8Array | undefined;
      let replay = payload;
      if (verifier.needsBody(method, url)) {
        if (await knownEmpty(payload)) {
          // Handed on unread: Fastify sees the stream it would have seen without this hook.
          body = NO_BODY;
        } else {
          body = await readLimited(payload, verifier.maxBodyBytes, headers.get("content-length"));
          if (!body)
            return fail(reply, {
              ok: false,
              operation: `${method} ${url}`,
              scheme: undefined,
              reason: "body_too_large",
              status: 413,
            });
          replay = replayStream(body);
        }
      }
      const result = await verifier.verifyDescription({ method, url, headers, body });
      if (!result.ok) return fail(reply, result);
      if (result.target !== undefined) {
        const { query } = splitRequestTarget(result.target);
        request.raw.url = withQuery(url, query);
        request.query = parseQuery(query);
      }
      request.hmac = result;
      return replay;
    });
  };
  // fastify-plugin's marker: the hook applies to the whole app, not only to an encapsulated context.
  return Object.assign(plugin, { [Symbol.for("skip-override")]: true });
}

/** Fastify's default: fast-querystring's shape, a null-prototype object, repeats as arrays, `+` a space. */
function parseQueryLikeFastify(query: string): Record<string, string | string[]> {
  const parsed: Record<string, string | string[]> = Object.create(null);
  new URLSearchParams(query).forEach((value, name) => {
    const before = parsed[name];
    parsed[name] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
  });
  return parsed;
}

const NO_BODY = new Uint8Array(0);

/**
 * A bodyless request (every GET), known without reading it: the raw request says it is whole with nothing
 * buffered, one microtask on (node:http emits 'request' before its parser reaches the end of a bodyless
 * message in the same chunk), as the node:http adapter's captureBody decides. Iterating the payload and
 * building a replay stream for no bytes cost more than the signature check itself (throughput profile).
 * Any other payload (an earlier hook's stream, a body, HTTP/2 without `complete`) is read.
 */
async function knownEmpty(payload: Payload): Promise<boolean> {
  const stream = payload as Payload & { complete?: unknown; readableLength?: unknown; readableEnded?: unknown };
  if (stream.complete === undefined) return false;
  await undefined;
  return stream.complete === true && stream.readableLength === 0 && stream.readableEnded === false;
}

function fail(reply: FastifyReplyLike, failure: Extract<VerifierResult, { ok: false }>): FastifyReplyLike {
  const problem = problemFor(failure);
  reply.code(problem.status);
  for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
  return reply.send(problem.body);
}

async function readLimited(
  payload: Payload,
  maxBytes: number,
  declaredLength: string | undefined,
): Promise<Uint8Array | undefined> {
  if (declaredLength !== undefined && Number(declaredLength) > maxBytes) return undefined;
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of payload) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    length += bytes.length;
    if (length > maxBytes) return undefined;
    chunks.push(bytes);
  }
  return concatBytes(chunks);
}

function replayStream(body: Uint8Array): Payload {
  const stream = (
    globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
  ).process?.getBuiltinModule?.("node:stream") as ReadableFrom | undefined;
  if (!stream) throw new Error("[hmac-codegen] the Fastify adapter needs node:stream");
  // A byte stream, not Readable.from's default object mode: Fastify's parsers call setEncoding on it.
  const replay = stream.Readable.from(body.length > 0 ? [body] : [], { objectMode: false });
  // Fastify compares this with Content-Length (its preParsing contract).
  replay.receivedEncodedLength = body.length;
  return replay;
}
