/**
 * HTTP/1.1 over a raw node:net socket, for requests fetch refuses to send: duplicated and malformed
 * headers, bare CR or LF, lying Content-Length, truncated and slow bodies. The response is read until the
 * server closes the connection (every request says `Connection: close`) and parsed leniently.
 */
import { connect } from "node:net";

export interface RawResponse {
  /** 0 when the server closed the connection without answering. */
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawRequest {
  method: string;
  target: string;
  /** Sent in order, exactly as given; duplicates stay duplicates. */
  headers: Array<[string, string]>;
  body?: Uint8Array | string;
  /** Replaces the whole head (request line and headers) with these bytes, for malformed framing. */
  rawHead?: string;
  /** Body pieces sent `delayMs` apart (a slow client); `end: false` half-closes before the body is done. */
  slow?: { pieces: Array<Uint8Array | string>; delayMs: number };
  /** Half-close the socket after the head and `body`, before the declared length arrived. */
  truncate?: boolean;
}

export async function sendRaw(port: number, request: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  const socket = connect(port, "127.0.0.1");
  const chunks: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  const closed = new Promise<void>((resolve) => {
    socket.on("close", () => resolve());
    socket.on("error", () => resolve());
  });
  const timer = setTimeout(() => socket.destroy(), timeoutMs);
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  const head =
    request.rawHead ??
    `${request.method} ${request.target} HTTP/1.1\r\n${["Host: 127.0.0.1", "Connection: close", ...request.headers.map(([n, v]) => `${n}: ${v}`)].join("\r\n")}\r\n\r\n`;
  socket.write(Buffer.from(head, "latin1"));
  if (request.body !== undefined) socket.write(typeof request.body === "string" ? Buffer.from(request.body) : request.body);
  if (request.slow) {
    for (const piece of request.slow.pieces) {
      await new Promise((resolve) => setTimeout(resolve, request.slow?.delayMs));
      if (socket.destroyed) break;
      socket.write(typeof piece === "string" ? Buffer.from(piece) : piece);
    }
  }
  if (request.truncate) socket.end();
  await closed;
  clearTimeout(timer);
  return parseResponse(Buffer.concat(chunks));
}

function parseResponse(raw: Buffer): RawResponse {
  const text = raw.toString("latin1");
  const split = text.indexOf("\r\n\r\n");
  if (split < 0) return { status: 0, headers: {}, body: text };
  const [statusLine = "", ...lines] = text.slice(0, split).split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.subarray(Buffer.byteLength(text.slice(0, split + 4), "latin1"));
  if (headers["transfer-encoding"]?.includes("chunked")) body = dechunk(body);
  return { status, headers, body: body.toString("utf8") };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < data.length) {
    const lineEnd = data.indexOf("\r\n", offset);
    if (lineEnd < 0) break;
    const size = Number.parseInt(data.subarray(offset, lineEnd).toString("latin1"), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
