/**
 * Random requests over raw sockets against every adapter (issue 9, fast-check): random methods, paths and
 * header values (Latin-1, controls, CR and LF included) on the seed 004 API. Whatever arrives, the answer
 * is never missing, never 5xx, and a 2xx only for the public health check (unsigned requests cannot reach
 * a signed operation). Complements the table of hostile-requests.test.ts with shapes nobody listed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { createVerifier } from "../golden/nextcloud-drf/server.js";
import { ADAPTERS, startAdapter } from "../support/adapter-servers.js";
import { sendRaw } from "./support/raw-http.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const PATHS = ["/api/v1/health/", "/api/v1/integrations/nextcloud/ping/", "/api/v1/integrations/token/", "/api/v1/forecast/"];
const PIECES = [
  "%2e%2e",
  "..",
  "/",
  "//",
  "%2F",
  "%00",
  "%C0%AF",
  ";",
  "?",
  "&",
  "=",
  "#",
  "ping",
  "PING",
  "%70",
  "é",
  " ",
  "\t",
  "x".repeat(300),
];
const HEADERS = [
  "X-Signature",
  "X-Client-Id",
  "X-Timestamp",
  "X-Nonce",
  "X-NC-SIGNATURE",
  "X-API-Key",
  "Content-Length",
  "Transfer-Encoding",
  "Host",
];

/** Latin-1 text: what an HTTP/1.1 head can carry byte for byte, controls included. */
const latin1 = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((code) => String.fromCharCode(code)), maxLength: 40 });

describe.each(ADAPTERS.map((adapter) => ({ adapter })))("$adapter adapter", ({ adapter }) => {
  it(`answers ${RUNS} random requests with no 5xx and no unsigned 2xx`, async () => {
    const verifier = createVerifier({
      resolveKey: (keyId) => (keyId === TEST_KEY_ID ? TEST_SECRETS.base64 : undefined),
      now: () => TEST_NOW_MS,
    });
    const server = await startAdapter(adapter, verifier);
    const port = Number(new URL(server.baseUrl).port);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom("GET", "POST", "HEAD", "PUT", "OPTIONS"),
          fc.constantFrom(...PATHS),
          fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }),
          fc.array(fc.tuple(fc.constantFrom(...HEADERS), latin1), { maxLength: 5 }),
          fc.option(latin1, { nil: undefined }),
          async (method, path, extra, headers, body) => {
            const target = `${path}${extra.join("")}`.replace(/[ \t]/g, "%20");
            const response = await sendRaw(port, { method, target, headers, ...(body !== undefined ? { body } : {}) }, 5000);
            expect(response.status, `${method} ${JSON.stringify(target)} ${JSON.stringify(headers)}`).toBeGreaterThanOrEqual(200);
            expect(response.status).toBeLessThan(500);
            if (response.status < 300 && method !== "HEAD") {
              expect(JSON.parse(response.body)).toMatchObject({ operation: "GET /api/v1/health/" });
            }
          },
        ),
        { numRuns: RUNS },
      );
    } finally {
      await server.close();
    }
  }, 60_000);
});
