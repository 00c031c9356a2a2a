/**
 * Properties of profile: rfc9421 (fast-check), over a scheme that covers every component this runtime
 * computes and every signature parameter:
 * (a) verify(sign(r)) holds for any method, authority, path, query, header values and body;
 * (b) header order and the case of header names do not matter;
 * (c) changing any one covered component makes verification fail (with bad_content_digest for the body,
 *     missing_component for an @query-param made ambiguous, bad_signature otherwise).
 * HMAC_PROPERTY_RUNS raises the number of runs per property.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nodeCryptoProvider } from "../crypto-provider.js";
import { MemoryReplayStore } from "../replay-store.js";
import { signRequest } from "../sign.js";
import type { RequestDescription, Rfc9421Scheme } from "../types.js";
import { verifyRequest } from "../verify.js";

const NUM_RUNS = Number(process.env.HMAC_PROPERTY_RUNS ?? 120);
const NOW = Date.UTC(2026, 0, 1);
const SECRET = "c2VjcmV0LWZvci1wcm9wZXJ0aWVz";
const crypto = nodeCryptoProvider();

const SCHEME: Rfc9421Scheme = {
  profile: "rfc9421",
  name: "everything",
  algorithm: "sha256",
  secretEncoding: "base64",
  label: "sig1",
  components: [
    { name: "@method", params: [] },
    { name: "@target-uri", params: [] },
    { name: "@authority", params: [] },
    { name: "@scheme", params: [] },
    { name: "@request-target", params: [] },
    { name: "@path", params: [] },
    { name: "@query", params: [] },
    { name: "@query-param", params: [["name", "id"]] },
    { name: "content-type", params: [] },
    { name: "x-custom", params: [] },
    { name: "content-digest", params: [] },
  ],
  parameters: ["created", "expires", "nonce", "alg", "keyid", "tag"],
  expiresInSeconds: 300,
  tag: "props",
  contentDigest: "sha-512",
  pastSeconds: 300,
  futureSeconds: 300,
  nonce: { bytes: 16, encoding: "hex", ttlSeconds: 600 },
  failureStatus: 401,
};

interface Parts {
  method: string;
  origin: string;
  path: string;
  id: string;
  others: string;
  contentType: string;
  custom: string;
  body: Uint8Array;
}

const fieldValue = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,20}[\x21-\x7e])?$/);
const parts: fc.Arbitrary<Parts> = fc.record({
  method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE"),
  origin: fc.constantFrom("https://api.example.com", "http://127.0.0.1:8080", "https://xn--caf-dma.example:8443"),
  path: fc
    .array(fc.stringMatching(/^[A-Za-z0-9._~%!$&'()*+,;=:@-]{1,8}$/), { maxLength: 4 })
    .map((segments) => `/${segments.join("/")}`),
  id: fc.stringMatching(/^[A-Za-z0-9%+._~*-]{0,10}$/),
  others: fc
    .array(fc.tuple(fc.stringMatching(/^[a-h]{1,4}$/), fc.stringMatching(/^[A-Za-z0-9%+._~-]{0,6}$/)), { maxLength: 3 })
    .map((pairs) => pairs.map(([name, value]) => `&${name}=${value}`).join("")),
  contentType: fieldValue,
  custom: fieldValue,
  body: fc.uint8Array({ maxLength: 200 }),
});

function describeRequest(p: Parts): RequestDescription {
  return {
    method: p.method,
    url: `${p.origin}${p.path}?id=${p.id}${p.others}`,
    headers: [
      ["Content-Type", p.contentType],
      ["X-Custom", p.custom],
      ["X-Unsigned", "anything"],
    ],
    body: p.body,
  };
}

async function signed(p: Parts): Promise<RequestDescription> {
  const request = describeRequest(p);
  const result = await signRequest(SCHEME, request, { keyId: "k1", secret: SECRET }, { now: () => NOW, crypto });
  return { ...request, headers: [...(request.headers as Array<[string, string]>), ...Object.entries(result.headers)] };
}

function verify(request: RequestDescription) {
  return verifyRequest(SCHEME, request, {
    resolveKey: (keyId) => (keyId === "k1" ? SECRET : undefined),
    replayStore: new MemoryReplayStore(),
    now: () => NOW + 1000,
    crypto,
  });
}

const withHeaders = (
  request: RequestDescription,
  edit: (pairs: Array<[string, string]>) => Array<[string, string]>,
): RequestDescription => ({
  ...request,
  headers: edit([...(request.headers as Array<[string, string]>)]),
});
const setHeader = (name: string, value: string) => (pairs: Array<[string, string]>) =>
  pairs.map(([n, v]): [string, string] => [n, n.toLowerCase() === name ? value : v]);

/** One change per covered component, and the reason it must produce. */
const TAMPERS: Array<{
  label: string;
  apply: (request: RequestDescription, p: Parts) => RequestDescription;
  reason: string;
}> = [
  { label: "@method", apply: (r) => ({ ...r, method: r.method === "GET" ? "HEAD" : "GET" }), reason: "bad_signature" },
  {
    label: "@scheme",
    apply: (r) => ({ ...r, url: r.url.replace(/^https?:/, (s) => (s === "https:" ? "http:" : "https:")) }),
    reason: "bad_signature",
  },
  { label: "@authority", apply: (r) => ({ ...r, url: r.url.replace("://", "://x.") }), reason: "bad_signature" },
  {
    label: "@path",
    apply: (r, p) => ({ ...r, url: r.url.replace(`${p.path}?`, () => `${p.path}/x?`) }),
    reason: "bad_signature",
  },
  { label: "@query", apply: (r) => ({ ...r, url: `${r.url}&z=1` }), reason: "bad_signature" },
  {
    label: "@query-param id",
    apply: (r, p) => ({ ...r, url: r.url.replace(`?id=${p.id}`, () => `?id=${p.id}0`) }),
    reason: "bad_signature",
  },
  { label: "@query-param id repeated", apply: (r) => ({ ...r, url: `${r.url}&id=2` }), reason: "missing_component" },
  {
    label: "content-type",
    apply: (r, p) => withHeaders(r, setHeader("content-type", `${p.contentType}x`)),
    reason: "bad_signature",
  },
  {
    label: "x-custom",
    apply: (r, p) => withHeaders(r, setHeader("x-custom", `x${p.custom}`)),
    reason: "bad_signature",
  },
  { label: "body", apply: (r, p) => ({ ...r, body: new Uint8Array([...p.body, 1]) }), reason: "bad_content_digest" },
  {
    label: "content-digest field",
    apply: (r) => withHeaders(r, setHeader("content-digest", "sha-512=:AAAA:")),
    reason: "bad_signature",
  },
];

describe("profile: rfc9421 properties", () => {
  it("(a) a signed request verifies", async () => {
    await fc.assert(
      fc.asyncProperty(parts, async (p) => {
        expect(await verify(await signed(p))).toEqual({
          ok: true,
          scheme: "everything",
          keyId: "k1",
          algorithm: "sha256",
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("(b) header order and name case do not matter", async () => {
    await fc.assert(
      fc.asyncProperty(parts, fc.infiniteStream(fc.boolean()), async (p, upper) => {
        const request = await signed(p);
        const shuffled = withHeaders(request, (pairs) =>
          pairs
            .reverse()
            .map(([name, value]): [string, string] => [
              upper.next().value ? name.toUpperCase() : name.toLowerCase(),
              value,
            ]),
        );
        expect((await verify(shuffled)).ok).toBe(true);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it.each(TAMPERS)("(c) changing $label fails with $reason", async ({ apply, reason }) => {
    await fc.assert(
      fc.asyncProperty(parts, async (p) => {
        expect(await verify(apply(await signed(p), p))).toMatchObject({ ok: false, reason });
      }),
      { numRuns: Math.ceil(NUM_RUNS / 4) },
    );
  });
});
