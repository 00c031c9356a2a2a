/**
 * The README's msw snippet as an app's test file writes it: the generated client is built at module level,
 * before `server.listen()` patches `globalThis.fetch` (msw 2), and must still talk to the mocks.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { createClient } from "../golden/nextcloud-drf/client.js";
import { createHandlers } from "../golden/nextcloud-drf/mocks.js";

const TEST_SECRET = TEST_SECRETS.base64;
const client = createClient({
  baseUrl: "https://api.example.test",
  credentials: { integrationHmac: { keyId: TEST_KEY_ID, secret: TEST_SECRET } },
});

const server = setupServer(
  ...createHandlers({
    resolveKey: (keyId) => (keyId === "test-key-1" ? TEST_SECRET : undefined),
    overrides: {
      forecast: ({ params, auth }) => ({ status: 200, body: { city: `${params.query.city} for ${auth.keyId}`, days: [] } }),
    },
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

it("a client created before listen() is answered by the mocks, verified", async () => {
  const { data, response } = await client.GET("/api/v1/forecast/", { params: { query: { city: "Oslo" } } });
  expect(response.status).toBe(200);
  expect(data).toEqual({ city: "Oslo for test-key-1", days: [] });
});

it("a wrong secret from that client gets the server's refusal from the mocks", async () => {
  const wrong = createClient({
    baseUrl: "https://api.example.test",
    credentials: { integrationHmac: { keyId: TEST_KEY_ID, secret: btoa("not the secret the mocks resolve") } },
  });
  const { response } = await wrong.GET("/api/v1/forecast/", { params: { query: { city: "Oslo" } } });
  expect(response.status).toBe(401);
});
