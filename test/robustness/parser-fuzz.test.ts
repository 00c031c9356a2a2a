/**
 * fast-check fuzzing of every parser a request's bytes reach before the signature is checked (issue 9):
 * header maps and aliases, the signature template, timestamps in all four formats, hex and base64, the
 * request-target, query and path canonicalisation, Python-compact JSON, and then verifyRequest and the
 * spec verifier whole. Inputs mix arbitrary Unicode (lone surrogates, controls) with the fragments
 * attackers use. Properties: nothing throws, every result is well-formed, and nothing random verifies.
 * FUZZ_RUNS raises the number of runs.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { PRESET_NAMES } from "../../src/scheme/profiles/template/preset-names.js";
import { canonicalQuery } from "../../templates/runtime/canonical-query.js";
import { decodeDigest, encodeDigest } from "../../templates/runtime/encoding.js";
import { aliasedHeader, headerMap } from "../../templates/runtime/headers.js";
import { REASONS } from "../../templates/runtime/reasons.js";
import { MemoryReplayStore } from "../../templates/runtime/replay-store.js";
import { queryParamValues, removeQueryParam, splitRequestTarget } from "../../templates/runtime/request-target.js";
import { signRequest } from "../../templates/runtime/sign.js";
import { canonicalPath } from "../../templates/runtime/template/canonical-path.js";
import { parseTemplate, renderTemplate } from "../../templates/runtime/template/header-template.js";
import { MalformedJsonError, pythonCompactJson } from "../../templates/runtime/template/python-json.js";
import { parseTimestamp } from "../../templates/runtime/template/timestamp.js";
import type { DigestEncoding, HmacScheme, TimestampRule } from "../../templates/runtime/types.js";
import { verifyRequest } from "../../templates/runtime/verify.js";
import { presetScheme } from "../support/preset-scheme.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const FRAGMENTS = [
  "%",
  "%2",
  "%zz",
  "%2F",
  "%2e%2e",
  "%C0%AF",
  "%00",
  "%FF",
  "%EF%BD%90",
  "/",
  "//",
  "..",
  ".",
  ";",
  "=",
  "&",
  "?",
  "#",
  "+",
  " ",
  "\t",
  "\r\n",
  "\n",
  "\u0000",
  "é",
  "\uD800",
  "\uDFFF",
  "ｐ",
  "{",
  "}",
  "{signature}",
  ",",
  ", ",
  ":",
  "HMAC-SHA512",
  "HMAC-SHA256 ",
  "test-key-1",
  "0",
  "9",
  "-",
  "1767225600",
  "T",
  "Z",
  "+00:00",
  "2026-01-01T00:00:00.000000+00:00",
  "Thu, 01 Jan 2026 00:00:00 GMT",
  "ab",
  "AB",
  "==",
  "=",
  "-_",
  "0x",
  "e9",
  "9".repeat(40),
];
/** Arbitrary Unicode (lone surrogates included) and strings built from the fragments above. */
const hostile: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((parts) => parts.join("")),
  fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: "binary", maxLength: 4 })), { maxLength: 10 }).map((p) => p.join("")),
);
const run = (property: fc.IAsyncProperty<never> | fc.IProperty<never>) => fc.assert(property as never, { numRuns: RUNS });

describe("header parsers", () => {
  it("headerMap and aliasedHeader take any header list; a conflict means two different values", () => {
    const names = fc.constantFrom("X-Signature", "x-signature", "X-NC-SIGNATURE", "Authorization", "X-Nonce");
    run(
      fc.property(fc.array(fc.tuple(names, hostile), { maxLength: 6 }), (headers) => {
        const map = headerMap(headers);
        const found = aliasedHeader(map, "X-Signature", { "x-signature": ["X-NC-SIGNATURE"] });
        const values = new Set(["x-signature", "x-nc-signature"].map((n) => map.get(n)).filter((v) => v !== undefined));
        expect(found.status).toBe(values.size === 0 ? "missing" : values.size === 1 ? "found" : "conflict");
      }) as never,
    );
  });

  it("parseTemplate never throws, and what it parses renders back to the same text", () => {
    const templates = fc.constantFrom(
      "{signature}",
      "sha256={signature}",
      "{algorithm} {keyId};{signature};{timestamp}",
      "HMAC {keyId}:{signature}",
      "{keyId}:{nonce}:{timestamp}:{signature}",
    );
    run(
      fc.property(templates, hostile, (template, text) => {
        const values = parseTemplate(template, text);
        if (values) expect(renderTemplate(template, values)).toBe(text);
      }) as never,
    );
  });
});

describe("timestamp, digest and request-target parsers", () => {
  const rules: TimestampRule[] = (["unix", "unix-ms", "iso8601", "http-date"] as const).map((format) => ({
    format,
    fractionDigits: 6,
    utcSuffix: "+00:00",
    pastSeconds: 300,
    futureSeconds: 300,
    carrier: { in: "header", name: "X-Timestamp" },
  })) as TimestampRule[];

  it("parseTimestamp gives a finite instant or undefined, in every format", () => {
    run(
      fc.property(fc.constantFrom(...rules), hostile, (rule, text) => {
        const at = parseTimestamp(text, rule);
        if (at !== undefined) expect(Number.isFinite(at)).toBe(true);
        // Digits only for unix formats: no sign, fraction, exponent, whitespace or non-ASCII digits.
        if (at !== undefined && rule.format.startsWith("unix")) expect(text).toMatch(/^\d+$/);
      }) as never,
    );
  });

  it("decodeDigest accepts only canonical text: decoding and encoding again gives the same text", () => {
    const encodings: DigestEncoding[] = ["hex", "HEX", "base64", "base64url"];
    run(
      fc.property(fc.constantFrom(...encodings), hostile, (encoding, text) => {
        const bytes = decodeDigest(text, encoding);
        // Hex is read in either case (the scheme decides whether case matters); base64 only canonically.
        if (bytes) expect(encodeDigest(bytes, encoding)).toBe(encoding.startsWith("base64") ? text : encodeDigest(bytes, encoding));
        if (bytes && !encoding.startsWith("base64")) expect(encodeDigest(bytes, "hex")).toBe(text.toLowerCase());
      }) as never,
    );
  });

  it("request-target, query and path canonicalisation take any target", () => {
    const queryRule = { form: "canonical", plus: "space", safe: "-_.~", hexCase: "upper", sort: true, blanks: "keep" } as const;
    run(
      fc.property(hostile, hostile, (path, query) => {
        const target = splitRequestTarget(`/${path}?${query}`);
        expect(typeof target.path).toBe("string");
        removeQueryParam(target.query, "sig");
        queryParamValues(target.query, "X-Timestamp");
        canonicalQuery(target.query, queryRule as never);
        for (const form of ["as-sent", "decoded", "reencoded"] as const) expect(typeof canonicalPath(target.path, form)).toBe("string");
      }) as never,
    );
  });

  it("pythonCompactJson either transcodes or throws MalformedJsonError, on any text and deep nesting", () => {
    const json = fc.oneof(
      hostile,
      fc.json({ maxDepth: 6 }),
      fc.nat({ max: 3000 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`),
    );
    run(
      fc.property(json, (text) => {
        try {
          pythonCompactJson(text);
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedJsonError);
        }
      }) as never,
    );
  });
});

describe("verifyRequest on random requests, every preset", () => {
  const schemes: HmacScheme[] = PRESET_NAMES.map((preset) => presetScheme(preset));
  const headerNames = [...new Set(schemes.flatMap(schemeHeaderNames))];

  it("never throws, never verifies, and always names a reason with a 4xx status", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...schemes),
        fc.constantFrom("GET", "POST", "HEAD", "get", "", "P\u00d6ST"),
        hostile,
        fc.array(fc.tuple(fc.constantFrom(...headerNames), hostile), { maxLength: 8 }),
        fc.uint8Array({ maxLength: 64 }),
        async (scheme, method, url, headers, body) => {
          const result = await verifyRequest(
            scheme,
            { method, url: `/${url}`, headers, body },
            {
              resolveKey: () => TEST_SECRETS[scheme.secretEncoding],
              replayStore: new MemoryReplayStore(),
              now: () => TEST_NOW_MS,
            },
          );
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(Object.keys(REASONS)).toContain(result.reason);
            expect(result.status).toBeGreaterThanOrEqual(400);
            expect(result.status).toBeLessThan(500);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("a signed request with one credential header replaced by hostile text verifies only if the value is unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...schemes), fc.nat(), hostile, async (scheme, pick, value) => {
        const secret = TEST_SECRETS[scheme.secretEncoding];
        const request = {
          method: "POST",
          url: "/orders?b=2&a=1",
          headers: { "content-type": "application/json" },
          body: new TextEncoder().encode('{"a":1}'),
        };
        const signed = await signRequest(
          scheme,
          request,
          { keyId: TEST_KEY_ID, secret },
          { now: () => TEST_NOW_MS, nonce: () => "0".repeat(32) },
        );
        const names = Object.keys(signed.headers);
        const name = names[pick % names.length] as string;
        const original = signed.headers[name] as string;
        const result = await verifyRequest(
          scheme,
          { ...request, url: signed.url, headers: { ...request.headers, ...signed.headers, [name]: value } },
          // Only the real key id has a secret: seed 004 does not sign the key id, so any id with this secret would do.
          {
            resolveKey: (keyId) => (keyId === TEST_KEY_ID ? secret : undefined),
            replayStore: new MemoryReplayStore(),
            now: () => TEST_NOW_MS,
          },
        );
        if (result.ok) {
          const same = scheme.signature.caseInsensitive ? value.trim().toLowerCase() === original.toLowerCase() : value.trim() === original;
          expect(same, `${name}: ${JSON.stringify(value)} verified in place of ${JSON.stringify(original)}`).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("the spec verifier takes any method, target and headers, and answers only 4xx failures", async () => {
    const server = await import("../golden/nextcloud-drf/server.js");
    const verifier = server.createVerifier({
      resolveKey: (keyId) => (keyId === TEST_KEY_ID ? TEST_SECRETS.base64 : undefined),
      now: () => TEST_NOW_MS,
      undeclared: "verify",
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "POST", "HEAD", "DELETE", "OPTIONS", "get"),
        fc
          .oneof(hostile, fc.constantFrom("api/v1/integrations/nextcloud/ping/", "api/v1/health/", "API/V1/HEALTH"))
          .chain((p) => fc.constantFrom(`/${p}`, `/api/v1/${p}`, `/api/v1/integrations/nextcloud/${p}`)),
        fc.array(fc.tuple(fc.constantFrom(...headerNames, "X-API-Key"), hostile), { maxLength: 6 }),
        async (method, url, headers) => {
          const result = await verifier.verifyDescription({ method, url, headers, body: new Uint8Array() });
          if (result.ok) {
            // Only the public health check passes without a signature.
            expect(result.operation).toBe("GET /api/v1/health/");
          } else {
            expect(result.status).toBeGreaterThanOrEqual(400);
            expect(result.status).toBeLessThan(500);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

function schemeHeaderNames(scheme: HmacScheme): string[] {
  const names = [scheme.signature.carrier, scheme.keyId, scheme.timestamp?.carrier, scheme.nonce?.carrier]
    .flatMap((carrier) => (carrier && carrier.in !== "signature" && "name" in carrier ? [carrier.name] : []))
    .concat(...Object.values(scheme.aliases));
  return names;
}
