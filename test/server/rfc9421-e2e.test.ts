/**
 * profile: rfc9421 end to end over real HTTP on 127.0.0.1, for every generated adapter: the generated client
 * signs, the generated server verifies; then a request signed by the core is sent raw (node:http, so Host,
 * method and bytes are exactly as written) with one covered component or signature parameter tampered,
 * and each is refused with its reason code, problem+json and 401.
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { signRequest } from "../../templates/runtime/sign.js";
import type { Rfc9421Scheme } from "../../templates/runtime/types.js";
import type { createClient as createRfc9421Client } from "../golden/rfc9421-example/client.js";
import { ADAPTERS, type RunningServer, startAdapter } from "../support/adapter-servers.js";
import { type GoldenOutput, loadGolden } from "../support/golden-output.js";

const SECRET = TEST_SECRETS.base64;
const NOW = TEST_NOW_MS;

interface RawRequest {
  method: string;
  /** Path and query as sent. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(baseUrl: string, raw: RawRequest): Promise<RawResponse> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method: raw.method,
        path: raw.path,
        headers: { ...raw.headers, "content-length": String(Buffer.byteLength(raw.body)) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(raw.body);
  });
}

let nonceCounter = 0;
const freshNonce = (): string => `e2e${String(++nonceCounter).padStart(13, "0")}`;

interface SignSpec {
  method?: string;
  path?: string;
  body?: string;
  now?: number;
  scheme?: Partial<Rfc9421Scheme>;
  keyId?: string;
  nonce?: string;
}

describe.each(ADAPTERS.map((adapter) => ({ adapter })))("rfc9421 over HTTP: $adapter adapter", ({ adapter }) => {
  let golden: GoldenOutput;
  let server: RunningServer;
  let scheme: Rfc9421Scheme;
  let host: string;

  beforeAll(async () => {
    golden = await loadGolden("specs/rfc9421-example.yaml");
    const appSignature = golden.schemes.appSignature;
    if (appSignature?.profile !== "rfc9421") throw new Error("appSignature is not an rfc9421 scheme");
    scheme = appSignature;
    const verifier = golden.server.createVerifier({
      resolveKey: (keyId) => (keyId === TEST_KEY_ID ? SECRET : undefined),
      now: () => NOW + 1000,
    });
    server = await startAdapter(adapter, verifier);
    host = new URL(server.baseUrl).host;
  });
  afterAll(() => server.close());

  /** A request signed by the core for this server, ready to send raw. */
  async function signed(spec: SignSpec = {}): Promise<RawRequest> {
    const method = spec.method ?? "PUT";
    const path = spec.path ?? "/items/7?q=a";
    const body = spec.body ?? '{"id":"7","name":"seven"}';
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    const nonce = spec.nonce ?? freshNonce();
    const result = await signRequest(
      { ...scheme, ...spec.scheme },
      { method, url: `${server.baseUrl}${path}`, headers, body: new TextEncoder().encode(body) },
      { keyId: spec.keyId ?? TEST_KEY_ID, secret: SECRET },
      { now: () => spec.now ?? NOW, nonce: () => nonce },
    );
    return { method, path, headers: { Host: host, ...headers, ...result.headers }, body };
  }

  async function expectRefused(raw: RawRequest, reason: string): Promise<void> {
    const response = await send(server.baseUrl, raw);
    expect(response.status, response.body).toBe(401);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(response.body)).toMatchObject({ reason, status: 401, scheme: "appSignature" });
    expect(response.headers["www-authenticate"]).toBe(`HMAC realm="appSignature", error="${reason}"`);
  }

  const withHeader = (raw: RawRequest, name: string, edit: (value: string) => string): RawRequest => ({
    ...raw,
    headers: { ...raw.headers, [name]: edit(raw.headers[name] ?? "") },
  });
  const input = (raw: RawRequest, edit: (value: string) => string) => withHeader(raw, "Signature-Input", edit);

  it("the generated client signs and the generated server verifies, body included", async () => {
    const createClient = golden.client.createClient as unknown as typeof createRfc9421Client;
    const client = createClient({
      baseUrl: server.baseUrl,
      credentials: { appSignature: { keyId: TEST_KEY_ID, secret: SECRET } },
      now: () => NOW,
    });
    const posted = await client.POST("/foo", { params: { query: { param: "Value", Pet: "dog" } }, body: { hello: "world" } });
    expect(posted.response.status).toBe(200);
    expect(posted.data).toMatchObject({ operation: "POST /foo", keyId: TEST_KEY_ID, scheme: "appSignature", body: { hello: "world" } });
    const put = await client.PUT("/items/{id}", { params: { path: { id: "a b" } }, body: { id: "a b", name: "ü" } });
    expect(put.response.status).toBe(200);
    const search = await client.GET("/items", { params: { query: { q: "x y", id: "7" } } });
    expect(search.response.status).toBe(200);
  });

  it("a request signed by the core, sent raw, verifies (the baseline the tampering starts from)", async () => {
    const response = await send(server.baseUrl, await signed());
    expect(response.status, response.body).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ operation: "PUT /items/{id}", body: { id: "7", name: "seven" } });
  });

  // Every covered component (@method, @authority, @path, @query, content-digest) and every signature
  // parameter (created, expires, nonce, alg, keyid, tag), plus the fields themselves.
  const TAMPERED: Array<{ label: string; tamper: (raw: RawRequest) => RawRequest | Promise<RawRequest>; reason: string }> = [
    { label: "@method: PUT sent as DELETE", tamper: (raw) => ({ ...raw, method: "DELETE" }), reason: "bad_signature" },
    {
      label: "@authority: another Host",
      tamper: (raw) => ({ ...raw, headers: { ...raw.headers, Host: `localhost:${new URL(`http://${raw.headers.Host}`).port}` } }),
      reason: "bad_signature",
    },
    {
      label: "@path: another item",
      tamper: (raw) => ({ ...raw, path: raw.path.replace("/items/7", "/items/8") }),
      reason: "bad_signature",
    },
    { label: "@query: another value", tamper: (raw) => ({ ...raw, path: raw.path.replace("q=a", "q=b") }), reason: "bad_signature" },
    { label: "@query: removed", tamper: (raw) => ({ ...raw, path: raw.path.replace("?q=a", "") }), reason: "bad_signature" },
    {
      label: "body changed, Content-Digest kept",
      tamper: (raw) => ({ ...raw, body: raw.body.replace("seven", "eight") }),
      reason: "bad_content_digest",
    },
    {
      label: "content-digest: the field changed to match a changed body",
      tamper: async (raw) => {
        const other = await signed({ body: raw.body.replace("seven", "eight") });
        return { ...raw, body: other.body, headers: { ...raw.headers, "Content-Digest": other.headers["Content-Digest"] ?? "" } };
      },
      reason: "bad_signature",
    },
    {
      label: "created changed",
      tamper: (raw) => input(raw, (v) => v.replace(/created=(\d+)/, (_m, d: string) => `created=${Number(d) + 1}`)),
      reason: "bad_signature",
    },
    {
      label: "expires changed",
      tamper: (raw) => input(raw, (v) => v.replace(/expires=(\d+)/, (_m, d: string) => `expires=${Number(d) + 60}`)),
      reason: "bad_signature",
    },
    { label: "nonce changed", tamper: (raw) => input(raw, (v) => v.replace(/nonce="e2e/, 'nonce="e3e')), reason: "bad_signature" },
    {
      label: "alg changed",
      tamper: (raw) => input(raw, (v) => v.replace('alg="hmac-sha256"', 'alg="hmac-sha512"')),
      reason: "unsupported_algorithm",
    },
    {
      label: "keyid changed",
      tamper: (raw) => input(raw, (v) => v.replace(`keyid="${TEST_KEY_ID}"`, 'keyid="someone-else"')),
      reason: "unknown_key",
    },
    {
      label: "tag changed",
      tamper: (raw) => input(raw, (v) => v.replace('tag="hmac-codegen-example"', 'tag="other-app"')),
      reason: "wrong_tag",
    },
    { label: "a required component dropped", tamper: (raw) => input(raw, (v) => v.replace(' "@query"', "")), reason: "missing_component" },
    {
      label: "a required parameter dropped",
      tamper: (raw) => input(raw, (v) => v.replace(/;nonce="[^"]*"/, "")),
      reason: "missing_credentials",
    },
    {
      label: "a component covered twice",
      tamper: (raw) => input(raw, (v) => v.replace('"@path"', '"@path" "@path"')),
      reason: "malformed_header",
    },
    { label: "Signature-Input malformed", tamper: (raw) => input(raw, (v) => v.replace("(", "[")), reason: "malformed_header" },
    {
      label: "another label",
      tamper: (raw) =>
        withHeader(
          input(raw, (v) => v.replace(/^sig1=/, "sig2=")),
          "Signature",
          (v) => v.replace(/^sig1=/, "sig2="),
        ),
      reason: "missing_credentials",
    },
    {
      label: "Signature not a byte sequence",
      tamper: (raw) => withHeader(raw, "Signature", (v) => v.replace(/^sig1=:(.*):$/, 'sig1="$1"')),
      reason: "malformed_signature",
    },
    {
      label: "Signature unpadded (never normalised)",
      tamper: (raw) => withHeader(raw, "Signature", (v) => v.replace(/=:$/, ":")),
      reason: "malformed_signature",
    },
    {
      label: "Signature one byte off",
      tamper: (raw) => withHeader(raw, "Signature", (v) => v.replace(/^sig1=:(.)/, (_m, c: string) => `sig1=:${c === "A" ? "B" : "A"}`)),
      reason: "bad_signature",
    },
    {
      label: "no Signature field",
      tamper: (raw) => ({ ...raw, headers: Object.fromEntries(Object.entries(raw.headers).filter(([n]) => n !== "Signature")) }),
      reason: "missing_credentials",
    },
    { label: "created too old", tamper: () => signed({ now: NOW - 400_000 }), reason: "stale_timestamp" },
    { label: "created in the future", tamper: () => signed({ now: NOW + 120_000 }), reason: "future_timestamp" },
    { label: "expires passed", tamper: () => signed({ now: NOW - 20_000, scheme: { expiresInSeconds: 10 } }), reason: "expired_signature" },
    { label: "wrong secret", tamper: async () => signed({ scheme: { secretEncoding: "utf8" } }), reason: "bad_signature" },
  ];

  it.each(TAMPERED)("$label: $reason", async ({ tamper, reason }) => {
    await expectRefused(await tamper(await signed()), reason);
  });

  it("a replayed request: replayed_nonce", async () => {
    const raw = await signed();
    expect((await send(server.baseUrl, raw)).status).toBe(200);
    await expectRefused(raw, "replayed_nonce");
  });

  it("header order and case do not matter", async () => {
    const raw = await signed();
    const reordered = Object.fromEntries(
      Object.entries(raw.headers)
        .reverse()
        .map(([name, value]) => [name.toUpperCase(), value]),
    );
    expect((await send(server.baseUrl, { ...raw, headers: reordered })).status).toBe(200);
  });
});
