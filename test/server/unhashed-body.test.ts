/**
 * A body the signature did not cover must never reach a handler. Regression for a shortcut that took
 * "no Content-Length, no Transfer-Encoding" as "no body": HTTP/2 (node:http2's compat API, which the
 * node adapter also serves) sends a body without Content-Length, so that body went unhashed.
 */
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { signRequest } from "../../templates/runtime/sign.js";
import { schemes } from "../golden/nextcloud-drf/schemes.js";
import type { NodeRequest, NodeResponse } from "../golden/nextcloud-drf/server/index.js";
import { createVerifier, verificationOf, withNodeVerification } from "../golden/nextcloud-drf/server.js";

const PATH = "/api/v1/integrations/token/";
let server: http2.Http2Server;
let origin: string;

beforeAll(async () => {
  const verifier = createVerifier({ resolveKey: (keyId) => (keyId === TEST_KEY_ID ? TEST_SECRETS.base64 : undefined) });
  const handler = withNodeVerification(verifier, async (req: NodeRequest & AsyncIterable<Buffer>, res: NodeResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk);
    res.end(JSON.stringify({ verified: verificationOf(req) !== undefined, body: Buffer.concat(chunks).toString() }));
  });
  server = http2.createServer((req, res) => handler(req as unknown as NodeRequest & AsyncIterable<Buffer>, res as unknown as NodeResponse));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function send(headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  const client = http2.connect(origin);
  try {
    // The operation needs the API key and the signature (seed 004's AND); the key is not what is tested.
    const stream = client.request({ ":method": "POST", ":path": PATH, "content-type": "application/json", "x-api-key": "k", ...headers });
    stream.end(body);
    let text = "";
    let status = 0;
    stream.on("response", (head) => {
      status = Number(head[":status"]);
    });
    stream.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    await new Promise((resolve) => stream.on("close", resolve));
    return { status, text };
  } finally {
    client.close();
  }
}

describe("node adapter over HTTP/2: a body is hashed whether or not Content-Length says it is there", () => {
  it("refuses a request signed over an empty body that arrives with one, with or without Content-Length", async () => {
    const scheme = schemes.integrationHmac;
    const signed = await signRequest(
      scheme,
      { method: "POST", url: PATH, body: new Uint8Array(0) },
      { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 },
    );
    const headers = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]));
    const smuggled = '{"scope":"admin:all"}';
    for (const extra of [{}, { "content-length": String(smuggled.length) }]) {
      const result = await send({ ...headers, ...extra }, smuggled);
      expect(result.status).toBe(401);
      expect(result.text).toContain("bad_signature");
      expect(result.text).not.toContain("admin:all");
    }
  });

  it("hands a verified body on whole, though the compat stream cannot take it back", async () => {
    // unshift is refused once HTTP/2's compat stream has ended; withNodeVerification then hands the handler
    // a request that reads the captured body (spooled-request.ts) instead of an emptied stream (issue 8).
    const body = '{"scope":"read"}';
    const signed = await signRequest(
      schemes.integrationHmac,
      { method: "POST", url: PATH, body: new TextEncoder().encode(body) },
      { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 },
    );
    const headers = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]));
    const result = await send(headers, body);
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toEqual({ verified: true, body });
  });
});
