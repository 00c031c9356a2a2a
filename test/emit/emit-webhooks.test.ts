/**
 * Which webhooks get a receiver in webhooks.ts, and under what names: built from model nodes directly
 * (no spec parsing), one row per rule.
 */
import { describe, expect, it } from "vitest";
import { emitWebhooks, signedWebhooks } from "../../src/emit/emit-webhooks.js";
import type { WebhookOperation } from "../../src/spec/model.js";
import type { WebhookScheme } from "../../templates/runtime/types.js";

const github: WebhookScheme = { profile: "webhook", name: "githubHook", preset: "github", toleranceSeconds: 300, failureStatus: 401 };

function operation(overrides: Partial<WebhookOperation>): WebhookOperation {
  return {
    name: "push",
    kind: "webhook",
    method: "POST",
    security: [["githubHook"]],
    requestMediaTypes: ["application/json"],
    pointer: "#/webhooks/push/post",
    ...overrides,
  };
}

describe("signedWebhooks", () => {
  it.each([
    { rule: "a webhook its security signs", operations: [operation({})], stems: ["push"] },
    {
      rule: "no receiver where no webhook scheme signs it (an unsigned delivery cannot be told from a forged one)",
      operations: [operation({ security: [] })],
      stems: [],
    },
    { rule: "a request scheme alone signs no delivery", operations: [operation({ security: [["partnerHmac"]] })], stems: [] },
    {
      rule: "the first alternative naming a webhook scheme",
      operations: [operation({ security: [["partnerHmac"], ["githubHook"]] })],
      stems: ["push"],
    },
    { rule: "kebab-case names become identifiers", operations: [operation({ name: "check-run-completed" })], stems: ["checkRunCompleted"] },
    { rule: "a leading digit is prefixed", operations: [operation({ name: "2fa-enabled" })], stems: ["webhook2faEnabled"] },
    {
      rule: "callbacks name their operation",
      operations: [operation({ name: "subscribe:renewed", kind: "callback" })],
      stems: ["subscribeRenewed"],
    },
    { rule: "colliding stems are numbered", operations: [operation({ name: "a-b" }), operation({ name: "a_b" })], stems: ["aB", "aB2"] },
    { rule: "another method than POST is named", operations: [operation({ method: "PUT" })], stems: ["pushPUT"] },
  ])("$rule", ({ operations, stems }) => {
    expect(signedWebhooks(operations, [github]).map((hook) => hook.stem)).toEqual(stems);
  });
});

describe("emitWebhooks", () => {
  it.each([
    {
      rule: "a webhook's JSON body is typed from schema.ts",
      op: operation({}),
      type: 'RequestBodyOf<webhooks["push"]["post"], "application/json">',
      body: "JSON.stringify(payload)",
    },
    {
      rule: "a callback's JSON body is unknown (openapi-typescript types no callback body)",
      op: operation({ name: "s:c", kind: "callback" }),
      type: "unknown",
      body: "JSON.stringify(payload)",
    },
    {
      rule: "a form body is sent as given",
      op: operation({ kind: "callback", name: "s:f", requestMediaTypes: ["application/x-www-form-urlencoded"] }),
      type: "string | Uint8Array",
      body: "payload",
    },
    {
      rule: "JSON is preferred over another media type",
      op: operation({ requestMediaTypes: ["text/plain", "application/vnd.x+json"] }),
      type: '"application/vnd.x+json">',
      body: "JSON.stringify(payload)",
    },
  ])("$rule", ({ op, type, body }) => {
    const { contents } = emitWebhooks("t.yaml", signedWebhooks([op], [github]));
    expect(contents).toContain(type);
    expect(contents).toContain(`{ body: ${body}, contentType:`);
    expect(contents.includes('from "./schema.js"')).toBe(op.kind === "webhook");
    expect(contents).not.toMatch(/\n\n\n/);
  });
});
