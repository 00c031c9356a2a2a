/**
 * Typed operation handlers: the user implements the spec's operations in their own code with typed
 * params, body and response; the generated router verifies each request per its operation's security,
 * coerces parameters to their declared types and parses the body. Over real HTTP, with the generated client.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { createClient } from "../golden/nextcloud-drf/client.js";
import { createRouter, type Handlers } from "../golden/nextcloud-drf/handlers.js";
import { createVerifier } from "../golden/nextcloud-drf/server.js";
import { type RunningServer, startFetchHandler } from "../support/adapter-servers.js";

/** What a user writes, in their own file: the generator never touches it. */
const handlers: Handlers = {
  health: () => ({ status: 200, body: { status: "ok" } }),
  ping: () => ({ status: 200, body: { status: "ok" } }),
  mintToken: ({ body, auth, params }) => ({
    status: 200,
    body: { access_token: `${auth.keyId}:${body.scope}:${Object.keys(params.query).length}`, expires_in: 3600 },
  }),
  forecast: ({ params }) => ({
    status: 200,
    body: {
      city: params.query.city,
      days: Array.from({ length: params.query.days ?? 1 }, (_, i) => ({
        date: `2026-01-0${i + 1}`,
        high: 10 + i,
        low: (params.query.fields ?? []).length,
      })),
    },
  }),
};

let server: RunningServer;
beforeAll(async () => {
  const verifier = createVerifier({
    resolveKey: (keyId) => (keyId === TEST_KEY_ID ? TEST_SECRETS.base64 : undefined),
    now: () => TEST_NOW_MS,
  });
  server = await startFetchHandler(createRouter(verifier, handlers));
});
afterAll(() => server.close());

const api = () =>
  createClient({
    baseUrl: server.baseUrl,
    credentials: { integrationHmac: { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 }, apiKey: "k" },
    now: () => TEST_NOW_MS,
  });

describe("typed operation handlers", () => {
  it("answers each operation with the handler's typed result", async () => {
    expect((await api().GET("/api/v1/health/")).data).toEqual({ status: "ok" });
    expect((await api().POST("/api/v1/integrations/token/", { body: { scope: "write" } })).data).toEqual({
      access_token: `${TEST_KEY_ID}:write:0`,
      expires_in: 3600,
    });
  });

  it("turns query strings into the declared types (integer, array)", async () => {
    const { data } = await api().GET("/api/v1/forecast/", { params: { query: { city: "Bern", days: 3, fields: ["a", "b"] } } });
    expect(data?.days).toHaveLength(3);
    expect(data?.days[0]).toEqual({ date: "2026-01-01", high: 10, low: 2 });
  });

  it("answers 400 for a parameter that is not its declared type, after verifying", async () => {
    const client = api();
    const { response } = await client.GET("/api/v1/forecast/", { params: { query: { city: "Bern", days: "three" as unknown as number } } });
    expect(response.status).toBe(400);
  });

  it("verifies before calling a handler: unsigned requests never reach it", async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/integrations/token/`, { method: "POST", body: "{}" });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { reason: string }).reason).toBe("missing_credentials");
  });

  it("hands the client the verifier's problem as the typed error (its reason, type and scheme)", async () => {
    const wrongKey = createClient({
      baseUrl: server.baseUrl,
      credentials: { integrationHmac: { keyId: TEST_KEY_ID, secret: Buffer.from("another key entirely").toString("base64") } },
      now: () => TEST_NOW_MS,
    });
    const { data, error, response } = await wrongKey.GET("/api/v1/integrations/nextcloud/ping/");
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    // Typed as VerificationProblem (secured-paths.ts): no cast needed to read the reason.
    expect(error?.reason).toBe("bad_signature");
    expect(error).toMatchObject({ type: "urn:hmac-codegen:reason:bad_signature", status: 401, scheme: "integrationHmac" });
  });
});
