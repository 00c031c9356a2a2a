/**
 * The typed router (a fetch handler) served from node:http and Express: `http.createServer(nodeRouter(router))`,
 * `app.use("/v1", nodeRouter(router))`. The request becomes a web `Request` with the target as sent
 * (`req.originalUrl`, which keeps Express's mount path, else `req.url`), every header line (`rawHeaders`)
 * and the body streamed; the router verifies it before any handler runs. A target the URL parser would
 * rewrite (dot segments, `\`, a fragment, absolute-form) is refused as malformed: the signature, the
 * verifier and the route must all read the one path the client sent. Mount it before any body parser
 * (express.json() would consume the body, and the signature then fails). Typed structurally.
 */
import { flatHeaders, type NodeRequest } from "./node-http.js";
import { problemFor } from "./problem.js";

export interface NodeRouterRequest
  extends Pick<NodeRequest, "method" | "url" | "originalUrl" | "headers" | "rawHeaders"> {
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array | string>;
  /** node:http's IncomingMessage: true once the whole body was read. */
  readonly complete?: boolean;
}

export interface NodeRouterResponse {
  statusCode: number;
  headersSent?: boolean;
  setHeader(name: string, value: string | string[]): unknown;
  write(chunk: Uint8Array): unknown;
  end(body?: string): unknown;
}

const NO_BODY = new Set(["GET", "HEAD"]);

export function nodeRouter(
  router: (request: Request) => Promise<Response>,
): (req: NodeRouterRequest, res: NodeRouterResponse, next?: (error?: unknown) => void) => Promise<void> {
  return async (req, res) => {
    try {
      const request = webRequest(req);
      const response = request ? await router(request) : malformed(req);
      // Answered before the body was read to its end (413, a refusal): node:http would leave the rest
      // unread on a keep-alive socket and the client's next request would wait behind it; close it instead.
      if (req.complete === false) res.setHeader("connection", "close");
      await send(response, res);
    } catch {
      // Never the error's message or stack: it may hold request data, and Express's default error handler
      // (next(error)) prints the stack outside production. A bare 500, whatever framework is around.
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    }
  };
}

/** The request as a web Request, or undefined when its target would not survive URL parsing unchanged. */
function webRequest(req: NodeRouterRequest): Request | undefined {
  const target = req.originalUrl ?? req.url ?? "/";
  const headers = flatHeaders(req.headers, req.rawHeaders);
  const { host = "localhost" } = headers;
  if (!target.startsWith("/") || target.includes("#") || target.includes("\\")) return undefined;
  let url: URL;
  try {
    url = new URL(`http://${host}${target}`);
  } catch {
    return undefined;
  }
  if (`${url.pathname}${url.search}` !== target) return undefined;
  const method = (req.method ?? "GET").toUpperCase();
  const init: RequestInit & { duplex?: "half" } = { method, headers };
  if (!NO_BODY.has(method)) {
    init.body = streamOf(req);
    // Fetch standard: a stream body must say so; lib.dom's RequestInit lacks the member.
    init.duplex = "half";
  }
  return new Request(url, init);
}

function streamOf(source: AsyncIterable<Uint8Array | string>): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(typeof next.value === "string" ? encoder.encode(next.value) : next.value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

function malformed(req: NodeRouterRequest): Response {
  const operation = `${req.method ?? "GET"} ${req.originalUrl ?? req.url ?? "/"}`;
  const problem = problemFor({ ok: false, operation, scheme: undefined, reason: "malformed_target", status: 400 });
  return new Response(problem.body, { status: problem.status, headers: problem.headers });
}

async function send(response: Response, res: NodeRouterResponse): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  // Each Set-Cookie its own line (RFC 6265 §3): joined with ", " they would not parse.
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  if (response.body) {
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) res.write(chunk.value);
  }
  res.end();
}
