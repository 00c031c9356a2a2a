/**
 * Names that collide (issue 17): operationIds that are Object.prototype's names (`__proto__`,
 * `constructor`, `toString`, `hasOwnProperty`, `valueOf`), one equal to the name an operation without an
 * operationId gets (`GET /d`). (A duplicated operationId falls back to
 * `METHOD /path` too, but OpenAPI forbids it and openapi-typescript's schema.ts then has a duplicate
 * identifier, so it is not in this spec.) The output type-checks strictly with a user's
 * handlers object, and the client, the typed router and the msw mocks send every operation to its own
 * handler or canned response: never a built-in method, never another operation's, never a 500.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { getResponse, type HttpHandler } from "msw";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { generateSpec } from "../support/generate-spec.js";
import { ROOT } from "../support/run-cli.js";
import { typecheckProject, writeOutput } from "../support/typecheck-output.js";

/** What a user writes: one handler per operation, `__proto__` as a computed key so it is an own property. */
const USAGE = `import type { Handlers } from "./handlers.js";

const answer = (from: string) => () => ({ status: 200 as const, body: { from: \`handler \${from}\` } });

export const handlers: Handlers = {
  ["__proto__"]: answer("__proto__"),
  constructor: answer("constructor"),
  toString: answer("toString"),
  hasOwnProperty: answer("hasOwnProperty"),
  valueOf: answer("valueOf"),
  "GET /d": answer("GET /d"),
  "GET /d (2)": answer("GET /d (2)"),
};
`;

/** Each operation, the handler name it must reach and the spec's example its canned response holds. */
const CALLS = [
  { method: "GET", path: "/proto", handler: "__proto__", example: "__proto__" },
  { method: "GET", path: "/constructor", handler: "constructor", example: "constructor" },
  { method: "POST", path: "/to-string", handler: "toString", example: "toString" },
  { method: "GET", path: "/has-own", handler: "hasOwnProperty", example: "hasOwnProperty" },
  { method: "GET", path: "/value-of", handler: "valueOf", example: "valueOf" },
  { method: "GET", path: "/e", handler: "GET /d", example: "GET /d (the operationId of GET /e)" },
  { method: "GET", path: "/d", handler: "GET /d (2)", example: "GET /d (no operationId)" },
] as const;

type Fetch = (request: Request) => Promise<Response>;
type LooseClient = Record<string, (path: string, init: { body?: unknown }) => Promise<{ response: Response; data?: unknown }>>;

interface Output {
  handlers: { createRouter(verifier: unknown, handlers: unknown): Fetch; operationTable: Record<string, { key: string }> };
  server: { createVerifier(options: unknown): unknown };
  client: { createClient(options: unknown): unknown };
  mocks: { createHandlers(options: unknown): HttpHandler[] };
  usage: { handlers: Record<string, unknown> };
}

let dir: string;
let output: Output;
const verifierOptions = {
  resolveKey: (keyId: string) => (keyId === TEST_KEY_ID ? TEST_SECRETS.base64 : undefined),
  now: () => TEST_NOW_MS,
};

beforeAll(async () => {
  const files = await generateSpec("test/fixtures/colliding-names/api.yaml");
  // Inside the repository, so the output's imports of openapi-fetch and msw resolve as in a user's project.
  mkdirSync(join(ROOT, ".tmp"), { recursive: true });
  dir = mkdtempSync(join(ROOT, ".tmp", "colliding-names-"));
  writeOutput(dir, [...files, { path: "usage.ts", contents: USAGE }]);
  const load = (name: string) => import(join(dir, `${name}.ts`));
  output = {
    handlers: await load("handlers"),
    server: await load("server"),
    client: await load("client"),
    mocks: await load("mocks"),
    usage: await load("usage"),
  };
}, 60_000);

async function callEach(fetch: Fetch): Promise<Array<{ path: string; status: number; from: unknown }>> {
  const client = output.client.createClient({
    baseUrl: "https://api.example.test",
    credentials: { hmac: { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 } },
    now: () => TEST_NOW_MS,
    fetch,
  }) as LooseClient;
  const results = [];
  for (const call of CALLS) {
    const send = client[call.method];
    if (!send) throw new Error(`no ${call.method}`);
    const { response, data } = await send(call.path, call.method === "POST" ? { body: { from: "client" } } : {});
    results.push({ path: call.path, status: response.status, from: (data as { from?: unknown } | undefined)?.from });
  }
  return results;
}

describe("operationIds that collide with built-in or generated names", () => {
  it("get one table entry each, and the output type-checks strictly with a handlers object", () => {
    expect(Object.keys(output.handlers.operationTable).sort()).toEqual(CALLS.map((call) => call.handler).sort());
    expect(Object.hasOwn(output.handlers.operationTable, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(output.handlers.operationTable)).toBe(Object.prototype);
    expect(typecheckProject(dir)).toBe("");
  }, 120_000);

  it("the typed router sends each operation to its own handler", async () => {
    const router = output.handlers.createRouter(output.server.createVerifier(verifierOptions), output.usage.handlers);
    expect(await callEach(router)).toEqual(CALLS.map((call) => ({ path: call.path, status: 200, from: `handler ${call.handler}` })));
  });

  it("a router given no handlers answers 404 for each, never a built-in method's result or a 500", async () => {
    const router = output.handlers.createRouter(output.server.createVerifier(verifierOptions), {});
    expect((await callEach(router)).map((result) => result.status)).toEqual(CALLS.map(() => 404));
  });

  it("the msw mocks answer each operation with its own canned response, or its own override", async () => {
    const viaMocks =
      (handlers: HttpHandler[]): Fetch =>
      async (request) =>
        (await getResponse(handlers, request)) ?? new Response(null, { status: 599 });
    const canned = output.mocks.createHandlers(verifierOptions);
    expect(await callEach(viaMocks(canned))).toEqual(CALLS.map((call) => ({ path: call.path, status: 200, from: call.example })));
    const overridden = output.mocks.createHandlers({ ...verifierOptions, overrides: output.usage.handlers });
    expect(await callEach(viaMocks(overridden))).toEqual(
      CALLS.map((call) => ({ path: call.path, status: 200, from: `handler ${call.handler}` })),
    );
  });
});
