/**
 * The generated code is a product: it must compile under the strictest settings a user may have
 * (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes), with no @types/node (browser apps),
 * and contain no `any`. GitHub's REST spec checks that this holds at 1,200 operations.
 */
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLE_SPECS, generateSpec } from "../support/generate-spec.js";
import { githubSpecWithHmac } from "../support/github-spec.js";
import { tempDir } from "../support/temp-dir.js";
import { anyTypes, typecheckProject, writeOutput } from "../support/typecheck-output.js";

const USAGE = `import { createClient } from "./client.js";
import { createRouter, fastifyRouter, type Handlers, nodeRouter } from "./handlers.js";
import { createHandlers } from "./mocks.js";
import { createVerifier, expressVerification, fastifyVerification, honoVerification, nodeVerification, withVerification } from "./server.js";
import { schemes } from "./schemes.js";
import { MemoryReplayStore, signRequest, verifyRequest } from "./runtime/index.js";

export async function roundTrip(secret: string): Promise<boolean> {
  for (const scheme of Object.values(schemes)) {
    const request = { method: "POST", url: "/x?a=1", headers: { "content-type": "application/json" }, body: new TextEncoder().encode("{}") };
    const signed = await signRequest(scheme, request, { keyId: "k", secret });
    const result = await verifyRequest(
      scheme,
      { ...request, url: signed.url, headers: { ...request.headers, ...signed.headers } },
      { resolveKey: () => [secret], replayStore: new MemoryReplayStore() },
    );
    if (!result.ok) return false;
  }
  return true;
}

export const client = createClient({ baseUrl: "https://api.example.com", credentials: {}, now: () => 0 });

const verifier = createVerifier({ resolveKey: () => "c2VjcmV0", replayStore: new MemoryReplayStore() });
export const handler = withVerification(verifier, async (_request, auth) => new Response(auth.keyId ?? "anonymous"));
export const middlewares = [honoVerification(verifier), expressVerification(verifier), fastifyVerification(verifier), nodeVerification(verifier)];
export const router = (handlers: Handlers) => createRouter(verifier, handlers);
export const frameworkRouters = (handlers: Handlers) => [nodeRouter(router(handlers)), fastifyRouter(router(handlers))];
export const mockHandlers = createHandlers({ resolveKey: () => "c2VjcmV0", overrides: {} });
`;

/** The webhooks.ts surface, for the specs that have signed webhooks: receivers in every adapter, typed senders. */
const WEBHOOK_USAGE = `import { fastifyWebhook, honoWebhook, invoicePaidReceiver, nodeWebhook, pushReceiver, sendPushWebhook, signInvoicePaidWebhook } from "./webhooks.js";
import { MemoryReplayStore } from "./runtime/index.js";

const push = pushReceiver({ secrets: "s" }, (delivery) => new Response(delivery.json().commits[0]?.message ?? null));
const invoice = invoicePaidReceiver({ secrets: ["whsec_a"], replayStore: new MemoryReplayStore() }, (delivery) =>
  Response.json({ amount: delivery.json().data.amountCents }),
);
export const adapters = [nodeWebhook(push, { maxBodyBytes: 1024 }), fastifyWebhook(push), honoWebhook(invoice)];
export const sent = sendPushWebhook("https://consumer.example/hooks", { ref: "r", commits: [] }, { secrets: "s" });
export const signed = signInvoicePaidWebhook(
  "https://consumer.example/hooks",
  { type: "invoice.paid", data: { invoiceId: "in_1", amountCents: 1 } },
  { secrets: ["whsec_a"] },
);
`;

const GITHUB_USAGE = `import { createClient } from "./client.js";

import { createHandlers } from "./mocks.js";

const github = createClient({ baseUrl: "https://api.github.com", credentials: { githubHmac: { keyId: "k", secret: "c2VjcmV0" } } });
export const mocks = createHandlers({ resolveKey: () => "c2VjcmV0", baseUrl: "https://api.github.com" });

export async function calls(): Promise<string | undefined> {
  const { data } = await github.GET("/repos/{owner}/{repo}", { params: { path: { owner: "octokit", repo: "openapi" } } });
  await github.POST("/repos/{owner}/{repo}/issues", { params: { path: { owner: "o", repo: "r" } }, body: { title: "t" } });
  return data?.full_name;
}
`;

describe("generated output", () => {
  it("type-checks for every example spec, without @types/node, with no any", async () => {
    const dir = tempDir();
    for (const spec of EXAMPLE_SPECS) {
      const out = join(dir, basename(spec, ".yaml"));
      const files = await generateSpec(spec);
      const webhookUsage = files.some((f) => f.path === "webhooks.ts") ? [{ path: "webhook-usage.ts", contents: WEBHOOK_USAGE }] : [];
      writeOutput(out, [...files, { path: "usage.ts", contents: USAGE }, ...webhookUsage]);
      for (const file of files.filter((f) => f.path.endsWith(".ts"))) expect(anyTypes(file), file.path).toBe(0);
    }
    expect(typecheckProject(dir)).toBe("");
  }, 120_000);

  it("type-checks for GitHub's REST spec with an x-hmac scheme added (about 1,200 operations), mocks included", async () => {
    const files = await generateSpec(githubSpecWithHmac());
    const security = files.find((file) => file.path === "security.ts");
    expect(security?.contents.match(/^ {2}"[A-Z]+ \//gm)?.length).toBeGreaterThan(1000);
    for (const file of files.filter((f) => f.path.endsWith(".ts"))) expect(anyTypes(file), file.path).toBe(0);
    const dir = tempDir();
    writeOutput(dir, [...files, { path: "usage.ts", contents: GITHUB_USAGE }]);
    expect(typecheckProject(dir)).toBe("");
  }, 180_000);
});
