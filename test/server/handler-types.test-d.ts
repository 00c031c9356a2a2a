/** The generated Handlers type: a wrong response body, status or parameter use does not compile. */
import { describe, expectTypeOf, it } from "vitest";
import type { Handlers as DocumentStoreHandlers } from "../golden/document-store/handlers.js";
import type { Handlers } from "../golden/nextcloud-drf/handlers.js";
import type { CreateHandlersOptions } from "../golden/nextcloud-drf/mocks.js";

describe("Handlers types", () => {
  it("types params, body and result from the spec", () => {
    expectTypeOf<Parameters<Handlers["forecast"]>[0]["params"]["query"]["days"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Parameters<Handlers["mintToken"]>[0]["body"]>().toEqualTypeOf<{ scope: "read" | "write" }>();
  });

  it("rejects a wrong result", () => {
    const wrongBody: Handlers["mintToken"] = () => ({
      status: 200,
      // @ts-expect-error expires_in must be a number
      body: { access_token: "t", expires_in: "soon" },
    });
    // @ts-expect-error 418 is not a declared response
    const wrongStatus: Handlers["ping"] = () => ({ status: 418, body: { status: "ok" } });
    void wrongBody;
    void wrongStatus;
  });

  it("requires every operation", () => {
    // @ts-expect-error forecast, health and ping are missing
    const partial: Handlers = { mintToken: () => ({ status: 200, body: { access_token: "t", expires_in: 1 } }) };
    void partial;
  });

  it("types auth with the spec's operation key and scheme names, not string", () => {
    type MintAuth = Parameters<Handlers["mintToken"]>[0]["auth"];
    expectTypeOf<MintAuth["operation"]>().toEqualTypeOf<"POST /api/v1/integrations/token/">();
    expectTypeOf<MintAuth["schemes"]>().toEqualTypeOf<readonly ["apiKey", "integrationHmac"]>();
    expectTypeOf<MintAuth["scheme"]>().toEqualTypeOf<"integrationHmac">();
    expectTypeOf<MintAuth["keyId"]>().toEqualTypeOf<string | undefined>();
    // A public operation holds the empty alternative: no x-hmac scheme was verified.
    expectTypeOf<Parameters<Handlers["health"]>[0]["auth"]["scheme"]>().toEqualTypeOf<undefined>();
    const wrongScheme: Handlers["ping"] = ({ auth }) => {
      // @ts-expect-error ping is verified by integrationHmac only
      const other: "apiKey" = auth.scheme;
      void other;
      return { status: 200, body: { status: "ok" } };
    };
    void wrongScheme;
  });

  it("types auth per alternative where an operation has several: a partner token, or a signature", () => {
    const listShared: DocumentStoreHandlers["listShared"] = ({ auth }) => {
      if (auth.scheme === "docsHmac") expectTypeOf(auth.schemes).toEqualTypeOf<readonly ["docsHmac"]>();
      else expectTypeOf(auth.schemes).toEqualTypeOf<readonly ["partnerToken"]>();
      return { status: 200, body: [] };
    };
    void listShared;
    expectTypeOf<Parameters<DocumentStoreHandlers["listShared"]>[0]["auth"]["operation"]>().toEqualTypeOf<"GET /shared">();
  });

  it("types the mocks' overrides with the same auth", () => {
    type Override = NonNullable<NonNullable<CreateHandlersOptions["overrides"]>["mintToken"]>;
    expectTypeOf<Parameters<Override>[0]["auth"]["scheme"]>().toEqualTypeOf<"integrationHmac">();
  });
});
