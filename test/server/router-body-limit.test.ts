/**
 * The typed router reads the body of operations whose security does not sign it (public, an API key, a
 * bearer token): that read keeps the verifier's maxBodyBytes, so an unauthenticated upload cannot make the
 * server buffer more than a signed one (413, the handler never runs). And a form part named `__proto__`
 * stays a field: it must not become the prototype of the body a handler reads.
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRequestBody } from "../../templates/server/request-body.js";
import { createRouter, type Handlers, nodeRouter } from "../golden/django-hmac-authentication/handlers.js";
import { createVerifier } from "../golden/django-hmac-authentication/server.js";

const LIMIT = 64 * 1024;
let server: Server;
let port = 0;
let reached = 0;

beforeAll(async () => {
  const verifier = createVerifier({ resolveKey: () => undefined, maxBodyBytes: LIMIT });
  const handlers: Handlers = {
    getAuthenticatedView: () => ({ status: 200, body: {} }),
    postAuthenticatedView: () => ({ status: 200, body: {} }),
    obtainHmacApiKey: () => {
      reached += 1;
      return { status: 200, body: {} } as never;
    },
  } as Handlers;
  server = createServer(nodeRouter(createRouter(verifier, handlers)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** POSTs `chunks` x 16 KiB of JSON whitespace then `{}`, chunked (no Content-Length to refuse up front). */
function post(chunks: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: "127.0.0.1", port, method: "POST", path: "/obtain-hmac-api-key/", headers: { "content-type": "application/json" } },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error),
    );
    for (let i = 0; i < chunks; i++) request.write(Buffer.alloc(16 * 1024, 0x20));
    request.end("{}");
  });
}

describe("the typed router's body limit on an operation that signs no body", () => {
  it("answers 413 past maxBodyBytes, chunked, and never runs the handler", async () => {
    const before = reached;
    const answer = await post(LIMIT / (16 * 1024) + 4);
    expect(answer.status).toBe(413);
    expect(reached).toBe(before);
  });

  it("still hands a body under the limit to the handler", async () => {
    const before = reached;
    const answer = await post(2);
    expect(answer.status, answer.body).toBe(200);
    expect(reached).toBe(before + 1);
  });
});

describe("form fields", () => {
  it("a part named __proto__ is an own field, and the body keeps Object's prototype", async () => {
    const form = new FormData();
    form.append("title", "hi");
    form.append("__proto__", new File(["x"], "passwd", { type: "text/html" }));
    const spec = {
      required: true,
      mediaTypes: ["multipart/form-data"],
      fields: [
        { name: "title", type: "string", array: false, required: true },
        { name: "name", type: "string", array: false, required: false },
      ],
    } as const;
    const parsed = await readRequestBody(new Request("http://x/upload", { method: "POST", body: form }), spec, LIMIT);
    if (!parsed.ok) throw new Error(parsed.detail);
    const body = parsed.body as Record<string, unknown>;
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(body instanceof Blob).toBe(false);
    expect(Object.hasOwn(body, "__proto__")).toBe(true);
    expect(body.name).toBeUndefined();
    expect(body.title).toBe("hi");
  });
});
