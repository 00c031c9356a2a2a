/**
 * OpenAPI 3.1 `webhooks` and operation `callbacks` in the model: their operations are read with their own
 * security; a `profile: webhook` scheme is kept apart from the request schemes, so the client is never
 * offered it as a credential and no request vectors are made for it; each direction refuses the other's scheme.
 */
import { describe, expect, it } from "vitest";
import { generate } from "../../src/generate.js";
import { SpecError } from "../../src/scheme/errors.js";
import { buildModel } from "../../src/spec/model.js";

function spec(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: { title: "Billing", version: "1" },
    components: {
      securitySchemes: {
        partner: { type: "apiKey", in: "header", name: "X-Signature", "x-hmac": { preset: "nextcloud-drf" } },
        stripeHook: {
          type: "apiKey",
          in: "header",
          name: "Stripe-Signature",
          "x-hmac": { profile: "webhook", webhook: { preset: "stripe" } },
        },
      },
    },
    security: [{ partner: [] }],
    paths: {
      "/subscriptions": {
        post: {
          operationId: "subscribe",
          requestBody: { content: { "application/json": { schema: { type: "object" } } } },
          responses: { "201": { description: "ok" } },
          callbacks: {
            renewed: {
              "{$request.body#/callbackUrl}": {
                post: {
                  security: [{ stripeHook: [] }],
                  requestBody: { content: { "application/json": {} } },
                  responses: { "200": { description: "ok" } },
                },
              },
            },
          },
        },
      },
    },
    webhooks: {
      invoicePaid: {
        post: {
          operationId: "invoicePaid",
          security: [{ stripeHook: [] }],
          requestBody: { content: { "application/json": { schema: { type: "object" } } } },
          responses: { "200": { description: "ok" } },
        },
      },
    },
    ...overrides,
  };
}

const codesOf = (document: Record<string, unknown>): Array<{ code: string; pointer: string }> => {
  try {
    buildModel(document);
  } catch (error) {
    if (error instanceof SpecError) return error.issues.map(({ code, pointer }) => ({ code, pointer }));
    throw error;
  }
  return [];
};

describe("the model reads webhooks and callbacks", () => {
  const model = buildModel(spec());

  it("keeps the webhook scheme apart from the request schemes", () => {
    expect(model.hmacSchemes.map((scheme) => scheme.name)).toEqual(["partner"]);
    expect(model.webhookSchemes).toEqual([
      { profile: "webhook", name: "stripeHook", preset: "stripe", toleranceSeconds: 300, failureStatus: 401 },
    ]);
  });

  it("lists each webhook and callback operation with its own security, not the document's default", () => {
    expect(model.webhooks).toEqual([
      {
        name: "invoicePaid",
        kind: "webhook",
        method: "POST",
        operationId: "invoicePaid",
        security: [["stripeHook"]],
        requestMediaTypes: ["application/json"],
        pointer: "#/webhooks/invoicePaid/post",
      },
      {
        name: "subscribe:renewed",
        kind: "callback",
        expression: "{$request.body#/callbackUrl}",
        method: "POST",
        security: [["stripeHook"]],
        requestMediaTypes: ["application/json"],
        pointer: "#/paths/~1subscriptions/post/callbacks/renewed/{$request.body#~1callbackUrl}/post",
      },
    ]);
    expect(model.operations.map((operation) => `${operation.method} ${operation.path}`)).toEqual(["POST /subscriptions"]);
  });

  it("a spec whose only x-hmac scheme is a webhook scheme is a valid spec", () => {
    const document = spec({ security: [], paths: {} });
    const components = document.components as { securitySchemes: Record<string, unknown> };
    delete components.securitySchemes.partner;
    expect(buildModel(document).webhookSchemes).toHaveLength(1);
  });
});

describe("a webhook scheme is not a client credential", () => {
  it("client.ts does not offer it and vectors.json has no request vectors for it", async () => {
    const files = await generate(buildModel(spec()), { specName: "billing.yaml", outputs: ["client", "vectors"] });
    const client = files.find((file) => file.path === "client.ts")?.contents ?? "";
    const vectors = files.find((file) => file.path === "vectors.json")?.contents ?? "";
    expect(client).toMatch(/partner/);
    expect(client).not.toMatch(/stripeHook/);
    expect(vectors).toMatch(/"partner"/);
    expect(vectors).not.toMatch(/stripeHook/);
  });
});

describe("each direction refuses the other's scheme", () => {
  it("a webhook scheme securing a request to the API", () => {
    const paths = { "/x": { get: { security: [{ stripeHook: [] }], responses: { "200": { description: "ok" } } } } };
    expect(codesOf(spec({ paths }))).toEqual([{ code: "E_SPEC_WEBHOOK_SECURITY", pointer: "#/paths/~1x/get/security/0/stripeHook" }]);
    expect(codesOf(spec({ security: [{ stripeHook: [] }] }))).toEqual([
      { code: "E_SPEC_WEBHOOK_SECURITY", pointer: "#/security/0/stripeHook" },
    ]);
  });

  it("a request scheme securing a webhook", () => {
    const webhooks = { ping: { post: { security: [{ partner: [] }], responses: { "200": { description: "ok" } } } } };
    expect(codesOf(spec({ webhooks }))).toEqual([{ code: "E_SPEC_WEBHOOK_SECURITY", pointer: "#/webhooks/ping/post/security/0/partner" }]);
  });

  it("an unknown scheme in a webhook's security", () => {
    const webhooks = { ping: { post: { security: [{ nope: [] }], responses: { "200": { description: "ok" } } } } };
    expect(codesOf(spec({ webhooks }))).toEqual([{ code: "E_SPEC_STRUCTURE", pointer: "#/webhooks/ping/post/security/0/nope" }]);
  });
});
