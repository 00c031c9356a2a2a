/**
 * A real server on 127.0.0.1 for each generated adapter, all answering the same way: 200 with the
 * verification result and the body as the framework parsed it (proof that it is still readable), or
 * 404 for a path the spec does not declare, which the adapters leave to the framework.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import type { VerifierResult } from "../golden/nextcloud-drf/server.js";
import {
  expressVerification,
  fastifyVerification,
  honoVerification,
  type Verifier,
  verificationOf,
  withNodeVerification,
  withVerification,
} from "../golden/nextcloud-drf/server.js";

export const ADAPTERS = ["web", "express", "fastify", "hono", "node"] as const;
export type AdapterName = (typeof ADAPTERS)[number];

export interface RunningServer {
  baseUrl: string;
  close(): Promise<void>;
}

type Auth = Extract<VerifierResult, { ok: true }> | undefined;

function answer(auth: Auth, body: unknown): { status: number; json: unknown } {
  if (!auth?.operation) return { status: 404, json: { error: "not declared" } };
  return { status: 200, json: { operation: auth.operation, keyId: auth.keyId ?? null, scheme: auth.scheme ?? null, body } };
}

function parse(text: string, contentType: string | undefined): unknown {
  if (text === "") return null;
  return contentType?.includes("json") ? (JSON.parse(text) as unknown) : text;
}

export async function startAdapter(name: AdapterName, verifier: Verifier): Promise<RunningServer> {
  switch (name) {
    case "web": {
      const handler = withVerification(verifier, async (request, auth) => {
        const { status, json } = answer(auth, parse(await request.text(), request.headers.get("content-type") ?? undefined));
        return Response.json(json, { status });
      });
      return listenHonoNode(handler);
    }
    case "hono": {
      const app = new Hono<{ Variables: { hmac: Auth } }>();
      app.use(honoVerification(verifier));
      app.all("*", async (c) => {
        const contentType = c.req.header("content-type");
        const body = contentType?.includes("json") ? await c.req.json() : (await c.req.text()) || null;
        const { status, json } = answer(c.get("hmac"), body);
        return c.json(json as object, status as 200);
      });
      return listenHonoNode(app.fetch);
    }
    case "express": {
      const app = express();
      app.use(expressVerification(verifier));
      app.use(express.json());
      app.use(express.text({ type: () => true }));
      app.use((req, res) => {
        const body =
          req.body === undefined ||
          (typeof req.body === "object" && req.body !== null && Object.keys(req.body).length === 0 && !req.headers["content-length"])
            ? null
            : req.body;
        const { status, json } = answer(verificationOf(req), body);
        res.status(status).json(json);
      });
      return listenNode(createServer(app));
    }
    case "fastify": {
      const app = Fastify();
      await app.register(fastifyVerification(verifier));
      app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));
      app.all("/*", async (request, reply) => {
        const { status, json } = answer((request as { hmac?: Auth }).hmac ?? undefined, request.body ?? null);
        return reply.code(status).send(json);
      });
      await app.listen({ port: 0, host: "127.0.0.1" });
      const { port } = app.server.address() as AddressInfo;
      return { baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
    }
    case "node": {
      const server = createServer(
        withNodeVerification(verifier, async (req: IncomingMessage, res: ServerResponse) => {
          const chunks: Buffer[] = [];
          for await (const chunk of req) chunks.push(chunk as Buffer);
          const { status, json } = answer(verificationOf(req), parse(Buffer.concat(chunks).toString("utf8"), req.headers["content-type"]));
          res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
        }),
      );
      return listenNode(server);
    }
  }
}

async function listenNode(server: Server): Promise<RunningServer> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Any fetch handler `(request) => Response`, served by @hono/node-server. */
export function startFetchHandler(fetch: (request: Request) => Response | Promise<Response>): Promise<RunningServer> {
  return listenHonoNode(fetch);
}

async function listenHonoNode(fetch: (request: Request) => Response | Promise<Response>): Promise<RunningServer> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
