/**
 * End to end over real HTTP: the generated client, for every seed preset and every body kind, against a
 * node:http server on 127.0.0.1 whose verification is done by the independent Python (every preset) and
 * PHP (seed 004's pair) reference implementations. Also OR/AND security alternatives and public operations.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { PRESET_NAMES, type PresetName } from "../../src/scheme/profiles/template/presets.js";
import type { createClient as DocumentStoreClient } from "../golden/document-store/client.js";
import { generateVariant } from "../support/generate-variant.js";
import { presetScheme, SIGNATURE_HEADER } from "../support/preset-scheme.js";
import { type ReceivedRequest, type ReferenceServer, startReferenceServer } from "../support/reference-http-server.js";
import { ReferenceProcess } from "../support/reference-process.js";

const PHP_PRESETS: readonly PresetName[] = ["nextcloud-drf", "nextcloud-drf-base64"];
/** Seed 003's server hashes its re-serialised JSON, so its scheme can only sign JSON bodies. */
const JSON_ONLY: readonly PresetName[] = ["django-hmac-authentication"];
/** Seeds 001 and 002 put the body in the string to sign as UTF-8 text. */
const TEXT_BODIES: readonly PresetName[] = ["django-api-key", "django-api-signing"];

const python = new ReferenceProcess("python");
const php = new ReferenceProcess("php");
afterAll(() => {
  python.close();
  php.close();
});

type Client = ReturnType<typeof DocumentStoreClient>;

function binaryBytes(length: number, textOnly: boolean): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = textOnly ? 97 + (i % 26) : (i * 31 + 7) % 256;
  return bytes;
}

describe.each(PRESET_NAMES.map((preset) => ({ preset })))("$preset", ({ preset }) => {
  const scheme = presetScheme(preset);
  const secret = TEST_SECRETS[scheme.secretEncoding];
  const signatureHeader = SIGNATURE_HEADER[preset].toLowerCase();
  let server: ReferenceServer;
  let createClient: typeof DocumentStoreClient;
  let client: Client;

  beforeAll(async () => {
    const out = await generateVariant("specs/document-store.yaml", "docsHmac", preset);
    ({ createClient } = (await import(join(out, "client.ts"))) as { createClient: typeof DocumentStoreClient });
    server = await startReferenceServer({
      preset,
      secret,
      // One second after signing: django_hmac_authentication rejects a request dated at its own "now".
      now: TEST_NOW_MS / 1000 + 1,
      references: PHP_PRESETS.includes(preset) ? [python, php] : [python],
      // TokenSigner signs the path as its URL writes it, DRF the decoded request.path: the two sides of seed
      // 004 agree only on paths without escapes (test/interop/seed-disagreements.test.ts); DRF is the server.
      asks: (reference, request) => reference.language !== "php" || !request.url.split("?")[0]?.includes("%"),
      needsSignature: (request) => !request.url.startsWith("/status") && !request.headers.authorization?.startsWith("Bearer "),
      otherCheck: (request) => otherCheck(request, signatureHeader),
    });
    client = createClient({
      baseUrl: server.baseUrl,
      credentials: { docsHmac: { keyId: TEST_KEY_ID, secret } },
      now: () => TEST_NOW_MS,
    });
  }, 60_000);
  afterAll(() => server.close());

  const accepted = (response: Response): void => {
    const last = server.received.at(-1);
    expect(last?.rejectedBy ?? ["no request"]).toEqual([]);
    expect(response.status).toBeLessThan(300);
  };
  const canSend = (kind: "text" | "binary"): boolean => !JSON_ONLY.includes(preset) && (kind === "text" || !TEXT_BODIES.includes(preset));
  const folder = "my folder/ü";

  it("JSON", async () => {
    const { data, response } = await client.POST("/documents/{folder}/metadata", {
      params: { path: { folder } },
      body: { title: 'Ünïcode "quoted" \u2028', tags: ["a", "b"], pinned: true },
    });
    accepted(response);
    expect(data?.bytes).toBeGreaterThan(0);
  });

  it("a query with arrays and reserved characters, as openapi-fetch writes it", async () => {
    const { response } = await client.GET("/search", { params: { query: { q: "a b&c/é+~*'()", tag: ["x y", "z,1"], limit: 5 } } });
    accepted(response);
    // encodeURIComponent leaves ' alone; the URL parser of `new Request` then encodes it (the WHATWG
    // special-query percent-encode set). The signature covers the URL after that step: what is sent.
    expect(server.received.at(-1)?.url).toBe("/search?q=a%20b%26c%2F%C3%A9%2B~*%27()&tag=x%20y&tag=z%2C1&limit=5");
  });

  it("text", async () => {
    const send = () =>
      client.POST("/documents/{folder}/note", {
        params: { path: { folder } },
        body: "line 1\nline 2 ☃",
        bodySerializer: (body) => body,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    if (!canSend("text")) return expect(send()).rejects.toThrow(/signs JSON bodies only/);
    const { data, response } = await send();
    accepted(response);
    expect(data?.bytes).toBe(new TextEncoder().encode("line 1\nline 2 ☃").length);
  });

  it("application/x-www-form-urlencoded", async () => {
    const send = () =>
      client.POST("/documents/{folder}/form", {
        params: { path: { folder } },
        body: { title: "a b&c", body: "x+y=z ü" },
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
    if (!canSend("text")) return expect(send()).rejects.toThrow(/signs JSON bodies only/);
    accepted((await send()).response);
    expect(server.received.at(-1)?.body.toString()).toBe("title=a+b%26c&body=x%2By%3Dz+%C3%BC");
  });

  it("multipart FormData, with the boundary the Request chose", async () => {
    const send = () =>
      client.POST("/documents/{folder}/upload", {
        params: { path: { folder } },
        body: { file: new Blob(["file contents ü"], { type: "text/plain" }), caption: "cap" },
        bodySerializer: (body) => {
          const form = new FormData();
          form.append("file", body.file, "notes.txt");
          if (body.caption) form.append("caption", body.caption);
          return form;
        },
      });
    if (!canSend("text")) return expect(send()).rejects.toThrow(/signs JSON bodies only/);
    accepted((await send()).response);
    const last = server.received.at(-1);
    expect(last?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(last?.body.toString()).toContain("file contents ü");
  });

  it("a Blob and an ArrayBuffer", async () => {
    const bytes = binaryBytes(4096, TEXT_BODIES.includes(preset));
    const viaBlob = () =>
      client.PUT("/documents/{folder}/raw", {
        params: { path: { folder } },
        body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
        bodySerializer: (body) => body,
        headers: { "Content-Type": "application/octet-stream" },
      });
    const viaBuffer = () =>
      client.PUT("/documents/{folder}/raw", {
        params: { path: { folder } },
        body: new Blob(),
        bodySerializer: () => bytes.slice().buffer,
        headers: { "Content-Type": "application/octet-stream" },
      });
    if (!canSend("text")) {
      await expect(viaBlob()).rejects.toThrow(/signs JSON bodies only/);
      return expect(viaBuffer()).rejects.toThrow(/signs JSON bodies only/);
    }
    for (const send of [viaBlob, viaBuffer]) {
      const { data, response } = await send();
      accepted(response);
      expect(data?.bytes).toBe(4096);
      expect(Buffer.compare(server.received.at(-1)?.body ?? Buffer.alloc(0), Buffer.from(bytes))).toBe(0);
    }
  });

  // Only where the scheme signs a digest of arbitrary bytes; the other seeds' servers read text or JSON.
  const streamable = !JSON_ONLY.includes(preset) && !TEXT_BODIES.includes(preset);
  if (streamable)
    it("a large Blob, hashed as a stream", async () => {
      const bytes = binaryBytes(8 * 1024 * 1024, false);
      const { data, response } = await client.PUT("/documents/{folder}/raw", {
        params: { path: { folder } },
        body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
        bodySerializer: (body) => body,
        headers: { "Content-Type": "application/octet-stream" },
      });
      accepted(response);
      expect(data?.bytes).toBe(bytes.length);
    });

  it("public operations are not signed", async () => {
    const { data, response } = await client.GET("/status");
    accepted(response);
    expect(data?.up).toBe(true);
    expect(server.received.at(-1)?.headers[signatureHeader]).toBeUndefined();
  });

  it("OR: the first alternative it has credentials for", async () => {
    const withToken = createClient({
      baseUrl: server.baseUrl,
      credentials: { partnerToken: "partner-token", docsHmac: { keyId: TEST_KEY_ID, secret } },
      now: () => TEST_NOW_MS,
    });
    accepted((await withToken.GET("/shared")).response);
    const viaToken = server.received.at(-1);
    expect(viaToken?.headers.authorization).toBe("Bearer partner-token");
    if (signatureHeader !== "authorization") expect(viaToken?.headers[signatureHeader]).toBeUndefined();
    accepted((await client.GET("/shared")).response);
    expect(server.received.at(-1)?.headers.authorization ?? "").not.toMatch(/^Bearer /);
  });

  it("AND: sends the API key in the query and signs over it", async () => {
    const both = createClient({
      baseUrl: server.baseUrl,
      credentials: { tenantKey: "acme", docsHmac: { keyId: TEST_KEY_ID, secret } },
      now: () => TEST_NOW_MS,
    });
    const { response } = await both.DELETE("/tenants/documents");
    accepted(response);
    expect(response.status).toBe(204);
    expect(server.received.at(-1)?.url).toBe("/tenants/documents?tenant=acme");
  });

  it("fails before any I/O when no alternative has credentials, naming what is missing", async () => {
    const before = server.received.length;
    await expect(client.DELETE("/tenants/documents")).rejects.toThrow(/DELETE \/tenants\/documents needs credentials.*missing "tenantKey"/);
    const anonymous = createClient({ baseUrl: server.baseUrl, credentials: {} });
    await expect(anonymous.GET("/shared")).rejects.toThrow(/missing "partnerToken".*missing "docsHmac"/);
    expect(server.received.length).toBe(before);
  });
});

function otherCheck(request: ReceivedRequest, signatureHeader: string): string | undefined {
  if (request.url.startsWith("/status") && request.headers[signatureHeader] !== undefined) return "public request was signed";
  if (
    request.url.startsWith("/shared") &&
    request.headers.authorization?.startsWith("Bearer ") &&
    request.headers.authorization !== "Bearer partner-token"
  )
    return "wrong bearer token";
  if (request.url.startsWith("/tenants/") && !request.url.includes("tenant=acme")) return "missing tenant key";
  return undefined;
}
