/**
 * The signing middleware composes with a user's own openapi-fetch middleware: one registered before it
 * (through `middleware`) may change the request and the signature covers the change; one added after it
 * (`client.use`) sees the signed request and the response. Verified by the Python and PHP references.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { createSigningMiddleware } from "../golden/nextcloud-drf/client/index.js";
import { createClient } from "../golden/nextcloud-drf/client.js";
import { schemes } from "../golden/nextcloud-drf/schemes.js";
import { defaultSecurity, operationSecurity, plainSchemes } from "../golden/nextcloud-drf/security.js";
import { type ReferenceServer, startReferenceServer } from "../support/reference-http-server.js";
import { ReferenceProcess } from "../support/reference-process.js";

const python = new ReferenceProcess("python");
const php = new ReferenceProcess("php");
let server: ReferenceServer;

beforeAll(async () => {
  server = await startReferenceServer({
    preset: "nextcloud-drf",
    secret: TEST_SECRETS.base64,
    now: TEST_NOW_MS / 1000,
    references: [python, php],
    needsSignature: (request) => !request.url.startsWith("/api/v1/health/"),
    otherCheck: (request) =>
      request.url.startsWith("/api/v1/integrations/token/") && request.headers["x-api-key"] !== "api-key-1" ? "api key" : undefined,
  });
});
afterAll(async () => {
  python.close();
  php.close();
  await server.close();
});

function client(middleware: Parameters<typeof createClient>[0]["middleware"] = []) {
  return createClient({
    baseUrl: server.baseUrl,
    credentials: { integrationHmac: { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 }, apiKey: "api-key-1" },
    now: () => TEST_NOW_MS,
    middleware,
  });
}

describe("middleware composition", () => {
  it("signs what a middleware before it changed: a header, the query and the body", async () => {
    const api = client([
      {
        async onRequest({ request }) {
          const url = new URL(request.url);
          url.searchParams.append("units", "metric");
          const body = request.body ? JSON.stringify({ ...(await request.json()), scope: "write" }) : null;
          const headers = new Headers(request.headers);
          headers.set("x-request-id", "r-1");
          return new Request(url, { method: request.method, headers, body });
        },
      },
    ]);
    const { data, response } = await api.POST("/api/v1/integrations/token/", { body: { scope: "read" } });
    expect(server.received.at(-1)?.rejectedBy).toEqual([]);
    expect(response.status).toBe(200);
    expect(data).toBeDefined();
    const received = server.received.at(-1);
    expect(received?.url).toBe("/api/v1/integrations/token/?units=metric");
    expect(received?.headers["x-request-id"]).toBe("r-1");
    expect(JSON.parse(received?.body.toString() ?? "")).toEqual({ scope: "write" });
  });

  it("hands a middleware after it the signed request, and the response", async () => {
    const api = client();
    const seen: Array<{ signature: string | null; status?: number }> = [];
    api.use({
      onRequest({ request }) {
        seen.push({ signature: request.headers.get("x-signature") });
      },
      onResponse({ response }) {
        const last = seen.at(-1);
        if (last) last.status = response.status;
      },
    });
    const { response } = await api.GET("/api/v1/forecast/", { params: { query: { city: "Zürich", fields: ["high", "low"] } } });
    expect(server.received.at(-1)?.rejectedBy).toEqual([]);
    expect(response.status).toBe(200);
    expect(seen).toEqual([{ signature: expect.stringMatching(/^[0-9a-f]{64}$/), status: 200 }]);
  });

  it("signs once, even when a second signing middleware is registered", async () => {
    const api = client();
    api.use(
      createSigningMiddleware({
        operations: operationSecurity,
        defaultSecurity,
        hmacSchemes: schemes,
        plainSchemes,
        credentials: { integrationHmac: { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 } },
        now: () => TEST_NOW_MS + 60_000,
      }),
    );
    const { response } = await api.GET("/api/v1/integrations/nextcloud/ping/");
    expect(response.status).toBe(200);
    const received = server.received.at(-1);
    expect(received?.rejectedBy).toEqual([]);
    // The first signature stands: its timestamp, not the second middleware's.
    expect(received?.headers["x-timestamp"]).toBe(String(TEST_NOW_MS / 1000));
  });
});
