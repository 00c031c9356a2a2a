/**
 * Every generated adapter as a real server on 127.0.0.1: the generated client succeeds on every operation
 * of every example spec, the body stays readable and is parsed as usual, and each classic attack is
 * refused with the right status, reason code, problem+json and WWW-Authenticate.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { ADAPTERS, type AdapterName, type RunningServer, startAdapter } from "../support/adapter-servers.js";
import { EXAMPLE_SPECS } from "../support/generate-spec.js";
import { allCredentials, type GoldenOutput, loadGolden, operationCalls, PLAIN_VALUE, resolveTestKey } from "../support/golden-output.js";

type LooseRequest = (
  method: string,
  path: string,
  init: { params: { path: Record<string, string> }; body?: unknown },
) => Promise<{ response: Response; data?: unknown; error?: unknown }>;

describe.each(ADAPTERS.map((adapter) => ({ adapter })))("$adapter adapter", ({ adapter }) => {
  describe.each(EXAMPLE_SPECS.map((spec) => ({ spec })))("$spec", ({ spec }) => {
    let golden: GoldenOutput;
    let server: RunningServer;
    beforeAll(async () => {
      golden = await loadGolden(spec);
      const verifier = golden.server.createVerifier({
        resolveKey: (keyId, scheme) => resolveTestKey(keyId, scheme, golden),
        checkCredential: (_scheme, value) => value === PLAIN_VALUE || value === `u:${PLAIN_VALUE}`,
        now: () => TEST_NOW_MS + 1000,
      });
      server = await startAdapter(adapter, verifier);
    });
    afterAll(() => server.close());

    it("the generated client succeeds on every operation, and the body arrives parsed", async () => {
      const client = golden.client.createClient({
        baseUrl: server.baseUrl,
        credentials: allCredentials(golden) as never,
        now: () => TEST_NOW_MS,
      });
      const request = client.request as unknown as LooseRequest;
      for (const call of operationCalls(golden)) {
        const { response, data } = await request(call.method.toLowerCase(), call.path, { params: call.params, body: call.body });
        expect(response.status, `${call.key}: ${JSON.stringify(data)}`).toBe(200);
        expect(data).toMatchObject({ operation: call.key, body: call.arrives });
      }
    });

    it("leaves a path the spec does not declare to the framework", async () => {
      const response = await fetch(`${server.baseUrl}/not/in/the/spec`);
      expect(response.status).toBe(404);
    });
  });
});

describe.each(ADAPTERS.map((adapter) => ({ adapter })))("$adapter adapter refuses attacks (seed 004 scheme)", ({ adapter }) => {
  let golden: GoldenOutput;
  let server: RunningServer;
  const secret = TEST_SECRETS.base64;
  beforeAll(async () => {
    golden = await loadGolden("specs/nextcloud-drf.yaml");
    const verifier = golden.server.createVerifier({
      resolveKey: (keyId) => (keyId === TEST_KEY_ID ? secret : undefined),
      now: () => TEST_NOW_MS,
      maxBodyBytes: 1024,
    });
    server = await startAdapter(adapter as AdapterName, verifier);
  });
  afterAll(() => server.close());

  const client = (options: { now?: number; secret?: string; keyId?: string; nonce?: () => string } = {}) =>
    golden.client.createClient({
      baseUrl: server.baseUrl,
      credentials: { integrationHmac: { keyId: options.keyId ?? TEST_KEY_ID, secret: options.secret ?? secret }, apiKey: "k" },
      now: () => options.now ?? TEST_NOW_MS,
      ...(options.nonce ? { nonce: options.nonce } : {}),
    });

  /** Takes a fetch Response, or openapi-fetch's result (which has read the body into `error`). */
  async function expectRefusal(result: Response | { response: Response; error?: unknown }, status: number, reason: string): Promise<void> {
    const direct = !("response" in result);
    const response = "response" in result ? result.response : result;
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const problem = (direct ? await response.json() : (result as { error?: unknown }).error) as { reason: string; status: number };
    expect(problem).toMatchObject({ reason, status });
    const text = JSON.stringify(problem);
    expect(text).not.toContain(secret);
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    if (status === 401) expect(response.headers.get("www-authenticate")).toBe(`HMAC realm="integrationHmac", error="${reason}"`);
  }

  it("accepts a good request", async () => {
    const { response } = await client().POST("/api/v1/integrations/token/", { body: { scope: "read" } });
    expect(response.status).toBe(200);
  });

  it("tampered body: bad_signature", async () => {
    const api = client();
    api.use({
      onRequest: ({ request }) => new Request(request, { body: JSON.stringify({ scope: "write" }) }),
    });
    await expectRefusal(await api.POST("/api/v1/integrations/token/", { body: { scope: "read" } }), 401, "bad_signature");
  });

  it("wrong secret: bad_signature; unknown key id: unknown_key", async () => {
    await expectRefusal(
      await client({ secret: Buffer.from("another-secret").toString("base64") }).GET("/api/v1/integrations/nextcloud/ping/"),
      401,
      "bad_signature",
    );
    await expectRefusal(await client({ keyId: "nobody" }).GET("/api/v1/integrations/nextcloud/ping/"), 401, "unknown_key");
  });

  it("stale and future timestamps", async () => {
    await expectRefusal(await client({ now: TEST_NOW_MS - 301_000 }).GET("/api/v1/integrations/nextcloud/ping/"), 401, "stale_timestamp");
    await expectRefusal(await client({ now: TEST_NOW_MS + 301_000 }).GET("/api/v1/integrations/nextcloud/ping/"), 401, "future_timestamp");
  });

  it("reused nonce: replayed_nonce", async () => {
    const nonce = `${adapter.padEnd(8, "0")}`.replace(/[^0-9a-f]/g, "a").padEnd(32, "0");
    const api = client({ nonce: () => nonce });
    expect((await api.GET("/api/v1/integrations/nextcloud/ping/")).response.status).toBe(200);
    await expectRefusal(await api.GET("/api/v1/integrations/nextcloud/ping/"), 401, "replayed_nonce");
  });

  it("oversized body: 413 body_too_large, without hashing it", async () => {
    await expectRefusal(
      await client().POST("/api/v1/integrations/token/", { body: { scope: "read", pad: "x".repeat(2048) } as never }),
      413,
      "body_too_large",
    );
  });

  it("missing credentials: missing_credentials", async () => {
    await expectRefusal(await fetch(`${server.baseUrl}/api/v1/integrations/nextcloud/ping/`), 401, "missing_credentials");
  });

  it("legacy X-NC-* aliases are accepted (seed 004)", async () => {
    const api = client();
    api.use({
      onRequest({ request }) {
        const headers = new Headers(request.headers);
        for (const name of ["x-client-id", "x-timestamp", "x-nonce", "x-signature"]) {
          const value = headers.get(name);
          headers.delete(name);
          if (value !== null) headers.set(name.replace(/^x-/, "x-nc-"), value);
        }
        return new Request(request, { headers });
      },
    });
    const { response } = await api.GET("/api/v1/integrations/nextcloud/ping/");
    expect(response.status).toBe(200);
  });
});
