/**
 * Hostile requests (issue 9) against every generated server adapter over real HTTP on 127.0.0.1, with raw
 * sockets so malformed bytes reach the server as written. Every case must be refused with a 4xx: a
 * problem+json naming one of the case's reason codes, or Node's HTTP parser's own 400/431 where the case
 * says the bytes never reach an adapter, or the app's 404 for a path the spec does not declare. Zero 2xx
 * (no forgery accepted), zero 5xx, zero unanswered requests, and each server still serves a valid request
 * afterwards. The figures land in .tmp/robustness/hostile.json for test/robustness/README.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Verifier } from "../golden/nextcloud-drf/server.js";
import { ADAPTERS, startAdapter } from "../support/adapter-servers.js";
import { ROOT } from "../support/run-cli.js";
import { HOSTILE_CASES, type HostileCase } from "./support/hostile-cases.js";
import { type RawRequest, type RawResponse, sendRaw } from "./support/raw-http.js";
import { TARGETS, type Target, TEST_KEY_ID, TEST_NOW_MS } from "./support/signing-targets.js";

type Verdict = "reason" | "parser" | "undeclared" | "normalised";
const figures: Record<
  string,
  { tried: number; passed: number; byVerdict: Record<Verdict, number>; accepted: number; serverErrors: number }
> = {};
/** Which cases were answered other than by a reason code, per adapter: the README lists them. */
const notByReason: Record<string, string[]> = {};

async function verifierFor(target: Target): Promise<Verifier> {
  const server = (await import(`../golden/${target.golden}/server.ts`)) as typeof import("../golden/nextcloud-drf/server.js");
  return server.createVerifier({
    resolveKey: (keyId) => (keyId === TEST_KEY_ID ? target.secret : undefined),
    now: () => TEST_NOW_MS,
    maxBodyBytes: 4096,
  });
}

/** What the response says about the case; a message naming what was wrong when it is not a right answer. */
function judge(hostile: HostileCase, adapter: string, response: RawResponse, target: Target): { verdict?: Verdict; wrong?: string } {
  const { status } = response;
  const secret = target.secret;
  if (status === 0) return { wrong: "no answer (connection closed or timed out)" };
  if (status === 200 && hostile.normalisedBy?.includes(adapter)) {
    const seen = JSON.parse(response.body) as { operation?: string; body?: unknown };
    return seen.operation === `GET ${target.getPath}` && seen.body === null
      ? { verdict: "normalised" }
      : { wrong: `200 for ${response.body}` };
  }
  if (status < 400 || status >= 500) return { wrong: `status ${status}: ${response.body.slice(0, 200)}` };
  if (response.body.includes(secret)) return { wrong: "the secret is in the response" };
  if (response.headers["content-type"]?.startsWith("application/problem+json")) {
    // A HEAD answer has no body: the reason is in WWW-Authenticate then.
    const challenge = /error="([a-z_]+)"/.exec(response.headers["www-authenticate"] ?? "")?.[1];
    const problem = (response.body === "" ? { reason: challenge, status } : JSON.parse(response.body)) as {
      reason?: string;
      status?: number;
    };
    if (problem.status !== status) return { wrong: `problem status ${problem.status} differs from ${status}` };
    if (problem.reason && hostile.reasons.includes(problem.reason as never)) return { verdict: "reason" };
    // The verifier refuses a path the spec does not declare (fail closed by default).
    if (hostile.undeclared && status === 404 && problem.reason === "undeclared_route") return { verdict: "undeclared" };
    return { wrong: `reason ${problem.reason}, expected one of ${hostile.reasons.join(", ")}` };
  }
  if (hostile.parser?.includes(status)) return { verdict: "parser" };
  if (hostile.undeclared && status === 404 && response.body.includes("not declared")) return { verdict: "undeclared" };
  return { wrong: `status ${status} without problem+json: ${response.body.slice(0, 200)}` };
}

const valid = async (target: Target): Promise<RawRequest[]> => {
  const body = '{"scope":"read"}';
  const post = await target.sign({ method: "POST", target: target.postPath, body, headers: target.postExtra });
  return [
    { method: "GET", target: target.getPath, headers: await target.sign({ method: "GET", target: target.getPath }) },
    { method: "POST", target: target.postPath, headers: [...post, ["content-length", String(body.length)]], body },
  ];
};

afterAll(() => {
  const dir = join(ROOT, ".tmp/robustness");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "hostile.json"), `${JSON.stringify({ cases: HOSTILE_CASES.length, figures, notByReason }, null, 2)}\n`);
});

describe.each(ADAPTERS.map((adapter) => ({ adapter })))("$adapter adapter", ({ adapter }) => {
  it.each(TARGETS.map((target) => ({ target })))(
    "refuses every hostile request to $target.name with a 4xx and a reason",
    async ({ target }) => {
      const server = await startAdapter(adapter, await verifierFor(target));
      const port = Number(new URL(server.baseUrl).port);
      const tally = figures[adapter] ?? {
        tried: 0,
        passed: 0,
        byVerdict: { reason: 0, parser: 0, undeclared: 0, normalised: 0 },
        accepted: 0,
        serverErrors: 0,
      };
      figures[adapter] = tally;
      const wrong: string[] = [];
      try {
        for (const request of await valid(target)) expect((await sendRaw(port, request)).status, "valid request before").toBe(200);
        for (const hostile of HOSTILE_CASES.filter((c) => c.targets.includes(target.name))) {
          for (const request of (await hostile.prime?.(target)) ?? []) {
            const primed = await sendRaw(port, request);
            if (primed.status !== 200) wrong.push(`${hostile.name}: the request to replay got ${primed.status} ${primed.body}`);
          }
          const response = await sendRaw(port, await hostile.build(target));
          tally.tried += 1;
          if (response.status >= 200 && response.status < 300 && !hostile.normalisedBy?.includes(adapter)) tally.accepted += 1;
          if (response.status >= 500) tally.serverErrors += 1;
          const { verdict, wrong: problem } = judge(hostile, adapter, response, target);
          if (verdict) {
            tally.passed += 1;
            tally.byVerdict[verdict] += 1;
            if (verdict !== "reason") {
              const key = `${verdict} ${response.status}: ${hostile.name}`;
              notByReason[key] = [...(notByReason[key] ?? []), `${adapter}/${target.name}`];
            }
          } else wrong.push(`${hostile.name}: ${problem}`);
        }
        // Still serving: nothing above crashed the server or wedged the verifier.
        for (const request of await valid(target)) expect((await sendRaw(port, request)).status, "valid request after").toBe(200);
      } finally {
        await server.close();
      }
      expect(wrong).toEqual([]);
    },
    60_000,
  );
});
