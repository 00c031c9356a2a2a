/**
 * Issue 8, target 5: `withNodeVerification` spools a body above `spoolAboveBytes` to a temp file while its
 * signature is checked, over real node:http on 127.0.0.1. The handler gets it byte for byte; a tampered
 * one is refused with its reason code, an oversized one with 413; and the file is gone (no open
 * descriptor left on it, no name in the directory) after a success, a refusal and a client abort. A small
 * body stays in memory and reaches the handler on the original request. The template model (seed 004),
 * rfc9421's Content-Digest and aws-sigv4's payload hash each verify a spooled body.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { createServer, request as httpRequest, IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { signRequest } from "../../templates/runtime/sign.js";
import type { SigningScheme } from "../../templates/runtime/types.js";
import type { Verifier } from "../golden/nextcloud-drf/server/index.js";
import { loadGolden } from "../support/golden-output.js";

const SPOOL_ABOVE = 64 * 1024;
const MAX_BODY = 4 * 1024 * 1024;
const LARGE = 1024 * 1024 + 17;

/** Descriptors of this process open on files in `dir` (Linux: /proc/self/fd links end in " (deleted)"). */
function openSpoolFiles(dir: string): string[] {
  return readdirSync("/proc/self/fd")
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return "";
      }
    })
    .filter((target) => target.startsWith(`${dir}/`));
}

async function eventually(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`still not ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface Seen {
  sha256: string;
  length: number;
  original: boolean;
  spoolFilesDuringHandler: number;
}

interface Answer {
  status: number;
  body: string;
}

/** Sends raw bytes with node:http, so length and framing are exactly as written; tolerates the server closing early. */
function send(port: number, path: string, headers: Record<string, string>, body: Uint8Array, chunked = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path,
        headers: chunked ? headers : { ...headers, "content-length": String(body.length) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    // A refusal before the body is read closes the connection; the client's late EPIPE is not the test's concern.
    outgoing.on("error", (error) => (outgoing.headersSent ? undefined : reject(error)));
    outgoing.end(body);
  });
}

const SPECS = [
  { spec: "specs/nextcloud-drf.yaml", scheme: "integrationHmac", path: "/api/v1/integrations/token/", extra: { "X-API-Key": "k" } },
  { spec: "specs/rfc9421-example.yaml", scheme: "appSignature", path: "/items/7", method: "PUT", extra: {} },
  { spec: "specs/aws-sigv4-example.yaml", scheme: "sigv4", path: "/orders", extra: {} },
] as const;

describe.runIf(existsSync("/proc/self/fd"))("withNodeVerification spools a large body (issue 8)", () => {
  let dir: string;
  let server: Server;
  let port: number;
  let scheme: SigningScheme;
  let seen: Seen | undefined;
  const setup = SPECS[0];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "hmac-spool-test-"));
    const golden = await loadGolden(setup.spec);
    scheme = golden.schemes[setup.scheme] as SigningScheme;
    const verifier = golden.server.createVerifier({
      resolveKey: (keyId: string | undefined) => (keyId === TEST_KEY_ID ? TEST_SECRETS.base64 : undefined),
      now: () => TEST_NOW_MS,
      maxBodyBytes: MAX_BODY,
      spoolAboveBytes: SPOOL_ABOVE,
      spoolDirectory: dir,
    }) as Verifier;
    const handler = golden.server.withNodeVerification(verifier, async (req: IncomingMessage, res: ServerResponse) => {
      const spoolFilesDuringHandler = openSpoolFiles(dir).length;
      // A handler may answer before it reads (202 Accepted, then work through the body).
      const answerFirst = req.headers["x-answer-first"] !== undefined;
      if (answerFirst) res.end("accepted");
      const hash = createHash("sha256");
      let length = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        hash.update(chunk);
        length += chunk.length;
      }
      seen = {
        sha256: hash.digest("hex"),
        length,
        original: Object.getPrototypeOf(req) === IncomingMessage.prototype,
        spoolFilesDuringHandler,
      };
      if (!answerFirst) res.end("ok");
    });
    server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function signed(body: Uint8Array): Promise<Record<string, string>> {
    const result = await signRequest(
      scheme,
      { method: "POST", url: setup.path, body },
      { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 },
      { now: () => TEST_NOW_MS },
    );
    return { ...result.headers, ...setup.extra };
  }

  const noSpoolLeft = (): Promise<void> =>
    eventually(() => openSpoolFiles(dir).length === 0 && readdirSync(dir).length === 0, "closed and removed");

  it("verifies a body above the threshold and hands it on byte for byte, from the file", async () => {
    seen = undefined;
    const body = randomBytes(LARGE);
    const answer = await send(port, setup.path, await signed(body), body);
    expect(answer.status, answer.body).toBe(200);
    expect(seen).toEqual({
      sha256: createHash("sha256").update(body).digest("hex"),
      length: LARGE,
      original: false,
      spoolFilesDuringHandler: 1,
    });
    await noSpoolLeft();
  });

  it("keeps the file for a handler that answers first and reads the body after (review of the spool)", async () => {
    seen = undefined;
    const body = randomBytes(LARGE);
    const answer = await send(port, setup.path, { ...(await signed(body)), "x-answer-first": "1" }, body);
    expect(answer).toEqual({ status: 200, body: "accepted" });
    await eventually(() => seen !== undefined, "read by the handler");
    expect((seen as Seen | undefined)?.sha256).toBe(createHash("sha256").update(body).digest("hex"));
    await noSpoolLeft();
  });

  it("verifies a chunked body (no Content-Length) the same way", async () => {
    seen = undefined;
    const body = randomBytes(LARGE);
    const answer = await send(port, setup.path, { ...(await signed(body)), "transfer-encoding": "chunked" }, body, true);
    expect(answer.status, answer.body).toBe(200);
    expect((seen as Seen | undefined)?.sha256).toBe(createHash("sha256").update(body).digest("hex"));
    await noSpoolLeft();
  });

  it("keeps a small body in memory and on the original request", async () => {
    seen = undefined;
    const body = randomBytes(SPOOL_ABOVE);
    const answer = await send(port, setup.path, await signed(body), body);
    expect(answer.status, answer.body).toBe(200);
    expect(seen).toEqual({
      sha256: createHash("sha256").update(body).digest("hex"),
      length: SPOOL_ABOVE,
      original: true,
      spoolFilesDuringHandler: 0,
    });
  });

  it("refuses a tampered large body with bad_signature, and removes its file", async () => {
    seen = undefined;
    const body = randomBytes(LARGE);
    const headers = await signed(body);
    body[LARGE - 1] = (body[LARGE - 1] as number) ^ 1;
    const answer = await send(port, setup.path, headers, body);
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ reason: "bad_signature" });
    expect(seen).toBeUndefined();
    await noSpoolLeft();
  });

  it("refuses a body over maxBodyBytes with 413, declared or counted, and removes its file", async () => {
    const body = randomBytes(MAX_BODY + 1);
    const headers = await signed(body);
    const declared = await send(port, setup.path, headers, body);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ reason: "body_too_large" });
    const counted = await send(port, setup.path, { ...headers, "transfer-encoding": "chunked" }, body, true);
    expect(counted.status).toBe(413);
    expect(JSON.parse(counted.body)).toMatchObject({ reason: "body_too_large" });
    await noSpoolLeft();
  });

  it("closes and removes the file when the client goes away mid-upload", async () => {
    seen = undefined;
    const body = randomBytes(LARGE);
    const headers = await signed(body);
    const outgoing = httpRequest({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: setup.path,
      headers: { ...headers, "content-length": String(LARGE) },
    });
    outgoing.on("error", () => undefined);
    outgoing.write(body.subarray(0, SPOOL_ABOVE * 4));
    // The server has spooled: its file is open (already unlinked).
    await eventually(() => openSpoolFiles(dir).length === 1, "spooled");
    expect(readdirSync(dir)).toEqual([]);
    outgoing.destroy();
    await noSpoolLeft();
    expect(seen).toBeUndefined();
  });
});

describe.each(SPECS.slice(1).map((setup) => ({ setup })))("a spooled body verifies under $setup.spec", ({ setup }) => {
  let server: Server;
  let port: number;
  let verifier: Verifier;
  let digests: string[] = [];
  let golden: Awaited<ReturnType<typeof loadGolden>>;

  beforeAll(async () => {
    golden = await loadGolden(setup.spec);
    const secret = setup.scheme === "sigv4" ? "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" : TEST_SECRETS.base64;
    verifier = golden.server.createVerifier({
      resolveKey: () => secret,
      now: () => TEST_NOW_MS,
      maxBodyBytes: MAX_BODY,
      spoolAboveBytes: SPOOL_ABOVE,
    }) as Verifier;
    server = createServer(
      golden.server.withNodeVerification(verifier, async (req: IncomingMessage, res: ServerResponse) => {
        const hash = createHash("sha256");
        for await (const chunk of req as AsyncIterable<Buffer>) hash.update(chunk);
        digests.push(hash.digest("hex"));
        res.end();
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("verifies a large body and refuses it tampered", async () => {
    digests = [];
    const method = "method" in setup ? setup.method : "POST";
    const body = randomBytes(LARGE);
    const host = `127.0.0.1:${port}`;
    const secret = setup.scheme === "sigv4" ? "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" : TEST_SECRETS.base64;
    const result = await signRequest(
      golden.schemes[setup.scheme] as SigningScheme,
      { method, url: `http://${host}${setup.path}`, headers: { "content-type": "application/octet-stream" }, body },
      { keyId: setup.scheme === "sigv4" ? "AKIDEXAMPLE" : TEST_KEY_ID, secret },
      { now: () => TEST_NOW_MS },
    );
    const headers = { host, "content-type": "application/octet-stream", ...result.headers };
    const sendAs = (bytes: Uint8Array) =>
      new Promise<Answer>((resolve, reject) => {
        const outgoing = httpRequest(
          { host: "127.0.0.1", port, method, path: setup.path, headers: { ...headers, "content-length": String(bytes.length) } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          },
        );
        outgoing.on("error", reject);
        outgoing.end(bytes);
      });
    const good = await sendAs(body);
    expect(good.status, good.body).toBe(200);
    expect(digests).toEqual([createHash("sha256").update(body).digest("hex")]);
    const tampered = Buffer.from(body);
    tampered[0] = (tampered[0] as number) ^ 1;
    const refused = await sendAs(tampered);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body).reason).toMatch(/^(bad_content_digest|bad_signature|replayed_nonce)$/);
  });
});
