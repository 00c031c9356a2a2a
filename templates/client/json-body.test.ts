/**
 * json-body.ts, the body writing the generator picks for a spec whose request bodies are all
 * application/json: through createSpecClient and a real openapi-fetch client, as a generated client.ts
 * runs it (request-bodies.ts re-exports json-body.ts there; here a module mock makes the same choice).
 */
import { describe, expect, it, vi } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { presetScheme } from "../../test/support/preset-scheme.js";
import { verifyRequest } from "../runtime/index.js";
import { type ClientSecurity, createSpecClient } from "./spec-client.js";

vi.mock("./request-bodies.js", () => import("./json-body.js"));

interface Paths {
  "/items": { post: { requestBody: { content: { "application/json": { name: string } } }; responses: { 200: never } } };
}

const hmac = presetScheme("nextcloud-drf", "hmac");
const SECURITY: ClientSecurity = {
  operations: { "POST /items": [["hmac"]] },
  defaultSecurity: [],
  hmacSchemes: { hmac },
  plainSchemes: {},
  requestMediaTypes: { "POST /items": ["application/json"] },
};

function client() {
  const sent: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    sent.push(request);
    return new Response(null, { status: 200 });
  };
  const api = createSpecClient<Paths, { hmac: { keyId: string; secret: string } }>(SECURITY, {
    baseUrl: "https://api.test",
    credentials: { hmac: { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 } },
    now: () => TEST_NOW_MS,
    fetch,
  });
  return { api, sent };
}

async function verifies(request: Request): Promise<boolean> {
  const headers: Array<[string, string]> = [];
  request.headers.forEach((value, name) => {
    headers.push([name, value]);
  });
  const body = new Uint8Array(await request.clone().arrayBuffer());
  const result = await verifyRequest(
    hmac,
    { method: request.method, url: request.url, headers, body },
    { resolveKey: () => TEST_SECRETS.base64, now: () => TEST_NOW_MS },
  );
  return result.ok;
}

describe("json-body: request bodies of an application/json-only spec", () => {
  it("sends the body as JSON text under application/json, signed over those bytes", async () => {
    const { api, sent } = client();
    await api.POST("/items", { body: { name: "ä & b" } });
    const [request] = sent;
    if (!request) throw new Error("nothing was sent");
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(await request.clone().text()).toBe('{"name":"ä & b"}');
    expect(await verifies(request)).toBe(true);
  });

  it("keeps a JSON media type the caller sets, such as application/merge-patch+json", async () => {
    const { api, sent } = client();
    await api.POST("/items", { body: { name: "a" }, headers: { "Content-Type": "application/merge-patch+json" } });
    expect(sent[0]?.headers.get("content-type")).toBe("application/merge-patch+json");
    expect(await sent[0]?.clone().text()).toBe('{"name":"a"}');
  });

  it("refuses, before any I/O, a Content-Type the spec does not declare", async () => {
    const { api, sent } = client();
    await expect(
      api.POST("/items", { body: { name: "a" }, headers: { "Content-Type": "text/plain" } }),
    ).rejects.toThrow("declares only application/json request bodies, not text/plain");
    expect(sent).toEqual([]);
  });
});
