/**
 * A real node:http server on 127.0.0.1 whose authentication is done by the independent Python and PHP
 * reference verifiers: every request it receives, exactly as it arrived (raw request-target, headers,
 * body bytes), is handed to them. It answers 401 with their reasons unless every reference accepts.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ReferenceCase } from "../interop/reference-runner.js";
import type { ReferenceProcess } from "./reference-process.js";

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  /** Reasons from the references that rejected it; empty when all accepted or none was asked. */
  rejectedBy: string[];
}

export interface ReferenceServerOptions {
  preset: string;
  secret: string;
  /** Verifier clock, unix seconds. */
  now: number;
  references: readonly ReferenceProcess[];
  /** Whether a reference is asked about a request (default: always); where a seed's sides disagree, one may not be. */
  asks?: (reference: ReferenceProcess, request: ReceivedRequest) => boolean;
  /** Whether a request must be verified; a public route or another scheme answers without asking. */
  needsSignature: (request: ReceivedRequest) => boolean;
  /** Extra checks (an API key, a bearer token): a reason to reject, or undefined. */
  otherCheck?: (request: ReceivedRequest) => string | undefined;
}

export interface ReferenceServer {
  baseUrl: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startReferenceServer(options: ReferenceServerOptions): Promise<ReferenceServer> {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const request: ReceivedRequest = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: flatHeaders(req),
      body: await readBody(req),
      rejectedBy: [],
    };
    received.push(request);
    const other = options.otherCheck?.(request);
    if (other) request.rejectedBy.push(`server:${other}`);
    if (options.needsSignature(request)) {
      const verifyCase: ReferenceCase = {
        op: "verify",
        preset: options.preset,
        method: request.method,
        url: request.url,
        headers: request.headers,
        body_b64: request.body.toString("base64"),
        secret: options.secret,
        now: options.now,
      };
      for (const reference of options.references.filter((r) => options.asks?.(r, request) ?? true)) {
        const result = await reference.ask(verifyCase);
        if (!("ok" in result) || !result.ok) request.rejectedBy.push(`${reference.language}:${JSON.stringify(result)}`);
      }
    }
    if (request.rejectedBy.length > 0) {
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ rejectedBy: request.rejectedBy }));
      return;
    }
    if (request.method === "DELETE") {
      res.writeHead(204).end();
      return;
    }
    const stored = { id: "00000000-0000-4000-8000-000000000000", bytes: request.body.length };
    const payload =
      request.method === "GET" && !request.url.startsWith("/status") ? [stored] : request.url.startsWith("/status") ? { up: true } : stored;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(payload));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
