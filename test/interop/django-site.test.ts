/**
 * The real django_hmac_authentication 3.1.0 (vendored, seed 003) on a real Django site accepts every
 * request the generated client sends, signed on the real clock and sent at once: JSON bodies of every
 * shape Python's json.dumps re-serialises differently from JSON.stringify (non-ASCII text, floats,
 * integer-like keys, nesting, empty containers), GETs without a body, and random JSON (fast-check).
 */
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createClient as DjangoClient } from "../golden/django-hmac-authentication/client.js";
import { generateVariant } from "../support/generate-variant.js";
import { type DjangoSite, startDjangoSite } from "./django-site.js";

const VIEW = "/accounts/an-authenticated-view/";

const FIXED_BODIES: unknown[] = [
  { a: 1, b: 2 },
  { title: "Zoë ünïcode \u2028 😀", quote: '"\\' },
  { price: 1.0, ratio: 0.1, big: 1e21, small: 5e-7, negative: -12.5 },
  { "10": "ten", "9": "nine", b: 1, a: 2 },
  { nested: { list: [true, false, null, { deep: [1, [2, [3]]] }], empty: {}, none: [] } },
  [1, "two", { three: 3 }],
  { x: "" },
];

describe("the real django_hmac_authentication 3.1.0 accepts the generated client", () => {
  let site: DjangoSite;
  let createClient: typeof DjangoClient;
  let client: ReturnType<typeof DjangoClient>;
  const outcomes: Array<{ what: string; status: number; echoed: unknown; sent: unknown }> = [];

  beforeAll(async () => {
    site = await startDjangoSite();
    const out = await generateVariant("specs/django-hmac-authentication.yaml", "hmacAuth", "django-hmac-authentication");
    ({ createClient } = (await import(join(out, "client.ts"))) as { createClient: typeof DjangoClient });
    client = createClient({ baseUrl: site.baseUrl, credentials: { hmacAuth: { keyId: site.apiKey, secret: site.apiSecret } } });
  }, 60_000);
  afterAll(() => site?.close());

  async function post(body: unknown, what: string): Promise<void> {
    // The spec types the body as an object; arrays are JSON DRF parses just as well.
    const { response, data } = await client.POST(VIEW, { body: body as Record<string, unknown> });
    outcomes.push({ what, status: response.status, echoed: (data as { data?: unknown } | undefined)?.data, sent: body });
  }

  it("accepts GETs (no body: the string to sign is ';' + timestamp)", async () => {
    for (let i = 0; i < 10; i++) {
      const { response, data } = await client.GET(VIEW);
      outcomes.push({ what: "GET", status: response.status, echoed: data, sent: undefined });
    }
    expect(outcomes.filter((o) => o.what === "GET").map((o) => o.status)).toEqual(Array(10).fill(200));
  });

  it("accepts POSTs whose JSON Python re-serialises differently", async () => {
    for (const body of FIXED_BODIES) await post(body, "fixed");
    const fixed = outcomes.filter((o) => o.what === "fixed");
    expect(fixed.map((o) => [o.status, JSON.stringify(o.sent)])).toEqual(FIXED_BODIES.map((b) => [200, JSON.stringify(b)]));
    // The site answers the body as DRF parsed it: the request arrived whole.
    expect(fixed[1]?.echoed).toEqual(FIXED_BODIES[1]);
  });

  it("accepts random JSON objects (fast-check)", async () => {
    const bodies = fc.sample(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }), {
      numRuns: 60,
      seed: 3003,
    });
    for (const body of bodies) await post(body, "random");
    const refused = outcomes.filter((o) => o.what === "random" && o.status !== 200);
    expect(refused.map((o) => JSON.stringify(o.sent))).toEqual([]);
    expect(outcomes.filter((o) => o.what === "random")).toHaveLength(60);
  });

  it("refuses a request whose body was changed after signing (the check can fail)", async () => {
    // The same generated client, its fetch swapping the signed body for another one on the way out.
    const tampering = createClient({
      baseUrl: site.baseUrl,
      credentials: { hmacAuth: { keyId: site.apiKey, secret: site.apiSecret } },
      fetch: async (request: Request) =>
        fetch(request.url, { method: request.method, headers: request.headers, body: JSON.stringify({ a: 2 }) }),
    });
    const { response } = await tampering.POST(VIEW, { body: { a: 1 } });
    // DRF answers 403 when the failing authenticator has no authenticate_header (this library's has none).
    expect(response.status).toBe(403);
  });
});
