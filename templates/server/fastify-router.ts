/**
 * The typed router (a fetch handler) as a Fastify 5 plugin: `app.register(fastifyRouter(router), { prefix })`.
 * The router reads the body itself, as signed, so in the plugin's scope (Fastify encapsulation) no content
 * type parser reads it: every media type is accepted unparsed, the route takes every method and path under
 * the prefix, and the reply is hijacked (Fastify's documented way to answer from `reply.raw`) and written
 * by `nodeRouter` from the raw request as sent (`request.raw.url` keeps the prefix). Typed structurally.
 */
import { type NodeRouterRequest, type NodeRouterResponse, nodeRouter } from "./node-router.js";

interface FastifyScopeLike {
  removeAllContentTypeParsers(): unknown;
  addContentTypeParser(
    type: "*",
    parser: (request: unknown, payload: unknown, done: (error: null, body?: undefined) => void) => void,
  ): unknown;
  all(
    path: string,
    handler: (
      request: { raw: NodeRouterRequest },
      reply: { raw: NodeRouterResponse; hijack(): unknown },
    ) => Promise<void>,
  ): unknown;
}

export function fastifyRouter(
  router: (request: Request) => Promise<Response>,
): (fastify: FastifyScopeLike) => Promise<void> {
  const handle = nodeRouter(router);
  return async (fastify) => {
    fastify.removeAllContentTypeParsers();
    // Leave the payload unread: the router streams it from request.raw.
    fastify.addContentTypeParser("*", (_request, _payload, done) => done(null));
    const route = async (
      request: { raw: NodeRouterRequest },
      reply: { raw: NodeRouterResponse; hijack(): unknown },
    ) => {
      reply.hijack();
      await handle(request.raw, reply.raw);
    };
    fastify.all("/", route);
    fastify.all("/*", route);
  };
}
