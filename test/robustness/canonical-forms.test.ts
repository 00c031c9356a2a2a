/**
 * Canonical forms that frameworks read differently (issue 16), over REAL framework routes: param routes
 * that split on the raw `/`, a catch-all, and Node-docs URL routing, each behind the verifier. A decoded-path
 * signature (the nextcloud-drf preset) covers `/docs/x/y` and `/docs/x%2Fy` alike; a sorted query covers
 * `a=1&a=0` and `a=0&a=1` alike; SigV4 reads a raw `+` as a plus where every framework reads a space. Each
 * case sends raw bytes and passes only if the handler was never reached (4xx), or it received the route,
 * parameters and query the signature stands for, whatever spelling carried it. The verifier is the
 * template's own (a generated one holds only its spec's profiles; this API mixes a preset with SigV4).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { signRequest } from "../../templates/runtime/sign.js";
import type { SigningScheme } from "../../templates/runtime/types.js";
import {
  createSpecVerifier,
  expressVerification,
  fastifyVerification,
  honoVerification,
  nodeVerification,
  withNodeVerification,
  withVerification,
} from "../../templates/server/index.js";
import { schemes as aws } from "../golden/aws-sigv4-example/schemes.js";
import { schemes as drf } from "../golden/nextcloud-drf/schemes.js";
import { type RawRequest, sendRaw } from "./support/raw-http.js";

const AWS_KEY = { keyId: "AKIDEXAMPLE", secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const DRF = drf.integrationHmac;
const SIGV4 = aws.sigv4;

/** Two operations whose paths differ only in where a slash falls, one with a unique shape, two query ones. */
const ROUTES = {
  one: "/docs/{id}",
  two: "/docs/{a}/{b}",
  file: "/files/{name}",
  search: "/search",
  awsSearch: "/aws/search",
  me: "/users/me",
  user: "/users/{id}",
} as const;
type RouteName = keyof typeof ROUTES;

const verifier = () =>
  createSpecVerifier(
    {
      operations: {
        "GET /docs/{id}": [["drf"]],
        "GET /docs/{a}/{b}": [["drf"]],
        "GET /files/{name}": [["drf"]],
        "GET /search": [["drf"]],
        "GET /aws/search": [["aws"]],
        // A protected literal beside a public template: Fastify and Hono decode %6D before routing.
        "GET /users/me": [["drf"]],
        "GET /users/{id}": [],
      },
      hmacSchemes: { drf: DRF, aws: SIGV4 },
      plainSchemes: {},
    },
    {
      resolveKey: (keyId) => (keyId === AWS_KEY.keyId ? AWS_KEY.secret : keyId === TEST_KEY_ID ? TEST_SECRETS.base64 : undefined),
      now: () => TEST_NOW_MS,
    },
  );

/** What a handler got: its route, its decoded parameters, its query as the framework parsed it. */
interface Seen {
  route: RouteName | "catch-all";
  params: Record<string, string>;
  query: Record<string, string[]>;
}
let seen: Seen[] = [];

const asLists = (query: Record<string, unknown>): Record<string, string[]> =>
  Object.fromEntries(Object.entries(query).map(([name, value]) => [name, Array.isArray(value) ? value.map(String) : [String(value)]]));

function searchLists(search: URLSearchParams): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (const [name, value] of search) lists[name] = [...(lists[name] ?? []), value];
  return lists;
}

/** A hand-written router as Node's docs show it: split the WHATWG pathname on `/`, decode each segment. */
function routeByUrl(url: URL): Seen {
  const segments = url.pathname.split("/").slice(1).map(decodeURIComponent);
  const query = searchLists(url.searchParams);
  if (segments[0] === "docs" && segments.length === 2) return { route: "one", params: { id: segments[1] ?? "" }, query };
  if (segments[0] === "docs" && segments.length === 3)
    return { route: "two", params: { a: segments[1] ?? "", b: segments[2] ?? "" }, query };
  if (segments[0] === "files" && segments.length === 2) return { route: "file", params: { name: segments[1] ?? "" }, query };
  if (url.pathname === "/search") return { route: "search", params: {}, query };
  if (segments[0] === "users" && segments.length === 2)
    return segments[1] === "me" ? { route: "me", params: {}, query } : { route: "user", params: { id: segments[1] ?? "" }, query };
  if (url.pathname === "/aws/search") return { route: "awsSearch", params: {}, query };
  return { route: "catch-all", params: {}, query };
}

function nodeHandler(req: IncomingMessage, res: ServerResponse): void {
  seen.push(routeByUrl(new URL(req.url ?? "/", "http://127.0.0.1")));
  res.writeHead(200).end("handled");
}

function webHandler(request: Request): Response {
  seen.push(routeByUrl(new URL(request.url)));
  return new Response("handled");
}

type Started = { port: number; close(): Promise<void> };

function listen(server: Server): Promise<Started> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ port: (server.address() as AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) }),
    ),
  );
}

function serveFetch(fetch: (request: Request) => Promise<Response> | Response): Promise<Started> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve({ port: (server.address() as AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) }),
    );
  });
}

/** Express and Fastify param syntax for each route. */
const COLON_ROUTES: Array<[RouteName, string]> = [
  ["one", "/docs/:id"],
  ["two", "/docs/:a/:b"],
  ["file", "/files/:name"],
  ["search", "/search"],
  ["awsSearch", "/aws/search"],
  ["me", "/users/me"],
  ["user", "/users/:id"],
];

const ADAPTERS: Record<string, () => Promise<Started>> = {
  async express() {
    const app = express();
    app.use(expressVerification(verifier()));
    for (const [route, path] of COLON_ROUTES)
      app.get(path, (req, res) => {
        seen.push({ route, params: { ...(req.params as Record<string, string>) }, query: asLists(req.query as Record<string, unknown>) });
        res.send("handled");
      });
    app.all("/{*splat}", (req, res) => {
      seen.push({ route: "catch-all", params: {}, query: asLists(req.query as Record<string, unknown>) });
      res.send("handled");
    });
    return listen(createServer(app));
  },
  async fastify() {
    const app = Fastify();
    await app.register(fastifyVerification(verifier()));
    for (const [route, path] of COLON_ROUTES)
      app.get(path, async (request) => {
        seen.push({
          route,
          params: { ...(request.params as Record<string, string>) },
          query: asLists(request.query as Record<string, unknown>),
        });
        return "handled";
      });
    app.all("/*", async (request) => {
      seen.push({ route: "catch-all", params: {}, query: asLists(request.query as Record<string, unknown>) });
      return "handled";
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
  },
  async hono() {
    const app = new Hono();
    app.use(honoVerification(verifier()));
    for (const [route, path] of COLON_ROUTES)
      app.get(path, (c) => {
        seen.push({ route, params: c.req.param() as Record<string, string>, query: c.req.queries() });
        return c.text("handled");
      });
    app.all("*", (c) => {
      seen.push({ route: "catch-all", params: {}, query: c.req.queries() });
      return c.text("handled");
    });
    return serveFetch(app.fetch);
  },
  async withNodeVerification() {
    return listen(createServer(withNodeVerification(verifier(), nodeHandler)));
  },
  async nodeVerification() {
    const middleware = nodeVerification(verifier());
    return listen(
      createServer((req, res) => {
        void middleware(req, res, (error) => {
          if (error) return void res.writeHead(500).end();
          nodeHandler(req, res);
        });
      }),
    );
  },
  async withVerification() {
    return serveFetch(withVerification(verifier(), (request) => webHandler(request)));
  },
};

interface Case {
  klass: "escaped-slash" | "dot-segment" | "duplicate-order" | "sigv4-plus" | "unreserved-escape";
  name: string;
  /** The target whose signature is sent, and the target actually sent. */
  signedTarget: string;
  sentTarget: string;
  scheme: "drf" | "aws" | "unsigned";
  /** What the handler must see if it is reached; undefined: it must not be reached. */
  expect: Seen | undefined;
}

const CASES: Case[] = [
  {
    klass: "unreserved-escape",
    name: "an unsigned request to the protected literal, spelled with an escaped unreserved character",
    signedTarget: "/users/%6De",
    sentTarget: "/users/%6De",
    scheme: "unsigned",
    expect: undefined,
  },
  {
    klass: "unreserved-escape",
    name: "the public template beside it, unsigned, as sent",
    signedTarget: "/users/7",
    sentTarget: "/users/7",
    scheme: "unsigned",
    expect: { route: "user", params: { id: "7" }, query: {} },
  },
  {
    klass: "unreserved-escape",
    name: "the protected literal, signed",
    signedTarget: "/users/me",
    sentTarget: "/users/me",
    scheme: "drf",
    expect: { route: "me", params: {}, query: {} },
  },
  {
    klass: "unreserved-escape",
    name: "its signature on the escaped spelling (Express would run the public template's handler)",
    signedTarget: "/users/me",
    sentTarget: "/users/%6De",
    scheme: "drf",
    expect: undefined,
  },
  {
    klass: "escaped-slash",
    name: "the signed two-segment route, as signed",
    signedTarget: "/docs/x/y",
    sentTarget: "/docs/x/y",
    scheme: "drf",
    expect: { route: "two", params: { a: "x", b: "y" }, query: {} },
  },
  {
    klass: "escaped-slash",
    name: "its signature on the one-segment route (%2F)",
    signedTarget: "/docs/x/y",
    sentTarget: "/docs/x%2Fy",
    scheme: "drf",
    expect: undefined,
  },
  {
    klass: "escaped-slash",
    name: "its signature with a lower-case %2f",
    signedTarget: "/docs/x/y",
    sentTarget: "/docs/x%2fy",
    scheme: "drf",
    expect: undefined,
  },
  {
    klass: "escaped-slash",
    name: "a one-segment id holding a slash, which the decoded path cannot tell from the two-segment route",
    signedTarget: "/docs/x%2Fy",
    sentTarget: "/docs/x%2Fy",
    scheme: "drf",
    expect: undefined,
  },
  {
    klass: "escaped-slash",
    name: "a name holding a slash where no other route has that shape",
    signedTarget: "/files/a%2Fb",
    sentTarget: "/files/a%2Fb",
    scheme: "drf",
    expect: { route: "file", params: { name: "a/b" }, query: {} },
  },
  {
    klass: "escaped-slash",
    name: "its signature with a real slash",
    signedTarget: "/files/a%2Fb",
    sentTarget: "/files/a/b",
    scheme: "drf",
    expect: undefined,
  },
  {
    klass: "dot-segment",
    name: "an escaped dot segment",
    signedTarget: "/docs/x/%2e%2e",
    sentTarget: "/docs/x/%2e%2e",
    scheme: "drf",
    expect: undefined,
  },
  {
    klass: "dot-segment",
    name: "a raw dot segment",
    signedTarget: "/docs/x/../y",
    sentTarget: "/docs/x/../y",
    scheme: "drf",
    expect: undefined,
  },
  {
    klass: "duplicate-order",
    name: "repeated values in sorted order",
    signedTarget: "/search?tag=a&tag=b",
    sentTarget: "/search?tag=a&tag=b",
    scheme: "drf",
    expect: { route: "search", params: {}, query: { tag: ["a", "b"] } },
  },
  {
    klass: "duplicate-order",
    name: "repeated values signed in another order: the handler gets the signed (sorted) order",
    signedTarget: "/search?tag=b&tag=a",
    sentTarget: "/search?tag=b&tag=a",
    scheme: "drf",
    expect: { route: "search", params: {}, query: { tag: ["a", "b"] } },
  },
  {
    klass: "duplicate-order",
    name: "a sorted signature sent reordered",
    signedTarget: "/search?tag=a&tag=b&x=1",
    sentTarget: "/search?x=1&tag=b&tag=a",
    scheme: "drf",
    expect: { route: "search", params: {}, query: { tag: ["a", "b"], x: ["1"] } },
  },
  {
    klass: "sigv4-plus",
    name: "an escaped plus, as AWS SDKs send it",
    signedTarget: "/aws/search?q=a%2Bb",
    sentTarget: "/aws/search?q=a%2Bb",
    scheme: "aws",
    expect: { route: "awsSearch", params: {}, query: { q: ["a+b"] } },
  },
  {
    klass: "sigv4-plus",
    name: "its signature with a raw plus: the handler gets the plus the signature covers, not a space",
    signedTarget: "/aws/search?q=a%2Bb",
    sentTarget: "/aws/search?q=a+b",
    scheme: "aws",
    expect: { route: "awsSearch", params: {}, query: { q: ["a+b"] } },
  },
  {
    klass: "sigv4-plus",
    name: "an escaped space stays a space",
    signedTarget: "/aws/search?q=a%20b",
    sentTarget: "/aws/search?q=a%20b",
    scheme: "aws",
    expect: { route: "awsSearch", params: {}, query: { q: ["a b"] } },
  },
  {
    klass: "sigv4-plus",
    name: "repeated values reordered under SigV4",
    signedTarget: "/aws/search?a=0&a=1",
    sentTarget: "/aws/search?a=1&a=0",
    scheme: "aws",
    expect: { route: "awsSearch", params: {}, query: { a: ["0", "1"] } },
  },
];

async function signedRequest(c: Case): Promise<RawRequest> {
  if (c.scheme === "unsigned") return { method: "GET", target: c.sentTarget, headers: [] };
  const scheme: SigningScheme = c.scheme === "aws" ? SIGV4 : DRF;
  // The raw sender's Host is 127.0.0.1, which SigV4 signs.
  const url = c.scheme === "aws" ? `http://127.0.0.1${c.signedTarget}` : c.signedTarget;
  const credentials = c.scheme === "aws" ? AWS_KEY : { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 };
  const signed = await signRequest(scheme, { method: "GET", url }, credentials, { now: () => TEST_NOW_MS });
  return { method: "GET", target: c.sentTarget, headers: Object.entries(signed.headers) };
}

function judge(c: Case, status: number, records: Seen[]): string | undefined {
  if (records.length === 0) {
    if (status < 400 || status >= 500) return `handler not reached but status ${status}`;
    return c.expect ? `refused with ${status}, expected the handler to get ${JSON.stringify(c.expect)}` : undefined;
  }
  if (!c.expect) return `reached ${JSON.stringify(records[0])}, expected a refusal`;
  const got = records[0] as Seen;
  const sorted = (seen: Seen) => JSON.stringify({ ...seen, params: Object.fromEntries(Object.entries(seen.params).sort()) });
  return sorted(got) === sorted(c.expect) ? undefined : `handler got ${sorted(got)}, signed ${sorted(c.expect)}`;
}

const tally: Record<string, Record<string, { cases: number; passed: number }>> = {};

describe.each(Object.keys(ADAPTERS))("canonical forms over real routes: %s", (adapter) => {
  let started: Started;
  beforeAll(async () => {
    started = await (ADAPTERS[adapter] as () => Promise<Started>)();
  });
  afterAll(() => started.close());

  it("every spelling of one signature reaches the route, parameters and query it stands for, or nothing", async () => {
    const failures: string[] = [];
    for (const c of CASES) {
      seen = [];
      const response = await sendRaw(started.port, await signedRequest(c));
      const wrong = judge(c, response.status, seen);
      const row = tally[adapter] ?? {};
      tally[adapter] = row;
      const cell = row[c.klass] ?? { cases: 0, passed: 0 };
      row[c.klass] = cell;
      cell.cases += 1;
      if (wrong) failures.push(`${c.name} (${c.sentTarget}): ${wrong} (${response.body.slice(0, 100)})`);
      else cell.passed += 1;
    }
    expect(failures).toEqual([]);
  });
});

afterAll(() => {
  // biome-ignore lint/suspicious/noConsole: the per-class, per-adapter figures the suite reports.
  console.log(JSON.stringify(tally));
});
