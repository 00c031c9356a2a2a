/**
 * Seed 004 over real sockets: a GET with a body, signed as TokenSigner signs it (the body hash is that of
 * empty bytes, "for `GET`, hash the empty body"), sent to each generated adapter. The signature does not
 * cover that body, so by default no adapter hands it to the handler: node:http, Express and Fastify refuse
 * it (400 unsigned_body), the web-standard adapters never see it; a server that sets `unsignedBody: "pass"` gets it as DRF does, the bytes as sent.
 * docs/decisions/0006-seed-disagreements.md says why.
 */
import { createHash, createHmac } from "node:crypto";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { ADAPTERS, type AdapterName, type RunningServer, startAdapter } from "../support/adapter-servers.js";
import { type GoldenOutput, loadGolden } from "../support/golden-output.js";

const PATH = "/api/v1/integrations/nextcloud/ping/";
const BODY = '{"city":"Zürich"}';
const EMPTY_SHA256 = createHash("sha256").update("").digest("hex");

/** TokenSigner::buildCanonicalString and hash_hmac('sha256', ...) from the seed's text, with node:crypto. */
function tokenSignerHeaders(nonce: string, bodyHash = EMPTY_SHA256): Record<string, string> {
  const timestamp = String(Math.floor(TEST_NOW_MS / 1000));
  const canonical = ["GET", PATH, "", timestamp, nonce, bodyHash].join("\n");
  const signature = createHmac("sha256", Buffer.from(TEST_SECRETS.base64, "base64")).update(canonical, "utf8").digest("hex");
  return { "X-Client-Id": TEST_KEY_ID, "X-Timestamp": timestamp, "X-Nonce": nonce, "X-Signature": signature };
}

/** fetch refuses a GET with a body, so node:http sends it, Content-Length and all. */
function getWithBody(baseUrl: string, headers: Record<string, string>, body: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const bytes = Buffer.from(body, "utf8");
    const sent = request(
      `${baseUrl}${PATH}`,
      { method: "GET", headers: { ...headers, "content-type": "text/plain", "content-length": String(bytes.length) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString("utf8")) }));
      },
    );
    sent.on("error", reject);
    sent.end(bytes);
  });
}

let nonceCounter = 0;
const freshNonce = (): string => (++nonceCounter).toString(16).padStart(32, "0");

describe.each(ADAPTERS.map((adapter) => ({ adapter })))("$adapter adapter, seed 004 GET with a body", ({ adapter }) => {
  let golden: GoldenOutput;
  const running: RunningServer[] = [];
  const start = async (unsignedBody?: "refuse" | "pass"): Promise<RunningServer> => {
    const verifier = golden.server.createVerifier({
      resolveKey: (keyId) => (keyId === TEST_KEY_ID ? TEST_SECRETS.base64 : undefined),
      now: () => TEST_NOW_MS,
      ...(unsignedBody ? { unsignedBody } : {}),
    });
    const server = await startAdapter(adapter as AdapterName, verifier);
    running.push(server);
    return server;
  };
  beforeAll(async () => {
    golden = await loadGolden("specs/nextcloud-drf.yaml");
  });
  afterAll(async () => {
    await Promise.all(running.map((server) => server.close()));
  });

  it("a GET signed the seed's way without a body is accepted", async () => {
    const server = await start();
    const { status, json } = await getWithBody(server.baseUrl, tokenSignerHeaders(freshNonce()), "");
    expect(status, JSON.stringify(json)).toBe(200);
  });

  it("by default the unsigned body never reaches the handler", async () => {
    const server = await start();
    const { status, json } = await getWithBody(server.baseUrl, tokenSignerHeaders(freshNonce()), BODY);
    if (adapter === "node" || adapter === "express" || adapter === "fastify") {
      // These adapters read the bytes that arrived, so the verifier sees the body and refuses it.
      expect(json).toMatchObject({ reason: "unsigned_body", status: 400, title: "Bad Request" });
      expect(status).toBe(400);
    } else {
      // A web-standard Request cannot hold a GET body: @hono/node-server drops it before verifier and handler.
      expect(status, JSON.stringify(json)).toBe(200);
      expect(json).toMatchObject({ body: null });
    }
  });

  it('with unsignedBody: "pass" it is accepted, the body handed on as sent (DRF\'s behaviour)', async () => {
    const server = await start("pass");
    const { status, json } = await getWithBody(server.baseUrl, tokenSignerHeaders(freshNonce()), BODY);
    expect(status, JSON.stringify(json)).toBe(200);
    if (adapter === "node" || adapter === "express") expect(json).toMatchObject({ body: BODY });
  });

  it("a GET whose signer hashed the body (not the seed's rule) is refused", async () => {
    const server = await start("pass");
    const hashedBody = createHash("sha256").update(BODY).digest("hex");
    const { status, json } = await getWithBody(server.baseUrl, tokenSignerHeaders(freshNonce(), hashedBody), BODY);
    expect(status).toBe(401);
    expect(json).toMatchObject({ reason: "bad_signature" });
  });
});
