/**
 * A web `Request` webhook receiver (webhook-receiver.ts) as a Fastify 5 route's `preParsing` hook, Fastify's
 * place for the raw payload before its content-type parser: the bytes as sent are handed to the receiver,
 * whose `Response` (the handler's, or a problem+json refusal) is sent from the hook, so the route's own
 * handler never runs and no parser sees the body. Typed structurally (no fastify import).
 */
import { flatHeaders } from "./node-http.js";

interface FastifyWebhookRequest {
  raw: {
    method?: string | undefined;
    url?: string | undefined;
    headers: Record<string, string | string[] | undefined>;
    rawHeaders?: readonly string[] | undefined;
  };
}

interface FastifyWebhookReply {
  code(status: number): FastifyWebhookReply;
  header(name: string, value: string): FastifyWebhookReply;
  send(body: Uint8Array): FastifyWebhookReply;
}

type Receive = (request: Request) => Promise<Response>;

/**
 * The hook for a route's options. The receiver enforces its own `maxBodyBytes`; Fastify's `bodyLimit` is
 * not applied to a payload read in `preParsing`, so the receiver's limit is the one that holds.
 *
 * @example
 * ```ts
 * import Fastify from "fastify";
 * import { fastifyWebhook, pushReceiver } from "./generated/webhooks.js";
 *
 * const app = Fastify();
 * const receive = pushReceiver({ secrets: [process.env.GITHUB_WEBHOOK_SECRET ?? ""] }, async () => new Response(null, {
 * status: 204 }));
 * app.post("/hooks/github", { preParsing: fastifyWebhook(receive) }, async () => undefined);
 * ```
 */
export function fastifyWebhook(
  receive: Receive,
): (
  request: FastifyWebhookRequest,
  reply: FastifyWebhookReply,
  payload: AsyncIterable<Uint8Array | string>,
) => Promise<FastifyWebhookReply> {
  return async (request, reply, payload) => {
    const method = request.raw.method ?? "POST";
    const headers = flatHeaders(request.raw.headers, request.raw.rawHeaders);
    // The receiver reads the body within its limit: handed a stream, so a large body is refused while it arrives.
    const iterator = payload[Symbol.asyncIterator]();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(typeof next.value === "string" ? new TextEncoder().encode(next.value) : next.value);
      },
      async cancel() {
        await iterator.return?.();
      },
    });
    const webRequest = new Request(new URL(request.raw.url ?? "/", "http://localhost"), {
      method,
      headers,
      ...(method === "GET" || method === "HEAD" ? {} : { body, duplex: "half" }),
    } as RequestInit);
    const response = await receive(webRequest);
    reply.code(response.status);
    response.headers.forEach((value, name) => {
      reply.header(name, value);
    });
    return reply.send(new Uint8Array(await response.arrayBuffer()));
  };
}
