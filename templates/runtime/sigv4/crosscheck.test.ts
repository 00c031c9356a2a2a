/**
 * Cross-check against two independent SigV4 signers, @smithy/signature-v4 (the AWS SDK for JavaScript v3)
 * and aws4, with fast-check: random requests (methods, paths with spaces, unicode, reserved characters and
 * dot segments, repeated query keys, empty values, header values with runs of spaces and tabs, bodies,
 * session tokens) must give the same Authorization header byte for byte at the same instant, region and
 * service. The generators leave out what the three sides define differently, each named here:
 *   - empty query names (`?=v`): aws4 drops them, smithy and this profile keep `=v` (the AWS docs do not
 *     exclude them). Only smithy is compared on them.
 *   - a raw `+` in the query: aws4 parses it as a space (querystring.parse), smithy never sees one (its
 *     query is decoded data), this profile reads RFC 3986 (`%2B`). Queries here are encoded, so no raw `+`.
 *   - S3's single encoding: smithy (uriEscapePath: false) and aws4 sign the path as given; this profile
 *     decodes and encodes once, which differs only for a path that is not strictly encoded (`!`, `'`,
 *     lower-case hex). The S3 property uses strictly encoded paths.
 */
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import aws4 from "aws4";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signRequest } from "../sign.js";
import type { AwsSigV4Scheme } from "../types.js";

const NOW = Date.UTC(2026, 0, 1, 12, 30, 15);
const HOST = "example.amazonaws.com";
const CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

const TEXT = fc.string({
  unit: fc.constantFrom("a", "Z", "0", " ", "-", "_", ".", "~", "!", "'", "(", "*", "é", "ሴ", "/", "%", "+", "&", "="),
  maxLength: 6,
});
const SEGMENT = fc.oneof(
  TEXT.filter((text) => text !== ""),
  fc.constantFrom(".", ".."),
);

interface Generated {
  method: string;
  segments: string[];
  query: Array<[string, string]>;
  headers: Array<[string, string]>;
  body: string;
  sessionToken: string | undefined;
}

const requests = (options: { emptySegments: boolean }) =>
  fc.record<Generated>({
    method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"),
    segments: fc.array(options.emptySegments ? fc.oneof(SEGMENT, fc.constant("")) : SEGMENT, { maxLength: 5 }),
    query: fc.array(fc.tuple(fc.constantFrom("k", "K", "a b", "é", "x~y", "z*"), TEXT), { maxLength: 6 }),
    headers: fc.uniqueArray(
      fc.tuple(
        fc.constantFrom("x-custom", "X-Other", "content-type", "x-amz-meta-owner", "accept"),
        fc
          .string({ unit: fc.constantFrom("a", "B", " ", "\t", ";", "="), minLength: 1, maxLength: 8 })
          .filter((v) => v.trim() !== ""),
      ),
      { selector: ([name]) => name.toLowerCase(), maxLength: 4 },
    ),
    body: fc.string({ maxLength: 20 }),
    sessionToken: fc.option(fc.constantFrom("token/with+base64==", "FQoGZXIvYXdzE"), { nil: undefined }),
  });

/** The wire form: each segment and query part percent-encoded as a URL builder would (encodeURIComponent). */
function wire(request: Generated): { path: string; query: string } {
  const path = `/${request.segments.map((segment) => (segment === "." || segment === ".." ? segment : encodeURIComponent(segment))).join("/")}`;
  const query = request.query
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join("&");
  return { path, query };
}

function headersOf(request: Generated): Array<[string, string]> {
  const hasBody = request.body !== "";
  return [
    ["host", HOST],
    ...request.headers,
    ...(hasBody ? ([["content-length", String(Buffer.byteLength(request.body))]] as Array<[string, string]>) : []),
  ];
}

function scheme(service: string, s3: boolean): AwsSigV4Scheme {
  return {
    profile: "aws-sigv4",
    name: "crosscheck",
    algorithm: "sha256",
    secretEncoding: "utf8",
    region: "eu-west-1",
    service,
    normalizePath: !s3,
    doubleEncodePath: !s3,
    payload: "signed",
    contentSha256Header: s3,
    location: "header",
    expiresInSeconds: 900,
    // The reference signers sign every header they are given (but user-agent and the like); so does this.
    signedHeaders: ["x-custom", "x-other", "content-type", "x-amz-meta-owner", "accept", "content-length"],
    pastSeconds: 900,
    futureSeconds: 900,
    failureStatus: 401,
  };
}

async function ours(request: Generated, service: string, s3 = false): Promise<string> {
  const { path, query } = wire(request);
  const signed = await signRequest(
    scheme(service, s3),
    {
      method: request.method,
      url: query ? `${path}?${query}` : path,
      headers: headersOf(request),
      body: new TextEncoder().encode(request.body),
    },
    { keyId: CREDENTIALS.accessKeyId, secret: CREDENTIALS.secretAccessKey, sessionToken: request.sessionToken },
    { now: () => NOW },
  );
  return signed.headers.Authorization ?? "";
}

async function smithy(request: Generated, service: string, s3 = false): Promise<string> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of request.query) {
    const existing = query[name];
    query[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  const signer = new SignatureV4({
    service,
    region: "eu-west-1",
    sha256: Sha256,
    credentials: { ...CREDENTIALS, ...(request.sessionToken ? { sessionToken: request.sessionToken } : {}) },
    uriEscapePath: !s3,
    applyChecksum: s3,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method,
      protocol: "https:",
      hostname: HOST,
      path: wire(request).path,
      query,
      headers: Object.fromEntries(headersOf(request)),
      body: request.body === "" ? undefined : request.body,
    }),
    { signingDate: new Date(NOW) },
  );
  return String((signed as HttpRequest).headers.authorization);
}

function viaAws4(request: Generated, service: string): string {
  const { path, query } = wire(request);
  const headers: Record<string, string> = Object.fromEntries(headersOf(request));
  headers["X-Amz-Date"] = new Date(NOW).toISOString().replace(/[:-]|\.\d{3}/g, "");
  if (request.body !== "" && headers["content-type"] === undefined) headers["content-type"] = "";
  const signed = aws4.sign(
    {
      host: HOST,
      method: request.method,
      path: query ? `${path}?${query}` : path,
      headers,
      body: request.body,
      service,
      region: "eu-west-1",
    },
    { ...CREDENTIALS, ...(request.sessionToken ? { sessionToken: request.sessionToken } : {}) },
  );
  return String((signed.headers as Record<string, string>).Authorization);
}

describe("the Authorization header equals the reference signers'", () => {
  it("@smithy/signature-v4, execute-api (normalised, double-encoded path)", async () => {
    await fc.assert(
      fc.asyncProperty(requests({ emptySegments: true }), async (request) => {
        const header = await ours(request, "execute-api");
        expect(header).toMatch(
          /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260101\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/,
        );
        expect(header).toBe(await smithy(request, "execute-api"));
      }),
      { numRuns: 300 },
    );
  });

  it("@smithy/signature-v4, s3 (path as the key, x-amz-content-sha256)", async () => {
    const strict = requests({ emptySegments: false }).map((request) => ({
      ...request,
      segments: request.segments.filter((segment) => segment !== "." && segment !== ".."),
    }));
    await fc.assert(
      fc.asyncProperty(strict, async (request) => {
        // A strictly encoded path, as the SDK writes object keys: encodeURIComponent plus !'()*.
        const encoded = { ...request, segments: request.segments.map((segment) => segment.replace(/[!'()*]/g, "")) };
        expect(await ours(encoded, "s3", true)).toBe(await smithy(encoded, "s3", true));
      }),
      { numRuns: 200 },
    );
  });

  it("aws4, execute-api", async () => {
    await fc.assert(
      fc.asyncProperty(requests({ emptySegments: true }), async (request) => {
        // aws4 adds an empty Content-Type to a body without one; give both sides the same header.
        const same =
          request.body !== "" && !request.headers.some(([name]) => name.toLowerCase() === "content-type")
            ? { ...request, headers: [...request.headers, ["content-type", "text/plain"] as [string, string]] }
            : request;
        expect(await ours(same, "execute-api")).toBe(viaAws4(same, "execute-api"));
      }),
      { numRuns: 300 },
    );
  });
});
