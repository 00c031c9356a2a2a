/**
 * Real framework routes behind the verifier, for the six adapter forms (Express 5, Fastify 5, Hono 4 on
 * @hono/node-server, node:http `withNodeVerification` and `nodeVerification`, web `withVerification`),
 * each with a handler that records what it got. The spec's operations are registered as each framework's
 * own param routes (`{id}` → `:id`, `{rest+}` → a wildcard), next to a catch-all, so a request the
 * verifier lets through reaches a handler the way the framework routes it. Used by hostile-routes.test.ts
 * (fixed cases) and signed-mutation.property.test.ts (random operations).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import {
  expressVerification,
  fastifyVerification,
  honoVerification,
  nodeVerification,
  type Verifier,
  withNodeVerification,
  withVerification,
} from "../../../templates/server/index.js";

/** What a handler got, as the framework handed it over. */
export interface Seen {
  method: string;
  /** Path and query as the handler sees them: the raw target on Node and Express, the URL's on web forms. */
  url: string;
  headers: Record<string, string>;
  /** Body bytes as latin1 (one character per byte). */
  body: string;
  /** The body stream ended for the handler (false: it waited and nothing came). */
  ended: boolean;
}

/** A spec operation as the application registers it with its framework, in OpenAPI template syntax. */
export interface FrameworkRoute {
  method: string;
  template: string;
}

export type AdapterName = "express" | "fastify" | "hono" | "withNodeVerification" | "nodeVerification" | "withVerification";
export const ADAPTER_NAMES: readonly AdapterName[] = [
  "express",
  "fastify",
  "hono",
  "withNodeVerification",
  "nodeVerification",
  "withVerification",
];

export interface Started {
  port: number;
  /** Every request a handler ran for, oldest first; the caller empties it between requests. */
  seen: Seen[];
  close(): Promise<void>;
}

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Reads a node request stream the way raw-body does; gives up after 1 s (a stream that never ends). */
function drain(req: IncomingMessage): Promise<{ body: Buffer; ended: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => resolve({ body: Buffer.concat(chunks), ended: false }), 1000);
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      clearTimeout(timer);
      resolve({ body: Buffer.concat(chunks), ended: true });
    });
  });
}

function flat(headers: IncomingMessage["headers"]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([n, v]) => [n, Array.isArray(v) ? v.join(", ") : String(v ?? "")]));
}

function listen(server: Server, seen: Seen[]): Promise<Started> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ port: (server.address() as AddressInfo).port, seen, close: () => new Promise((r) => server.close(() => r())) }),
    ),
  );
}

function serveFetch(fetch: (request: Request) => Promise<Response> | Response, seen: Seen[]): Promise<Started> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve({ port: (server.address() as AddressInfo).port, seen, close: () => new Promise((r) => server.close(() => r())) }),
    );
  });
}

/** `{id}` → `:id`; `{rest+}` → Express 5's named wildcard; a segment mixing text and params keeps its text. */
function expressPath(template: string): string {
  return template.replace(/\{([^{}]+)\+\}/g, "*$1").replace(/\{([^{}]+)\}/g, ":$1");
}

/** find-my-way: `:id`, `:name.:ext`, `:a-:b`; a greedy param is the trailing `*`. */
function fastifyPath(template: string): string {
  return template.replace(/\{[^{}]+\+\}.*$/, "*").replace(/\{([^{}]+)\}/g, ":$1");
}

/** Hono's params span a whole segment: a segment mixing text and params is one param route. */
function honoPath(template: string): string {
  return template
    .split("/")
    .map((segment, i) => {
      if (/\{[^{}]+\+\}/.test(segment)) return "*";
      if (/^\{[^{}]+\}$/.test(segment)) return `:${segment.slice(1, -1)}`;
      return segment.includes("{") ? `:segment${i}` : segment;
    })
    .join("/");
}

export async function startAdapter(name: AdapterName, verifier: Verifier, routes: readonly FrameworkRoute[]): Promise<Started> {
  const seen: Seen[] = [];
  const nodeRecord = async (req: IncomingMessage, res: ServerResponse, url = req.url ?? ""): Promise<void> => {
    const { body, ended } = await drain(req);
    seen.push({ method: req.method ?? "", url, headers: flat(req.headers), body: body.toString("latin1"), ended });
    res.writeHead(200, { "content-type": "text/plain" }).end("handled");
  };
  const webRecord = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const body = Buffer.from(await request.arrayBuffer());
    const headers: Record<string, string> = {};
    request.headers.forEach((v, n) => {
      headers[n] = v;
    });
    seen.push({ method: request.method, url: `${url.pathname}${url.search}`, headers, body: body.toString("latin1"), ended: true });
    return new Response("handled");
  };
  /**
   * Node's docs route on `new URL(req.url, base).pathname` in a switch whose default is a fallback page:
   * every pathname reaches a handler, so only the verifier stands in front. The raw target is recorded.
   */
  const urlRouted = (req: IncomingMessage, res: ServerResponse): Promise<void> => nodeRecord(req, res);

  switch (name) {
    case "express": {
      const app = express();
      app.use(expressVerification(verifier));
      for (const route of routes) {
        const path = expressPath(route.template);
        const method = route.method.toLowerCase() as "get" | "post" | "put" | "patch" | "delete";
        if (BODY_METHODS.has(route.method)) {
          // express.raw inflates gzip and deflate by default: what a handler using a body parser sees.
          app[method](path, express.raw({ type: "*/*" }), (req, res) => {
            const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
            seen.push({ method: req.method, url: req.originalUrl, headers: flat(req.headers), body: body.toString("latin1"), ended: true });
            res.send("handled");
          });
        } else app[method](path, (req, res) => nodeRecord(req, res, req.originalUrl));
      }
      app.all("/{*splat}", (req, res) => nodeRecord(req, res, req.originalUrl));
      return listen(createServer(app), seen);
    }
    case "fastify": {
      const app = Fastify();
      app.removeAllContentTypeParsers();
      app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
      await app.register(fastifyVerification(verifier));
      const record = async (request: { method: string; raw: IncomingMessage; headers: IncomingMessage["headers"]; body: unknown }) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        seen.push({
          method: request.method,
          url: request.raw.url ?? "",
          headers: flat(request.headers),
          body: body.toString("latin1"),
          ended: true,
        });
        return "handled";
      };
      const registered = new Set<string>();
      for (const route of routes) {
        const key = `${route.method} ${fastifyPath(route.template)}`;
        // Two templates can collapse to one find-my-way route (`{a}/x` and `{b}/x`), and `/{rest+}` is the
        // catch-all itself: register each once.
        if (registered.has(key) || fastifyPath(route.template) === "/*") continue;
        registered.add(key);
        app.route({ method: route.method, url: fastifyPath(route.template), handler: record });
      }
      app.all("/*", record);
      await app.listen({ port: 0, host: "127.0.0.1" });
      return { port: (app.server.address() as AddressInfo).port, seen, close: () => app.close() };
    }
    case "hono": {
      const app = new Hono();
      app.use(honoVerification(verifier));
      for (const route of routes) app.on(route.method, honoPath(route.template), (c) => webRecord(c.req.raw));
      app.all("*", (c) => webRecord(c.req.raw));
      return serveFetch(app.fetch, seen);
    }
    case "withNodeVerification":
      return listen(createServer(withNodeVerification(verifier, urlRouted)), seen);
    case "nodeVerification": {
      const middleware = nodeVerification(verifier);
      return listen(
        createServer((req, res) => {
          void middleware(req, res, (error) => {
            if (error) return void res.writeHead(500).end();
            void urlRouted(req, res);
          });
        }),
        seen,
      );
    }
    case "withVerification":
      return serveFetch(
        withVerification(verifier, (request) => webRecord(request)),
        seen,
      );
  }
}
