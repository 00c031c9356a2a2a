/**
 * The spec-aware verifier without sockets: route matching, base paths, undeclared paths, plain
 * credentials and the typed router's parameter coercion. Real servers are in test/server/.
 */
import { describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { presetScheme } from "../../test/support/preset-scheme.js";
import { signRequest } from "../runtime/index.js";
import { createOperationRouter } from "./operation-router.js";
import { createRouteMatcher } from "./route-matcher.js";
import { createSpecVerifier, type SpecSecurity, type VerifierOptions } from "./verifier.js";

const hmac = presetScheme("nextcloud-drf", "hmac");
const SPEC: SpecSecurity = {
  operations: {
    "GET /items/{id}": [["hmac"]],
    "GET /items/new": [],
    "GET /keyed": [["key"]],
    "GET /basic": [["basic"]],
  },
  defaultSecurity: [["hmac"]],
  hmacSchemes: { hmac },
  plainSchemes: { key: { type: "apiKey", in: "query", name: "key" }, basic: { type: "http", scheme: "basic" } },
};
const OPTIONS: VerifierOptions = { resolveKey: () => TEST_SECRETS.base64, now: () => TEST_NOW_MS };

async function signed(
  url: string,
  method = "GET",
): Promise<{ method: string; url: string; headers: Record<string, string> }> {
  const result = await signRequest(
    hmac,
    { method, url },
    { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 },
    { now: () => TEST_NOW_MS },
  );
  return { method, url: result.url, headers: result.headers };
}

describe("route matcher", () => {
  const matcher = createRouteMatcher(Object.keys(SPEC.operations));
  it("prefers a concrete path over a templated one, and decodes parameters", () => {
    expect(matcher.match("GET", "/items/new")?.key).toBe("GET /items/new");
    expect(matcher.match("GET", "/items/a%20b?x=1")).toEqual({
      key: "GET /items/{id}",
      pathTemplate: "/items/{id}",
      params: { id: "a b" },
    });
  });
  it.each([
    ["GET", "/ITEMS/7"],
    ["GET", "/items/7/"],
    ["HEAD", "/items/7"],
    ["GET", "/it%65ms/7"],
    ["GET", "/x/../items/7"],
    ["GET", "//items/7"],
  ])("matches the variant %s %s that frameworks route to the same handler", (method, url) => {
    expect(matcher.match(method, url)?.key).toBe("GET /items/{id}");
  });
  it("leaves a different path undeclared", () => {
    expect(matcher.match("GET", "/other")).toBeUndefined();
    expect(matcher.match("POST", "/items/7")).toBeUndefined();
  });
});

describe("verifier", () => {
  it("refuses an undeclared path by default (fail closed), passes it only when asked, verifies it when asked", async () => {
    expect(await createSpecVerifier(SPEC, OPTIONS).verifyDescription({ method: "GET", url: "/other" })).toMatchObject({
      ok: false,
      reason: "undeclared_route",
      status: 404,
    });
    // A signed request to an undeclared path is refused too: the signature does not make a route declared.
    expect(await createSpecVerifier(SPEC, OPTIONS).verifyDescription(await signed("/other"))).toMatchObject({
      ok: false,
      reason: "undeclared_route",
    });
    expect(
      await createSpecVerifier(SPEC, { ...OPTIONS, undeclared: "pass" }).verifyDescription({
        method: "GET",
        url: "/other",
      }),
    ).toMatchObject({
      ok: true,
      operation: undefined,
    });
    const strict = createSpecVerifier(SPEC, { ...OPTIONS, undeclared: "verify" });
    expect(await strict.verifyDescription({ method: "GET", url: "/other" })).toMatchObject({
      ok: false,
      reason: "missing_credentials",
    });
    expect(await strict.verifyDescription(await signed("/other"))).toMatchObject({
      ok: true,
      operation: undefined,
      scheme: "hmac",
    });
  });

  it("strips the spec's servers paths, longest first, without a basePath option; the option overrides them", async () => {
    const served = createSpecVerifier({ ...SPEC, basePaths: ["/api/v2", "/api"] }, OPTIONS);
    for (const url of ["/api/v2/items/7", "/api/items/7", "/items/7"]) {
      expect(await served.verifyDescription({ method: "GET", url })).toMatchObject({
        ok: false,
        reason: "missing_credentials",
      });
      expect(await served.verifyDescription(await signed(url))).toMatchObject({
        ok: true,
        operation: "GET /items/{id}",
      });
    }
    // A prefix only at a segment boundary: /apix/items/7 is not /api + /x/items/7, and is undeclared.
    expect(await served.verifyDescription({ method: "GET", url: "/apix/items/7" })).toMatchObject({
      reason: "undeclared_route",
    });
    const overridden = createSpecVerifier({ ...SPEC, basePaths: ["/api"] }, { ...OPTIONS, basePath: ["/v1", "/v2"] });
    expect(await overridden.verifyDescription({ method: "GET", url: "/v2/items/7" })).toMatchObject({
      reason: "missing_credentials",
    });
    expect(await overridden.verifyDescription({ method: "GET", url: "/api/items/7" })).toMatchObject({
      reason: "undeclared_route",
    });
  });

  it.each([
    ["a fragment", "/items/7#x", {}],
    ["a backslash", "/items\\7", {}],
    ["a backslash in the query", "/items/7?a=\\", {}],
    ["an absolute-form target for another authority", "http://tenant-a.example/items/7", { host: "tenant-b.example" }],
  ])("refuses a request-target with %s before routing", async (_name, url, headers) => {
    const verifier = createSpecVerifier(SPEC, { ...OPTIONS, undeclared: "pass" });
    expect(await verifier.verifyDescription({ method: "GET", url, headers })).toMatchObject({
      ok: false,
      reason: "malformed_target",
      status: 400,
    });
  });

  it("accepts an absolute-form target for the Host's authority (case and default port aside)", async () => {
    const verifier = createSpecVerifier(SPEC, OPTIONS);
    const request = await signed("/items/7");
    const headers = { ...(request.headers as Record<string, string>), host: "tenant-a.example" };
    expect(
      await verifier.verifyDescription({ ...request, url: "http://Tenant-A.example:80/items/7", headers }),
    ).toMatchObject({
      ok: true,
    });
  });

  it("refuses a Content-Encoding the signature does not cover, and accepts identity", async () => {
    const verifier = createSpecVerifier(SPEC, OPTIONS);
    const request = await signed("/items/7");
    const headers = request.headers as Record<string, string>;
    expect(
      await verifier.verifyDescription({ ...request, headers: { ...headers, "content-encoding": "gzip" } }),
    ).toMatchObject({
      ok: false,
      reason: "unsigned_encoding",
      status: 415,
    });
    expect(
      await verifier.verifyDescription({ ...request, headers: { ...headers, "content-encoding": "identity" } }),
    ).toMatchObject({
      ok: true,
    });
  });

  it.each(["/v1", "v1", "/v1/", "https://api.example.com/v1"])(
    "reads basePath %s as the prefix /v1",
    async (basePath) => {
      const verifier = createSpecVerifier(SPEC, { ...OPTIONS, basePath });
      expect(await verifier.verifyDescription({ method: "GET", url: "/v1/items/7" })).toMatchObject({
        ok: false,
        reason: "missing_credentials",
      });
      expect(await verifier.verifyDescription(await signed("/v1/items/7"))).toMatchObject({
        ok: true,
        operation: "GET /items/{id}",
      });
      // A path outside the prefix that names an operation is still that operation.
      expect(await verifier.verifyDescription({ method: "GET", url: "/items/7" })).toMatchObject({
        ok: false,
        reason: "missing_credentials",
      });
    },
  );

  it("takes a list of basePaths, cutting the longest one that ends at a segment boundary", async () => {
    const verifier = createSpecVerifier(SPEC, {
      ...OPTIONS,
      basePath: ["/v1", "/v1/beta", "https://eu.example.com/api"],
    });
    for (const url of ["/v1/items/7", "/v1/beta/items/7", "/api/items/7"]) {
      expect(await verifier.verifyDescription({ method: "GET", url })).toMatchObject({
        ok: false,
        reason: "missing_credentials",
      });
    }
  });

  it("refuses a basePath that is not a path", () => {
    expect(() => createSpecVerifier(SPEC, { ...OPTIONS, basePath: "/v1?x" })).toThrow(/basePath/);
  });

  it("hands checkCredential the query API key decoded once, and basic credentials as user:password", async () => {
    const seen: string[] = [];
    const verifier = createSpecVerifier(SPEC, {
      ...OPTIONS,
      checkCredential: (_scheme, value) => seen.push(value) > 0,
    });
    expect(await verifier.verifyDescription({ method: "GET", url: "/keyed?key=ab%2Bc%2Fd%3D%3D" })).toMatchObject({
      ok: true,
    });
    const basic = btoa(String.fromCharCode(...new TextEncoder().encode("ü:pw")));
    expect(
      await verifier.verifyDescription({ method: "GET", url: "/basic", headers: { authorization: `Basic ${basic}` } }),
    ).toMatchObject({
      ok: true,
    });
    expect(seen).toEqual(["ab+c/d==", "ü:pw"]);
    expect(
      await verifier.verifyDescription({
        method: "GET",
        url: "/basic",
        headers: { authorization: "Basic bm9jb2xvbg==" },
      }),
    ).toMatchObject({
      ok: false,
      reason: "missing_credentials",
    });
  });
});

describe("typed router parameters", () => {
  const router = createOperationRouter(
    createSpecVerifier({ ...SPEC, operations: { "GET /n": [] } }, OPTIONS),
    { n: { key: "GET /n", parameters: [{ name: "days", in: "query", type: "integer", array: false }] } },
    { n: ({ params }: { params: { query: { days?: number } } }) => ({ status: 200, body: params.query }) },
  );
  it.each(["0x10", "1e3", " 7 ", "0b11", "1.5", "9007199254740993"])("refuses %j as an integer", async (days) => {
    expect((await router(new Request(`https://x.test/n?days=${encodeURIComponent(days)}`))).status).toBe(400);
  });
  it("accepts a JSON integer", async () => {
    const response = await router(new Request("https://x.test/n?days=-12"));
    expect(await response.json()).toEqual({ days: -12 });
  });
});

describe("typed router with operationIds that name Object's own methods", () => {
  const names = ["toString", "constructor", "hasOwnProperty", "valueOf"];
  const operations = Object.fromEntries(names.map((name) => [`GET /${name}`, []]));
  const table = Object.fromEntries(names.map((name) => [name, { key: `GET /${name}`, parameters: [] }]));
  it.each(names)("an unimplemented %s answers 404, never runs Object.prototype.%s", async (name) => {
    const router = createOperationRouter(createSpecVerifier({ ...SPEC, operations }, OPTIONS), table, {});
    const response = await router(new Request(`https://x.test/${name}`));
    expect(response.status).toBe(404);
  });
  it("an implemented one runs its own handler", async () => {
    const router = createOperationRouter(createSpecVerifier({ ...SPEC, operations }, OPTIONS), table, {
      toString: () => ({ status: 200, body: { own: true } }),
    });
    expect(await (await router(new Request("https://x.test/toString"))).json()).toEqual({ own: true });
  });
});
