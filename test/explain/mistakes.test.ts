/**
 * Each mistake explain knows, fired by a peer signature computed here by hand with node:crypto (not
 * by the detector's own mutations, so a wrong mutation fails), and not fired by the correct signature.
 */
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { explainRequest } from "../../src/explain/explain.js";
import { formatExplanation } from "../../src/explain/format.js";
import { MISTAKE_IDS, type MistakeId } from "../../src/explain/mistakes.js";
import type { PresetName } from "../../src/scheme/profiles/template/presets.js";
import { presetScheme } from "../support/preset-scheme.js";

const TS = "1767225600";
const NONCE = "00112233445566778899aabbccddeeff";
const KEY = Buffer.from(TEST_SECRETS.base64, "base64");

const sha256hex = (body: string): string => createHash("sha256").update(body).digest("hex");
const hmac = (text: string, key: Buffer | string = KEY, algorithm = "sha256"): Buffer => createHmac(algorithm, key).update(text).digest();

/** Seed 004's string to sign, written out by hand. */
function drf(parts: { method?: string; path?: string; query?: string; ts?: string; nonce?: string; bodyHash?: string }): string {
  return [
    parts.method ?? "GET",
    parts.path ?? "/items/",
    parts.query ?? "",
    parts.ts ?? TS,
    parts.nonce ?? NONCE,
    parts.bodyHash ?? sha256hex(""),
  ].join("\n");
}

interface Case {
  id: MistakeId;
  preset: PresetName;
  url?: string;
  method?: string;
  body?: string;
  secret?: string;
  headers?: Record<string, string>;
  /** The spec's servers base paths, as the caller passes them. */
  basePaths?: string[];
  /** The correct signature for the request. */
  correct: string;
  /** What the mistaken peer sent. */
  peer: string;
}

const headers = { "X-Client-Id": "nc-1", "X-Timestamp": TS, "X-Nonce": NONCE };
const right = drf({});
const CASES: Case[] = [
  { id: "encoding", preset: "nextcloud-drf", correct: hmac(right).toString("hex"), peer: hmac(right).toString("base64") },
  {
    id: "case-lowered",
    preset: "nextcloud-drf-base64",
    correct: hmac(right).toString("base64"),
    peer: hmac(right).toString("base64").toLowerCase(),
  },
  {
    id: "case-uppered",
    preset: "nextcloud-drf-base64",
    correct: hmac(right).toString("base64"),
    peer: hmac(right).toString("base64").toUpperCase(),
  },
  {
    id: "secret-as-text",
    preset: "nextcloud-drf",
    correct: hmac(right).toString("hex"),
    peer: hmac(right, Buffer.from(TEST_SECRETS.base64, "utf8")).toString("hex"),
  },
  (() => {
    // django-api-key takes the secret as UTF-8 text; this peer base64-decoded it.
    const secret = "c2VjcmV0LWtleS0xMjM0NTY=";
    const text = `GET\n/api/v1/orders\n${TS}\nservice-a\n`;
    return {
      id: "secret-decoded" as const,
      preset: "django-api-key" as const,
      url: "/api/v1/orders",
      secret,
      headers: { "X-API-Key": "service-a", "X-Timestamp": TS },
      correct: hmac(text, Buffer.from(secret, "utf8")).toString("base64"),
      peer: hmac(text, Buffer.from(secret, "base64")).toString("base64"),
    };
  })(),
  {
    id: "path-form",
    preset: "nextcloud-drf",
    url: "/files/caf%C3%A9/",
    correct: hmac(drf({ path: "/files/café/" })).toString("hex"),
    peer: hmac(drf({ path: "/files/caf%C3%A9/" })).toString("hex"),
  },
  {
    // Express mounted under /v1 and a signer (or verifier) that read req.url: the prefix was stripped.
    id: "path-prefix",
    preset: "nextcloud-drf",
    url: "/v1/items/?a=1",
    correct: hmac(drf({ path: "/v1/items/", query: "a=1" })).toString("hex"),
    peer: hmac(drf({ path: "/items/", query: "a=1" })).toString("hex"),
  },
  {
    // The peer signed with the servers base path the request was sent without.
    id: "path-prefix",
    preset: "nextcloud-drf",
    url: "/items/",
    basePaths: ["/api"],
    correct: hmac(drf({ path: "/items/" })).toString("hex"),
    peer: hmac(drf({ path: "/api/items/" })).toString("hex"),
  },
  {
    id: "query-order",
    preset: "nextcloud-drf",
    url: "/items/?b=2&a=1",
    correct: hmac(drf({ query: "a=1&b=2" })).toString("hex"),
    peer: hmac(drf({ query: "b=2&a=1" })).toString("hex"),
  },
  {
    id: "query-encoding",
    preset: "nextcloud-drf",
    url: "/items/?p=%2Fa%2Fb",
    correct: hmac(drf({ query: "p=%2Fa%2Fb" })).toString("hex"),
    // Python's quote() leaves "/" bare by default.
    peer: hmac(drf({ query: "p=/a/b" })).toString("hex"),
  },
  {
    id: "query-plus",
    preset: "nextcloud-drf",
    url: "/items/?q=a+b",
    correct: hmac(drf({ query: "q=a%20b" })).toString("hex"),
    peer: hmac(drf({ query: "q=a%2Bb" })).toString("hex"),
  },
  {
    id: "component-missing",
    preset: "nextcloud-drf",
    correct: hmac(right).toString("hex"),
    peer: hmac(["GET", "/items/", "", TS, sha256hex("")].join("\n")).toString("hex"),
  },
  {
    id: "component-extra",
    preset: "nextcloud-drf",
    correct: hmac(right).toString("hex"),
    peer: hmac(`${right}\nnc-1`).toString("hex"),
  },
  {
    id: "component-order",
    preset: "nextcloud-drf",
    correct: hmac(right).toString("hex"),
    peer: hmac(["GET", "/items/", "", NONCE, TS, sha256hex("")].join("\n")).toString("hex"),
  },
  { id: "separator", preset: "nextcloud-drf", correct: hmac(right).toString("hex"), peer: hmac(`${right}\n`).toString("hex") },
  {
    id: "timestamp",
    preset: "nextcloud-drf",
    correct: hmac(right).toString("hex"),
    peer: hmac(drf({ ts: String(Number(TS) - 1) })).toString("hex"),
  },
  {
    id: "nonce",
    preset: "nextcloud-drf",
    correct: hmac(right).toString("hex"),
    peer: hmac(drf({ nonce: NONCE.toUpperCase() })).toString("hex"),
  },
  { id: "algorithm", preset: "nextcloud-drf", correct: hmac(right).toString("hex"), peer: hmac(right, KEY, "sha512").toString("hex") },
  {
    id: "body",
    preset: "nextcloud-drf",
    method: "POST",
    body: '{"scope":"read"}\n',
    correct: hmac(drf({ method: "POST", bodyHash: sha256hex('{"scope":"read"}\n') })).toString("hex"),
    // curl -d @file strips the newline the file ends with.
    peer: hmac(drf({ method: "POST", bodyHash: sha256hex('{"scope":"read"}') })).toString("hex"),
  },
  {
    id: "body-hash",
    preset: "nextcloud-drf",
    method: "POST",
    body: '{"scope":"read"}',
    correct: hmac(drf({ method: "POST", bodyHash: sha256hex('{"scope":"read"}') })).toString("hex"),
    peer: hmac(drf({ method: "POST", bodyHash: createHash("sha256").update('{"scope":"read"}').digest("base64") })).toString("hex"),
  },
  {
    // Seed 004: "for `GET`, hash the empty body"; this peer hashed the body a GET carried.
    id: "body-hash",
    preset: "nextcloud-drf",
    body: '{"city":"Zürich"}',
    correct: hmac(right).toString("hex"),
    peer: hmac(drf({ bodyHash: sha256hex('{"city":"Zürich"}') })).toString("hex"),
  },
  { id: "template", preset: "nextcloud-drf", correct: hmac(right).toString("hex"), peer: `sha256=${hmac(right).toString("hex")}` },
];

async function explainWith(testCase: Case, received: string) {
  const scheme = presetScheme(testCase.preset);
  return explainRequest({
    scheme,
    request: {
      method: testCase.method ?? "GET",
      url: testCase.url ?? "/items/",
      headers: testCase.headers ?? headers,
      body: new TextEncoder().encode(testCase.body ?? ""),
    },
    secret: testCase.secret ?? TEST_SECRETS[scheme.secretEncoding],
    given: { receivedSignature: received },
    basePaths: testCase.basePaths,
  });
}

describe("explain names each known mistake", () => {
  it("covers every mistake id", () => {
    expect(new Set(CASES.map((testCase) => testCase.id))).toEqual(new Set(MISTAKE_IDS));
  });

  it("names a path prefix stripped or added, with the path the request carries", async () => {
    const [stripped, added] = CASES.filter((testCase) => testCase.id === "path-prefix");
    if (!stripped || !added) throw new Error("both path-prefix cases are in the table");
    const causes = async (testCase: Case) =>
      (await explainWith(testCase, testCase.peer)).received?.findings[0]?.mistakes.map((mistake) => mistake.cause);
    expect(await causes(stripped)).toEqual([
      expect.stringMatching(/^a path prefix stripped: the peer signed "\/items\/", without the "\/v1"/),
    ]);
    expect(await causes(added)).toEqual([expect.stringMatching(/^a path prefix added: the peer signed "\/api\/items\/"/)]);
  });

  it.each(CASES)("$id fires on the mistaken peer's signature", async (testCase) => {
    const explanation = await explainWith(testCase, testCase.peer);
    expect(explanation.received?.matches).toBe(false);
    const top = explanation.received?.findings[0];
    expect(top?.mistakes.map((mistake) => mistake.id)).toEqual([testCase.id]);
  });

  it.each(CASES)("$id does not fire on the correct signature", async (testCase) => {
    const explanation = await explainWith(testCase, testCase.correct);
    expect(explanation.received).toMatchObject({ matches: true, findings: [] });
  });

  it("names nothing for a signature no known mistake produces", async () => {
    const [first] = CASES;
    if (!first) throw new Error("no cases");
    const explanation = await explainWith(first, hmac("unrelated").toString("hex"));
    expect(explanation.received).toMatchObject({ matches: false, findings: [] });
  });

  it("combines mistakes: the secret used as text and base64 output", async () => {
    const [first] = CASES;
    if (!first) throw new Error("no cases");
    const explanation = await explainWith(first, hmac(right, Buffer.from(TEST_SECRETS.base64, "utf8")).toString("base64"));
    expect(explanation.received?.findings[0]?.mistakes.map((mistake) => mistake.id)).toEqual(["secret-as-text", "encoding"]);
  });
});

describe("explain and a GET body (seed 004's body.emptyFor)", () => {
  const body = '{"city":"Zürich"}';
  const explainGet = (scheme: ReturnType<typeof presetScheme>, received: string) =>
    explainRequest({
      scheme,
      request: { method: "GET", url: "/items/", headers, body: new TextEncoder().encode(body) },
      secret: TEST_SECRETS.base64,
      given: { receivedSignature: received },
    });

  it("says the GET body is not covered, and that a verifier refuses it", async () => {
    const explanation = await explainGet(presetScheme("nextcloud-drf"), hmac(right).toString("hex"));
    expect(explanation.body.covered).toBe("signed as empty");
    expect(explanation.body.hash?.value).toBe(sha256hex(""));
    expect(formatExplanation(explanation)).toContain(
      "covered: no, GET is signed as an empty body (body.emptyFor); a verifier refuses this unsigned body (unsigned_body) unless unsignedBody is pass",
    );
  });

  it("names a peer that signed a GET body as empty where the scheme hashes it", async () => {
    const nextcloud = presetScheme("nextcloud-drf");
    const hashesGet = { ...nextcloud, body: { ...nextcloud.body, emptyFor: [] } };
    const explanation = await explainGet(hashesGet, hmac(right).toString("hex"));
    expect(explanation.body.covered).toBe("hash");
    const top = explanation.received?.findings[0]?.mistakes ?? [];
    expect(top.map((mistake) => mistake.id)).toEqual(["body-hash"]);
    expect(top[0]?.cause).toMatch(/signed empty bytes for the GET body/);
  });
});
