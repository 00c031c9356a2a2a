/**
 * Runs in headless Chromium: msw's setupWorker with the generated mocks, and the generated client
 * signing with Web Crypto (no node:crypto in a browser). Reports what it saw to the test server.
 */
import { setupWorker } from "msw/browser";
import { createClient } from "../golden/nextcloud-drf/client.js";
import { createHandlers } from "../golden/nextcloud-drf/mocks.js";
import { defaultCryptoProvider } from "../golden/nextcloud-drf/runtime/index.js";

// Injected by the test's esbuild `define` from src/emit/test-credentials.ts (which uses Buffer, absent here).
declare const TEST_CREDENTIALS: { keyId: string; secret: string; nowMs: number };
const { keyId: TEST_KEY_ID, secret: SECRET, nowMs: TEST_NOW_MS } = TEST_CREDENTIALS;
const API = "https://weather.example.com";

async function run(): Promise<unknown> {
  const worker = setupWorker(
    ...createHandlers({ baseUrl: API, resolveKey: (keyId) => (keyId === TEST_KEY_ID ? SECRET : undefined), now: () => TEST_NOW_MS }),
  );
  await worker.start({ serviceWorker: { url: "/mockServiceWorker.js" }, onUnhandledRequest: "bypass", quiet: true });
  const client = (secret: string) =>
    createClient({ baseUrl: API, credentials: { integrationHmac: { keyId: TEST_KEY_ID, secret }, apiKey: "k" }, now: () => TEST_NOW_MS });
  const good = await client(SECRET).GET("/api/v1/forecast/", { params: { query: { city: "Bern", days: 2 } } });
  const token = await client(SECRET).POST("/api/v1/integrations/token/", { body: { scope: "read" } });
  const bad = await client(btoa("wrong secret")).GET("/api/v1/integrations/nextcloud/ping/");
  return {
    crypto: defaultCryptoProvider().name,
    forecast: { status: good.response.status, data: good.data },
    token: { status: token.response.status, data: token.data },
    wrongSecret: { status: bad.response.status, error: bad.error },
  };
}

run()
  .then((result) => fetch("/report", { method: "POST", body: JSON.stringify({ ok: true, result }) }))
  .catch((error: unknown) => fetch("/report", { method: "POST", body: JSON.stringify({ ok: false, error: String(error) }) }));
