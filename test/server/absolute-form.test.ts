/**
 * An absolute-form request-target (RFC 9112 §3.2.2) carries an authority of its own, and node handlers
 * and Express read Host. The node adapter refuses a request whose two authorities disagree, so a
 * signature over `@authority` of one tenant cannot pass for a request the app routes to another
 * (review finding M1). Raw sockets: fetch never sends absolute-form.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { createVerifier, withNodeVerification } from "../golden/nextcloud-drf/server.js";

let server: Server;
let port: number;

beforeAll(async () => {
  const verifier = createVerifier({ resolveKey: (keyId) => (keyId === TEST_KEY_ID ? TEST_SECRETS.base64 : undefined) });
  server = createServer(
    withNodeVerification(verifier, (req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { "content-type": "text/plain" }).end(`host=${req.headers.host}`);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function raw(target: string, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.end(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    });
    let text = "";
    socket.on("data", (chunk) => {
      text += chunk.toString();
    });
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
}

describe("node adapter: absolute-form request-targets", () => {
  it("refuses one whose authority is not the Host header, with a reason code", async () => {
    const response = await raw("http://tenant-a.example/api/v1/health/", "tenant-b.example");
    expect(response).toMatch(/^HTTP\/1\.1 400/);
    expect(response).toContain("malformed_target");
  });

  it("serves one whose authority is the Host header (case and default port do not matter)", async () => {
    expect(await raw("http://tenant-a.example/api/v1/health/", "tenant-a.example")).toMatch(/^HTTP\/1\.1 200/);
    expect(await raw("http://Tenant-A.example:80/api/v1/health/", "tenant-a.example")).toMatch(/^HTTP\/1\.1 200/);
  });
});
