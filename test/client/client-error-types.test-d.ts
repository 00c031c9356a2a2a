/**
 * The client's `error` holds the verifier's answers (problem+json with a typed reason) on every secured
 * operation, and only there: openapi-fetch derives it from the responses SecuredPaths adds.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { VerificationProblem, WithVerificationErrors } from "../golden/nextcloud-drf/client/index.js";
import { createClient } from "../golden/nextcloud-drf/client.js";
import type { ReasonCode } from "../golden/nextcloud-drf/runtime/index.js";
import { createClient as createRfc9421Client } from "../golden/rfc9421-example/client.js";

const nextcloud = createClient({ baseUrl: "https://weather.example.com", credentials: {} });

describe("the verifier's errors in the client's types", () => {
  it("types error.reason on a secured operation", async () => {
    const { error } = await nextcloud.GET("/api/v1/integrations/nextcloud/ping/");
    expectTypeOf(error).toEqualTypeOf<VerificationProblem | undefined>();
    if (error) {
      expectTypeOf(error.reason).toEqualTypeOf<ReasonCode>();
      expectTypeOf(error.type).toEqualTypeOf<`urn:hmac-codegen:reason:${ReasonCode}`>();
    }
  });

  it("leaves a public operation without them", async () => {
    const { error } = await nextcloud.GET("/api/v1/health/");
    expectTypeOf(error).toEqualTypeOf<undefined>();
  });

  it("keeps requests and successes as the spec types them", async () => {
    const { data, error } = await nextcloud.POST("/api/v1/integrations/token/", { body: { scope: "read" } });
    expectTypeOf(data).toEqualTypeOf<{ access_token: string; expires_in: number } | undefined>();
    expectTypeOf(error?.reason).toEqualTypeOf<ReasonCode | undefined>();
    // @ts-expect-error scope must be "read" | "write"
    void nextcloud.POST("/api/v1/integrations/token/", { body: { scope: "admin" } });
    const rfc9421 = createRfc9421Client({ baseUrl: "https://example.com", credentials: {} });
    const signed = await rfc9421.GET("/items/{id}", { params: { path: { id: "1" } } });
    expectTypeOf(signed.error?.reason).toEqualTypeOf<ReasonCode | undefined>();
  });

  it("adds the problem beside an error response the spec declares, keeping the spec's body", () => {
    interface Paths {
      "/a": {
        get: {
          parameters: { query?: never; header?: never; path?: never; cookie?: never };
          requestBody?: never;
          responses: {
            200: { headers: { [name: string]: unknown }; content: { "application/json": { ok: true } } };
            401: { headers: { [name: string]: unknown }; content: { "application/json": { message: string } } };
          };
        };
      };
    }
    type Responses = WithVerificationErrors<Paths, { "/a": { get: 401 } }>["/a"]["get"]["responses"];
    expectTypeOf<Responses[401]["content"]["application/json"]>().toEqualTypeOf<{ message: string }>();
    expectTypeOf<Responses[401]["content"]["application/problem+json"]>().toEqualTypeOf<VerificationProblem>();
    expectTypeOf<Responses[413]["content"]["application/problem+json"]>().toEqualTypeOf<VerificationProblem>();
    expectTypeOf<Responses[200]["content"]["application/json"]>().toEqualTypeOf<{ ok: true }>();
  });
});
