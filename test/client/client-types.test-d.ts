/**
 * The generated client is really typed (STYLE 10): paths, parameters, bodies and responses come from the
 * spec, so a wrong body or path parameter does not compile. Checked by vitest's typecheck (tsc).
 */
import { describe, expectTypeOf, it } from "vitest";
import { type ClientCredentials, createClient } from "../golden/document-store/client.js";
import { createClient as createNextcloudClient } from "../golden/nextcloud-drf/client.js";

const client = createClient({ baseUrl: "https://docs.example.com", credentials: { docsHmac: { keyId: "k", secret: "s" } } });
const nextcloud = createNextcloudClient({ baseUrl: "https://weather.example.com", credentials: {} });

describe("generated client types", () => {
  it("types responses from the spec", async () => {
    const { data } = await nextcloud.POST("/api/v1/integrations/token/", { body: { scope: "read" } });
    expectTypeOf(data).toEqualTypeOf<{ access_token: string; expires_in: number } | undefined>();
  });

  it("rejects a wrong body", () => {
    // @ts-expect-error scope must be "read" | "write"
    void nextcloud.POST("/api/v1/integrations/token/", { body: { scope: "admin" } });
    // @ts-expect-error the body is required
    void nextcloud.POST("/api/v1/integrations/token/", {});
    // @ts-expect-error title is required in Metadata
    void client.POST("/documents/{folder}/metadata", { params: { path: { folder: "a" } }, body: { tags: ["x"] } });
  });

  it("rejects a wrong or missing path parameter, and an unknown path", () => {
    // @ts-expect-error folder is required
    void client.POST("/documents/{folder}/note", { params: { path: {} }, body: "text" });
    // @ts-expect-error folder is a string
    void client.POST("/documents/{folder}/note", { params: { path: { folder: 1 } }, body: "text" });
    // @ts-expect-error no such path
    void client.GET("/nope");
  });

  it("types binary bodies as Blob and query arrays as arrays", () => {
    void client.PUT("/documents/{folder}/raw", { params: { path: { folder: "a" } }, body: new Blob(["x"]) });
    // @ts-expect-error a number is not a Blob
    void client.PUT("/documents/{folder}/raw", { params: { path: { folder: "a" } }, body: 1 });
    void client.GET("/search", { params: { query: { q: "x", tag: ["a", "b"] } } });
    // @ts-expect-error q is required
    void client.GET("/search", { params: { query: { tag: ["a"] } } });
  });

  it("types credentials per scheme", () => {
    expectTypeOf<ClientCredentials["partnerToken"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NonNullable<ClientCredentials["docsHmac"]>["secret"]>().toEqualTypeOf<string | Uint8Array>();
    // @ts-expect-error no such scheme
    createClient({ baseUrl: "x", credentials: { nope: "1" } });
  });
});
