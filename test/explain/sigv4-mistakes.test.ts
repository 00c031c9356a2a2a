/**
 * explain for aws-sigv4: each named mistake made for real by an independent signer, @smithy/signature-v4
 * (the AWS SDK for JavaScript v3) and aws4 configured the wrong way, or a SigV4 written out here by hand
 * with node:crypto where no library can make the mistake (a scope date that is not X-Amz-Date's day, a
 * decoded secret). Each is named; the correct signatures are not faulted.
 */
import { createHash, createHmac } from "node:crypto";
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import aws4 from "aws4";
import { describe, expect, it } from "vitest";
import { explainRequest } from "../../src/explain/explain.js";
import { formatExplanation } from "../../src/explain/format.js";
import { SIGV4_MISTAKE_IDS, type SigV4MistakeId } from "../../src/explain/sigv4/mistakes.js";
import { sigV4Scheme } from "../support/sigv4-scheme.js";

const HOST = "api.example.com";
const ACCESS_KEY = "AKIDEXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const BODY = '{"name":"widget"}';
const PATH = "/v1/items/a%20b";
const NOW = new Date(Date.UTC(2026, 0, 1, 0, 0, 5));
const SCHEME = sigV4Scheme({ name: "partnerAws", region: "eu-west-1", service: "execute-api", signedHeaders: ["content-type"] });

type Headers = Array<[string, string]>;

interface SmithyOptions {
  region?: string;
  service?: string;
  unsignable?: string[];
  uriEscapePath?: boolean;
}

async function smithy(options: SmithyOptions = {}): Promise<Headers> {
  const signer = new SignatureV4({
    service: options.service ?? "execute-api",
    region: options.region ?? "eu-west-1",
    sha256: Sha256,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET },
    uriEscapePath: options.uriEscapePath ?? true,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: "POST",
      protocol: "https:",
      hostname: HOST,
      path: PATH,
      query: { dry: "1" },
      headers: { host: HOST, "content-type": "application/json" },
      body: BODY,
    }),
    { signingDate: NOW, unsignableHeaders: new Set(options.unsignable ?? []) },
  );
  return Object.entries((signed as HttpRequest).headers).map(([name, value]) => [name, String(value)]);
}

function viaAws4(extra: Record<string, string>): Headers {
  const headers: Record<string, string> = { "Content-Type": "application/json", "X-Amz-Date": "20260101T000005Z", ...extra };
  const signed = aws4.sign(
    { host: HOST, method: "POST", path: `${PATH}?dry=1`, headers, body: BODY, service: "execute-api", region: "eu-west-1" },
    { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET },
  );
  return Object.entries(signed.headers as Record<string, string>).map(([name, value]) => [name, String(value)]);
}

const hmac = (key: Buffer | string, data: string): Buffer => createHmac("sha256", key).update(data).digest();

/** SigV4 by hand (IAM User Guide, "Create a signed AWS API request") for GET /v1/items with no body. */
function byHand(options: { amzDate: string; scopeDate: string; secretKey: Buffer }): Headers {
  const canonical = [
    "GET",
    "/v1/items",
    "",
    `host:${HOST}\nx-amz-date:${options.amzDate}\n`,
    "host;x-amz-date",
    createHash("sha256").update("").digest("hex"),
  ].join("\n");
  const scope = `${options.scopeDate}/eu-west-1/execute-api/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", options.amzDate, scope, createHash("sha256").update(canonical).digest("hex")].join("\n");
  let key = hmac(Buffer.concat([Buffer.from("AWS4"), options.secretKey]), options.scopeDate);
  for (const part of ["eu-west-1", "execute-api", "aws4_request"]) key = hmac(key, part);
  const signature = hmac(key, toSign).toString("hex");
  return [
    ["Host", HOST],
    ["X-Amz-Date", options.amzDate],
    ["Authorization", `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/${scope}, SignedHeaders=host;x-amz-date, Signature=${signature}`],
  ];
}

/** The same headers with the Authorization's signature rewritten (a peer that encodes it otherwise). */
function reencoded(headers: Headers, render: (bytes: Buffer) => string): Headers {
  return headers.map(([name, value]) =>
    name.toLowerCase() === "authorization"
      ? [name, value.replace(/Signature=([0-9a-f]{64})/, (_, hex: string) => `Signature=${render(Buffer.from(hex, "hex"))}`)]
      : [name, value],
  );
}

interface Peer {
  method: "POST" | "GET";
  headers: Headers;
}

const post = async (headers: Headers | Promise<Headers>): Promise<Peer> => ({ method: "POST", headers: await headers });
const get = (headers: Headers): Peer => ({ method: "GET", headers });

function explainPeer(peer: Peer) {
  return explainRequest({
    scheme: SCHEME,
    request: {
      method: peer.method,
      url: peer.method === "POST" ? `${PATH}?dry=1` : "/v1/items",
      headers: peer.headers,
      body: new TextEncoder().encode(peer.method === "POST" ? BODY : ""),
    },
    secret: SECRET,
    given: {},
  });
}

const CASES: Array<{ id: SigV4MistakeId; peer: () => Promise<Peer> }> = [
  { id: "encoding", peer: async () => post(reencoded(await smithy(), (bytes) => bytes.toString("base64"))) },
  { id: "case-uppered", peer: async () => post(reencoded(await smithy(), (bytes) => bytes.toString("hex").toUpperCase())) },
  {
    id: "secret-decoded",
    peer: async () => get(byHand({ amzDate: "20260101T000005Z", scopeDate: "20260101", secretKey: Buffer.from(SECRET, "base64") })),
  },
  { id: "scope-region", peer: () => post(smithy({ region: "us-east-1" })) },
  { id: "scope-service", peer: () => post(smithy({ service: "lambda" })) },
  // Five seconds past midnight UTC, with the day before in the scope (a day cached, or local time).
  {
    id: "scope-date",
    peer: async () => get(byHand({ amzDate: "20260101T000005Z", scopeDate: "20251231", secretKey: Buffer.from(SECRET) })),
  },
  { id: "header-unsigned", peer: () => post(smithy({ unsignable: ["content-type"] })) },
  { id: "payload-hash", peer: () => post(viaAws4({ "X-Amz-Content-Sha256": "UNSIGNED-PAYLOAD" })) },
  // S3's rule (the path encoded once) for a service that encodes it twice.
  { id: "path-encoding", peer: () => post(smithy({ uriEscapePath: false })) },
];

describe("explain for aws-sigv4 names each known mistake", () => {
  it("covers every mistake id", () => {
    expect(new Set(CASES.map((testCase) => testCase.id))).toEqual(new Set(SIGV4_MISTAKE_IDS));
  });

  it.each(CASES)("$id fires on the mistaken peer's signature", async ({ id, peer }) => {
    const explanation = await explainPeer(await peer());
    expect(explanation.received?.matches).toBe(false);
    expect(explanation.received?.findings[0]?.mistakes.map((mistake) => mistake.id)).toEqual([id]);
  });

  it.each([
    ["@smithy/signature-v4", async () => post(smithy())],
    ["aws4", async () => post(viaAws4({}))],
    ["by hand", async () => get(byHand({ amzDate: "20260101T000005Z", scopeDate: "20260101", secretKey: Buffer.from(SECRET) }))],
  ] as const)("does not fault the correct signature of %s", async (_, peer) => {
    const explanation = await explainPeer(await peer());
    expect(explanation.received).toMatchObject({ matches: true, findings: [] });
  });

  it("names nothing for a signature no known mistake produces", async () => {
    const explanation = await explainPeer(
      get(byHand({ amzDate: "20260101T000005Z", scopeDate: "20260101", secretKey: Buffer.from("another secret entirely") })),
    );
    expect(explanation.received).toMatchObject({ matches: false, findings: [] });
  });
});

describe("explain for a presigned URL (X-Amz-* query parameters)", () => {
  const presigned = async (region: string): Promise<string> => {
    const signer = new SignatureV4({
      service: "execute-api",
      region,
      sha256: Sha256,
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET },
    });
    const request = new HttpRequest({
      method: "GET",
      protocol: "https:",
      hostname: HOST,
      path: "/v1/items",
      query: { dry: "1" },
      headers: { host: HOST },
    });
    const signed = (await signer.presign(request, { signingDate: NOW, expiresIn: 900 })) as HttpRequest;
    const query = Object.entries(signed.query).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
    return `${signed.path}?${query.join("&")}`;
  };
  const explainUrl = (url: string) =>
    explainRequest({
      scheme: { ...SCHEME, location: "query" as const },
      request: { method: "GET", url, headers: [["Host", HOST]] },
      secret: SECRET,
      given: {},
    });

  it("reads smithy's presigned URL and finds it right", async () => {
    const explanation = await explainUrl(await presigned("eu-west-1"));
    expect(explanation.received).toMatchObject({ source: "query X-Amz-Signature", matches: true, findings: [] });
  });

  it("names the region of a URL presigned for another one", async () => {
    const explanation = await explainUrl(await presigned("us-east-1"));
    expect(explanation.received?.findings[0]?.mistakes.map((mistake) => mistake.id)).toEqual(["scope-region"]);
  });
});

describe("explain for aws-sigv4 shows each step", () => {
  it("prints the canonical request, the scope, the key derivation and smithy's signature, never the secret", async () => {
    const peer = await post(smithy());
    const explanation = await explainPeer(peer);
    const authorization = peer.headers.find(([name]) => name === "authorization")?.[1] ?? "";
    expect(authorization).toContain(`Signature=${explanation.signature.value}`);
    expect(explanation.canonicalRequest.uri).toBe("/v1/items/a%2520b");
    expect(explanation.canonicalRequest.signedHeaders).toBe("content-type;host;x-amz-date");
    const text = formatExplanation(explanation);
    expect(text).toContain("   scope      20260101/eu-west-1/execute-api/aws4_request");
    expect(text).toContain('kRegion  = HMAC(kDate, "eu-west-1")');
    expect(text).toContain("MATCHES the signature computed above.");
    expect(text).not.toContain(SECRET);
  });
});
