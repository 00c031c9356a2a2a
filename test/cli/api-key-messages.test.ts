/**
 * A plain API key (an OpenAPI apiKey scheme without x-hmac) is not a key id: when it is wrong or missing,
 * the generated server's problem text, and sign / verify / explain when pointed at that scheme, speak of
 * an API key. The reason codes stay unknown_key and missing_credentials, which clients match on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { type RunningServer, startAdapter } from "../support/adapter-servers.js";
import { type GoldenOutput, loadGolden, PLAIN_VALUE, resolveTestKey } from "../support/golden-output.js";
import { runCli } from "../support/run-cli.js";

describe("a wrong plain API key, at the generated server", () => {
  let golden: GoldenOutput;
  let server: RunningServer;
  beforeAll(async () => {
    golden = await loadGolden("specs/nextcloud-drf.yaml");
    const verifier = golden.server.createVerifier({
      resolveKey: (keyId, scheme) => resolveTestKey(keyId, scheme, golden),
      checkCredential: (_scheme, value) => value === PLAIN_VALUE,
      now: () => TEST_NOW_MS + 1000,
    });
    server = await startAdapter("node", verifier);
  });
  afterAll(() => server.close());

  // POST /api/v1/integrations/token/ needs the API key and the signature together.
  const mint = (apiKey: string | undefined) =>
    golden.client
      .createClient({
        baseUrl: server.baseUrl,
        credentials: {
          integrationHmac: { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 },
          ...(apiKey === undefined ? {} : { apiKey }),
        },
        now: () => TEST_NOW_MS,
      })
      .POST("/api/v1/integrations/token/", { body: { scope: "read" } });

  it("a wrong API key is unknown_key, and the problem says API key, not key id", async () => {
    const { response, error } = await mint("not-the-key");
    expect(response.status).toBe(401);
    const problem = error as unknown as { reason: string; detail: string; scheme: string };
    expect(problem).toMatchObject({ reason: "unknown_key", scheme: "apiKey", detail: "The API key is not accepted." });
    expect(problem.detail).not.toMatch(/key id/i);
  });

  it("the right API key passes, so the text above is about the key alone", async () => {
    const { response } = await mint(PLAIN_VALUE);
    expect(response.status).toBe(200);
  });

  it("an x-hmac key id nobody knows still says key id", async () => {
    const { error } = await golden.client
      .createClient({
        baseUrl: server.baseUrl,
        credentials: { integrationHmac: { keyId: "nobody", secret: TEST_SECRETS.base64 }, apiKey: PLAIN_VALUE },
        now: () => TEST_NOW_MS,
      })
      .POST("/api/v1/integrations/token/", { body: { scope: "read" } });
    const problem = error as unknown as { reason: string; detail: string };
    expect(problem).toMatchObject({ reason: "unknown_key", detail: "No secret is known for this key id." });
  });
});

describe("sign / verify / explain pointed at a plain API key scheme", () => {
  const request = ["--method", "POST", "--url", "/api/v1/integrations/token/", "--header", "X-API-Key: wrong"];
  it.each(["verify", "explain", "sign"])("%s names it an API key, exit 2", (command) => {
    const result = runCli([command, "specs/nextcloud-drf.yaml", "--scheme", "apiKey", ...request], { env: { HMAC_SECRET: "c2VjcmV0" } });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('"apiKey" is a plain API key');
    expect(result.stderr).not.toMatch(/key id/i);
  });
});
