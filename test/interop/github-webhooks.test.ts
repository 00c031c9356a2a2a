/**
 * GitHub's own webhooks spec (@octokit/openapi-webhooks, 261 webhooks) with the `github` scheme added:
 * webhooks.ts generates, type-checks as a strict user project would, and, served by node:http on
 * 127.0.0.1, hands GitHub's documented example payloads signed by @octokit/webhooks-methods to their
 * typed handlers, while a tampered or unsigned delivery gets 401 and never reaches them.
 */
import { createServer } from "node:http";
import { join } from "node:path";
import { sign as octokitSign } from "@octokit/webhooks-methods";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSpec } from "../support/generate-spec.js";
import { githubWebhooksDocument, githubWebhooksSpec } from "../support/github-webhooks-spec.js";
import { tempDir } from "../support/temp-dir.js";
import { anyTypes, typecheckProject, writeOutput } from "../support/typecheck-output.js";

const SECRET = "It's a Secret to Everybody";
const USAGE = `import { checkRunCompletedReceiver, nodeWebhook, pingReceiver, signPingWebhook } from "./webhooks.js";

export const checkRun = checkRunCompletedReceiver({ secrets: "s" }, (delivery) => new Response(delivery.json().check_run.head_sha));
export const ping = nodeWebhook(pingReceiver({ secrets: "s" }, (delivery) => new Response(String(delivery.json().hook_id))));
export const signed = signPingWebhook("https://consumer.example/hooks", { zen: "z", hook_id: 1 }, { secrets: "s" });
`;

type Generated = typeof import("../golden/webhooks/webhooks.js");
type Receiver = (request: Request) => Promise<Response>;
interface GithubWebhooks {
  nodeWebhook: Generated["nodeWebhook"];
  pingReceiver(options: { secrets: string }, handler: (delivery: { text(): string; json(): { zen?: string } }) => Response): Receiver;
  checkRunCompletedReceiver(
    options: { secrets: string },
    handler: (delivery: { text(): string; json(): { check_run: { head_sha: string } } }) => Response,
  ): Receiver;
}

const examples = githubWebhooksDocument().components.examples;
const PING = JSON.stringify((examples.ping as { value: unknown }).value, null, 2);
const CHECK_RUN = JSON.stringify((examples["check-run-completed"] as { value: unknown }).value);

describe("GitHub's webhooks spec with a github scheme", () => {
  const dir = tempDir("github-webhooks-out-");
  const seen: string[] = [];
  let baseUrl = "";
  let close: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    const files = await generateSpec(githubWebhooksSpec());
    writeOutput(dir, [...files, { path: "usage.ts", contents: USAGE }]);
    const hooks = (await import(join(dir, "webhooks.ts"))) as GithubWebhooks;
    const ping = hooks.nodeWebhook(
      hooks.pingReceiver({ secrets: SECRET }, (delivery) => {
        seen.push(delivery.text());
        return new Response(delivery.json().zen ?? "", { status: 200 });
      }),
    );
    const checkRun = hooks.nodeWebhook(
      hooks.checkRunCompletedReceiver({ secrets: SECRET }, (delivery) => {
        seen.push(delivery.text());
        return new Response(delivery.json().check_run.head_sha, { status: 200 });
      }),
    );
    const server = createServer((req, res) => (req.url === "/ping" ? ping : checkRun)(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  }, 120_000);
  afterAll(() => close());

  it("generates a receiver per webhook with no any, and type-checks strictly", async () => {
    const files = await generateSpec(githubWebhooksSpec());
    const webhooks = files.find((file) => file.path === "webhooks.ts");
    expect(webhooks?.contents.match(/^export function \w+Receiver\(/gm)?.length).toBe(
      Object.keys(githubWebhooksDocument().webhooks).length,
    );
    for (const file of files.filter((f) => f.path.endsWith(".ts"))) expect(anyTypes(file), file.path).toBe(0);
    expect(typecheckProject(dir)).toBe("");
  }, 240_000);

  async function post(path: string, body: string, signature: string | undefined) {
    const before = seen.length;
    const response = await fetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "ping", ...(signature ? { "x-hub-signature-256": signature } : {}) },
      body,
    });
    return { status: response.status, text: await response.text(), reached: seen.length > before };
  }

  it("hands GitHub's example payloads, signed by @octokit/webhooks-methods, to their typed handlers byte for byte", async () => {
    const ping = await post("/ping", PING, await octokitSign(SECRET, PING));
    expect(ping).toMatchObject({ status: 200, text: "Anything added dilutes everything else.", reached: true });
    expect(seen.at(-1)).toBe(PING);
    const checkRun = await post("/check-run", CHECK_RUN, await octokitSign(SECRET, CHECK_RUN));
    expect(checkRun).toMatchObject({ status: 200, text: "ec26c3e57ca3a959ca5aad62de7213c562f8c821", reached: true });
    expect(seen.at(-1)).toBe(CHECK_RUN);
  });

  it("answers a tampered or unsigned delivery with 401 before its handler", async () => {
    const signature = await octokitSign(SECRET, PING);
    expect(await post("/ping", PING.replace("dilutes", "improves"), signature)).toMatchObject({ status: 401, reached: false });
    expect(await post("/ping", PING, undefined)).toMatchObject({ status: 401, reached: false });
  });
});
