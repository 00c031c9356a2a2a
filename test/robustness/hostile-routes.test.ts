/**
 * Hostile requests over REAL framework routes: param routes, catch-alls and Node-docs URL routing sit
 * behind the verifier, and every handler records what it got. Raw sockets (fetch normalises targets and
 * never sends `#`, `\` or absolute-form). Each case passes only if the handler was not reached, or it
 * received exactly the signed method, target and body bytes.
 */
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { createVerifier } from "../golden/nextcloud-drf/server.js";
import { type RawRequest, sendRaw } from "./support/raw-http.js";
import { ADAPTER_NAMES, type FrameworkRoute, type Seen, type Started, startAdapter } from "./support/route-harness.js";
import { TARGETS } from "./support/signing-targets.js";

const target = TARGETS.find((t) => t.name === "drf") ?? (TARGETS[0] as (typeof TARGETS)[number]);
const PING = "/api/v1/integrations/nextcloud/ping/";
const TOKEN = "/api/v1/integrations/token/";

/** The application's own param routes, broader than the spec's paths (next to each framework's catch-all). */
const ROUTES: readonly FrameworkRoute[] = [
  { method: "GET", template: "/api/v1/integrations/{name}/ping/" },
  { method: "POST", template: "/api/v1/integrations/{name}/" },
];

const verifier = () =>
  createVerifier({ resolveKey: (keyId) => (keyId === TEST_KEY_ID ? TEST_SECRETS.base64 : undefined), now: () => TEST_NOW_MS });

interface Case {
  klass: "unsigned-variant" | "authority" | "content-encoding" | "bodyless" | "altered";
  name: string;
  request: () => Promise<RawRequest>;
  /** What was signed, when the case is signed: the handler may see exactly this or nothing. */
  signed?: { method: string; url: string; body: string; headers: Array<[string, string]> };
}

const UNSIGNED_VARIANTS = [
  PING,
  "/api/v1/integrations/nextcloud/ping",
  "/api/v1/integrations/nextcloud/ping/extra",
  "/api/v1/integrations/%6extcloud/ping/",
  "/api/v1/./integrations/nextcloud/ping/",
  "/api/v1/x/../integrations/nextcloud/ping/",
  "/api/v1/integrations/nextcloud/ping/%2e%2e/ping/",
  "/api/v1/undeclared",
  "/",
  "//api/v1/integrations/nextcloud/ping/",
  "/API/V1/integrations/nextcloud/ping/",
  "/api/v1/integrations/nextcloud/x/%2e%2e/ping/",
  "/api/v1/integrations/nextcloud%2Fping/",
  "/api/v1/integrations/nextcloud\\ping/",
  "/api/v1/integrations/nextcloud/ping/#frag",
  "/api/v1/integrations/nextcloud/ping/%23frag",
  "/api/v1/integrations/nextcloud/ping/;matrix",
  "/api/v1/integrations/nextcloud;x/ping/",
  "/api/v1/integrations/nextcloud/ping/?x=1",
  "/api/v1/integrations/other/ping/",
  "/anything/else",
  "http://127.0.0.1/api/v1/integrations/nextcloud/ping/",
  "http://tenant-b.example/api/v1/integrations/nextcloud/ping/",
];

async function signedCase(
  klass: Case["klass"],
  name: string,
  method: string,
  url: string,
  body: string | undefined,
  mutate: (request: RawRequest) => RawRequest = (r) => r,
  extra: Record<string, string> = {},
): Promise<Case> {
  const headers = await target.sign({
    method,
    target: url,
    ...(body !== undefined ? { body } : {}),
    headers: { ...(method === "POST" ? target.postExtra : {}), ...extra },
  });
  const withLength: Array<[string, string]> =
    body !== undefined ? [...headers, ["content-length", String(Buffer.byteLength(body, "latin1"))]] : headers;
  return {
    klass,
    name,
    request: async () =>
      mutate({ method, target: url, headers: withLength, ...(body !== undefined ? { body: Buffer.from(body, "latin1") } : {}) }),
    signed: { method, url, body: body ?? "", headers },
  };
}

async function cases(): Promise<Case[]> {
  const list: Case[] = UNSIGNED_VARIANTS.map((url) => ({
    klass: "unsigned-variant" as const,
    name: `unsigned GET ${url}`,
    request: async () => ({ method: "GET", target: url, headers: [] }),
  }));
  list.push({
    klass: "unsigned-variant",
    name: "unsigned POST token",
    request: async () => ({ method: "POST", target: TOKEN, headers: [["content-length", "2"]], body: "{}" }),
  });
  // Signed for tenant A's authority, sent with Host tenant B.
  list.push(
    await signedCase("authority", "absolute-form for another authority than Host", "GET", PING, undefined, (r) => ({
      ...r,
      target: `http://tenant-a.example${PING}`,
    })),
  );
  const gz = gzipSync(Buffer.from('{"scope":"read"}')).toString("latin1");
  list.push(
    await signedCase("content-encoding", "gzip bytes signed, Content-Encoding gzip", "POST", TOKEN, gz, (r) => r, {
      "Content-Encoding": "gzip",
    }),
  );
  list.push(
    await signedCase("content-encoding", "plaintext signed, sent gzipped", "POST", TOKEN, '{"scope":"read"}', (r) => ({
      ...r,
      headers: [...r.headers.filter(([n]) => n !== "content-length"), ["Content-Encoding", "gzip"], ["content-length", String(gz.length)]],
      body: Buffer.from(gz, "latin1"),
    })),
  );
  list.push(await signedCase("bodyless", "signed GET, handler reads the stream", "GET", PING, undefined));
  list.push(await signedCase("bodyless", "signed POST with an empty body", "POST", TOKEN, ""));
  list.push(await signedCase("altered", "intact signed POST", "POST", TOKEN, '{"scope":"read"}'));
  list.push(
    await signedCase("altered", "body byte altered", "POST", TOKEN, '{"scope":"read"}', (r) => ({
      ...r,
      body: Buffer.from('{"scope":"reae"}'),
    })),
  );
  list.push(await signedCase("altered", "query appended", "GET", PING, undefined, (r) => ({ ...r, target: `${PING}?admin=1` })));
  list.push(await signedCase("altered", "path case changed", "GET", PING, undefined, (r) => ({ ...r, target: PING.toUpperCase() })));
  list.push(await signedCase("altered", "method changed", "GET", PING, undefined, (r) => ({ ...r, method: "DELETE" })));
  list.push(await signedCase("altered", "fragment appended", "GET", PING, undefined, (r) => ({ ...r, target: `${PING}#x` })));
  list.push(
    await signedCase("altered", "backslash for slash", "GET", PING, undefined, (r) => ({
      ...r,
      target: PING.replace("/ping/", "\\ping/"),
    })),
  );
  return list;
}

/** Undefined when the case holds, else what went wrong. */
function judge(c: Case, status: number, records: Seen[]): string | undefined {
  if (records.length === 0) return status >= 400 && status < 500 ? undefined : `handler not reached but status ${status}`;
  if (records.length > 1) return `handler ran ${records.length} times`;
  const got = records[0] as Seen;
  if (!c.signed) return `unsigned request reached the handler as ${got.method} ${got.url}`;
  if (got.method !== c.signed.method) return `method ${got.method}, signed ${c.signed.method}`;
  if (got.url !== c.signed.url) return `target ${got.url}, signed ${c.signed.url}`;
  if (got.body !== c.signed.body) return `body ${JSON.stringify(got.body)}, signed ${JSON.stringify(c.signed.body)}`;
  if (!got.ended) return "the body stream never ended for the handler";
  for (const [name, value] of c.signed.headers) {
    if (got.headers[name.toLowerCase()] !== value) return `header ${name} ${got.headers[name.toLowerCase()]}, signed ${value}`;
  }
  return status === 200 ? undefined : `status ${status} after the handler ran`;
}

const tally: Record<string, Record<string, { cases: number; passed: number }>> = {};

describe.each(ADAPTER_NAMES)("hostile requests over real routes: %s", (adapter) => {
  let started: Started;
  let all: Case[];
  beforeAll(async () => {
    started = await startAdapter(adapter, verifier(), ROUTES);
    all = await cases();
  });
  afterAll(() => started.close());

  it("no handler acts on a request that differs from what was signed", async () => {
    const failures: string[] = [];
    for (const c of all) {
      started.seen.length = 0;
      const response = await sendRaw(started.port, await c.request());
      const wrong = judge(c, response.status, started.seen);
      const row = tally[adapter] ?? {};
      tally[adapter] = row;
      const cell = row[c.klass] ?? { cases: 0, passed: 0 };
      row[c.klass] = cell;
      cell.cases += 1;
      if (wrong) failures.push(`${c.name}: ${wrong} (${response.status} ${response.body.slice(0, 120)})`);
      else cell.passed += 1;
    }
    // The intact signed requests must be served, or "refuse everything" would pass.
    expect(failures).toEqual([]);
  });
});

afterAll(() => {
  // biome-ignore lint/suspicious/noConsole: the per-class, per-adapter figures the suite reports.
  console.log(JSON.stringify(tally));
});
