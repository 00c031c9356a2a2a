/**
 * The generated msw mocks, with real msw (setupServer) intercepting the generated client's fetch: every
 * operation of every example spec succeeds with valid credentials and answers data valid against its
 * schema (Ajv, JSON Schema 2020-12); failures match the generated server's; overrides are typed.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { loadSpec } from "../../src/spec/load.js";
import type * as MocksModule from "../golden/nextcloud-drf/mocks.js";
import { createHandlers } from "../golden/nextcloud-drf/mocks.js";
import { type RunningServer, startAdapter } from "../support/adapter-servers.js";
import { EXAMPLE_SPECS } from "../support/generate-spec.js";
import { allCredentials, type GoldenOutput, loadGolden, operationCalls, PLAIN_VALUE, resolveTestKey } from "../support/golden-output.js";
import { ROOT } from "../support/run-cli.js";

const BASE_URL = "https://api.example.test";
const server = setupServer();
// Requests to the real 127.0.0.1 servers pass through; an unmatched request to the fake origin fails on DNS.
beforeAll(() => server.listen({ onUnhandledRequest: "bypass" }));
afterAll(() => server.close());

type LooseRequest = (
  method: string,
  path: string,
  init: { params: { path: Record<string, string> }; body?: unknown },
) => Promise<{ response: Response; data?: unknown; error?: unknown }>;

function pointer(...parts: string[]): string {
  return parts.map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}

function validatorFor(document: Record<string, unknown>): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addSchema(document, "spec");
  return ajv;
}

describe.each(EXAMPLE_SPECS.map((spec) => ({ spec })))("mocks for $spec", ({ spec }) => {
  it("every operation succeeds with valid credentials and answers schema-valid data", async () => {
    const golden = await loadGolden(spec);
    const mocks = (await import(`../golden/${golden.name}/mocks.ts`)) as typeof MocksModule;
    server.resetHandlers(
      ...mocks.createHandlers({
        resolveKey: (keyId, scheme) => resolveTestKey(keyId, scheme, golden),
        checkCredential: (_scheme, value) => value === PLAIN_VALUE,
        now: () => TEST_NOW_MS + 1000,
      }),
    );
    const { document } = await loadSpec(`${ROOT}/${spec}`);
    const ajv = validatorFor(document);
    const table = ((await import(`../golden/${golden.name}/handlers.ts`)) as { operationTable: Record<string, { key: string }> })
      .operationTable;
    const names = new Map(Object.entries(table).map(([name, entry]) => [entry.key, name]));
    const client = golden.client.createClient({ baseUrl: BASE_URL, credentials: allCredentials(golden) as never, now: () => TEST_NOW_MS });
    let validated = 0;
    for (const call of operationCalls(golden)) {
      const { response, data } = await (client.request as unknown as LooseRequest)(call.method.toLowerCase(), call.path, {
        params: call.params,
        body: call.body,
      });
      expect(response.status, call.key).toBeLessThan(300);
      const canned = mocks.mockResponses[names.get(call.key) ?? ""];
      expect(canned, call.key).toBeDefined();
      if (canned?.contentType?.includes("json")) {
        validated += 1;
        const schemaRef = `spec#/${pointer("paths", call.path, call.method.toLowerCase(), "responses", String(canned.status), "content", canned.contentType, "schema")}`;
        const validate = ajv.compile({ $ref: schemaRef });
        expect(validate(data), `${call.key}: ${JSON.stringify(validate.errors)}`).toBe(true);
        // The validator is not vacuous: the response schema refuses something.
        expect(validate(Symbol.for("not json"))).toBe(false);
      }
    }
    expect(validated).toBeGreaterThan(0);
  });
});

describe("mock failures answer exactly as the generated server", () => {
  const secret = TEST_SECRETS.base64;
  const options = { resolveKey: (keyId: string | undefined) => (keyId === TEST_KEY_ID ? secret : undefined), now: () => TEST_NOW_MS };
  const PING = "/api/v1/integrations/nextcloud/ping/";
  let golden: GoldenOutput;
  let real: RunningServer;
  beforeAll(async () => {
    golden = await loadGolden("specs/nextcloud-drf.yaml");
    real = await startAdapter("node", golden.server.createVerifier(options));
  });
  afterAll(() => real.close());

  const clientFor = (baseUrl: string, overrides: { secret?: string; now?: number; nonce?: string }) =>
    golden.client.createClient({
      baseUrl,
      credentials: { integrationHmac: { keyId: TEST_KEY_ID, secret: overrides.secret ?? secret } },
      now: () => overrides.now ?? TEST_NOW_MS,
      ...(overrides.nonce ? { nonce: () => overrides.nonce ?? "" } : {}),
    });

  const summary = (result: { response: Response; error?: unknown }) => ({
    status: result.response.status,
    contentType: result.response.headers.get("content-type"),
    wwwAuthenticate: result.response.headers.get("www-authenticate"),
    problem: result.error,
  });

  it.each([
    { name: "wrong secret", client: { secret: Buffer.from("wrong").toString("base64") }, reason: "bad_signature", replay: false },
    { name: "stale timestamp", client: { now: TEST_NOW_MS - 301_000 }, reason: "stale_timestamp", replay: false },
    { name: "replayed nonce", client: { nonce: "0123456789abcdef0123456789abcdef" }, reason: "replayed_nonce", replay: true },
  ])("$name: same status, headers and problem+json as the server", async ({ client, reason, replay }) => {
    server.resetHandlers(...createHandlers({ ...options, baseUrl: BASE_URL }));
    const answers = [];
    for (const baseUrl of [BASE_URL, real.baseUrl]) {
      const api = clientFor(baseUrl, client);
      if (replay) expect((await api.GET(PING)).response.status).toBe(200);
      answers.push(summary(await api.GET(PING)));
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toMatchObject({ status: 401, contentType: "application/problem+json", problem: { reason } });
  });

  it("overrides are typed per operation and see the verified key id and the parsed request", async () => {
    server.resetHandlers(
      ...createHandlers({
        ...options,
        overrides: {
          forecast: ({ params, auth }) => ({
            status: 200,
            body: {
              city: `${params.query.city} for ${auth.keyId}`,
              days: Array.from({ length: params.query.days ?? 0 }, () => ({ date: "2026-01-01", high: 1, low: 0 })),
            },
          }),
        },
      }),
    );
    const { data } = await clientFor(BASE_URL, {}).GET("/api/v1/forecast/", { params: { query: { city: "Bern", days: 2 } } });
    expect(data).toEqual({
      city: `Bern for ${TEST_KEY_ID}`,
      days: [
        { date: "2026-01-01", high: 1, low: 0 },
        { date: "2026-01-01", high: 1, low: 0 },
      ],
    });
  });
});
