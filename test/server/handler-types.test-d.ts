/** The generated Handlers type: a wrong response body, status or parameter use does not compile. */
import { describe, expectTypeOf, it } from "vitest";
import type { Handlers } from "../golden/nextcloud-drf/handlers.js";

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
});
