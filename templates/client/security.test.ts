/** Security alternatives: the operation key, the first alternative the credentials satisfy, and the error naming what is missing. */
import { describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { presetScheme } from "../../test/support/preset-scheme.js";
import { firstSatisfiable, MissingCredentialsError, operationKey, type SecurityAlternatives } from "./security.js";
import { BASE, has } from "./signing.test-support.js";
import { createSigningMiddleware } from "./signing-middleware.js";

describe("security", () => {
  it("operationKey upper-cases the method and keeps the path template", () => {
    expect(operationKey("post", "/items/{id}")).toBe("POST /items/{id}");
    expect(operationKey("GET", "/")).toBe("GET /");
  });

  it("firstSatisfiable picks the first alternative whose schemes are all available", () => {
    const alternatives: SecurityAlternatives = [["hmac", "apiKey"], ["bearer"], ["hmac"]];
    expect(firstSatisfiable(alternatives, has("hmac", "bearer"))).toBe(alternatives[1]);
    expect(firstSatisfiable(alternatives, has("hmac", "apiKey", "bearer"))).toBe(alternatives[0]);
    expect(firstSatisfiable(alternatives, has("hmac"))).toBe(alternatives[2]);
    expect(firstSatisfiable(alternatives, has("apiKey"))).toBeUndefined();
    expect(firstSatisfiable(alternatives, has())).toBeUndefined();
  });

  it("an empty alternatives list has nothing to satisfy", () => {
    expect(firstSatisfiable([], () => true)).toBeUndefined();
  });

  it("an empty alternative inside the list is always satisfiable, in its place in the order", () => {
    expect(firstSatisfiable([["hmac"], []], has())).toEqual([]);
    expect(firstSatisfiable([["hmac"], []], has("hmac"))).toEqual(["hmac"]);
    expect(firstSatisfiable([[], ["hmac"]], has("hmac"))).toEqual([]);
  });

  it("MissingCredentialsError names the operation and each missing scheme per alternative", () => {
    const error = new MissingCredentialsError("POST /items", [["hmac", "apiKey"], ["bearer"]], has("hmac"));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("MissingCredentialsError");
    expect(error.message).toBe(
      '[hmac-codegen] POST /items needs credentials for one of: hmac + apiKey (missing "apiKey"); bearer (missing "bearer")',
    );
  });

  it("MissingCredentialsError from the middleware carries no credential value", async () => {
    const secret = TEST_SECRETS.base64;
    const middleware = createSigningMiddleware({
      operations: { "POST /items": [["hmac", "apiKey"], ["token"]] },
      defaultSecurity: [],
      hmacSchemes: { hmac: presetScheme("nextcloud-drf", "hmac") },
      plainSchemes: {
        apiKey: { type: "apiKey", in: "header", name: "X-Api-Key" },
        token: { type: "http", scheme: "bearer" },
      },
      credentials: { hmac: { keyId: TEST_KEY_ID, secret }, apiKey: "", token: undefined },
    });
    const request = new Request(`${BASE}/items`, { method: "POST", body: "{}" });
    const error = await middleware.onRequest({ request, schemaPath: "/items" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MissingCredentialsError);
    const message = (error as Error).message;
    expect(message).toBe(
      '[hmac-codegen] POST /items needs credentials for one of: hmac + apiKey (missing "apiKey"); token (missing "token")',
    );
    expect(message).not.toContain(secret);
    expect(message).not.toContain(TEST_KEY_ID);
  });
});
