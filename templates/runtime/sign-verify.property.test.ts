/**
 * Properties of signRequest/verifyRequest for every preset and for the defaults (fast-check):
 * (a) a signed request verifies, whatever its method, path, query, extra headers and body;
 * (b) changing any one part the scheme signs makes it fail with the documented reason, while changing a
 *     part it does not sign does not;
 * (c) header-name case and header order do not matter;
 * (d) a replayed nonce is refused, and during a key rotation either secret verifies.
 * A last section runs (a) and (b) for custom schemes that carry credentials in the query, which no preset does.
 * HMAC_PROPERTY_RUNS raises the number of runs per property for a longer search.
 * Clock, nonce and randomness are injected, so every run is reproducible from fast-check's seed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PresetName } from "../../src/scheme/profiles/template/presets.js";
import { resolveScheme } from "../../src/scheme/resolve.js";
import { canonicalQuery } from "./canonical-query.js";
import { type CryptoProvider, nodeCryptoProvider, webCryptoProvider } from "./crypto-provider.js";
import { decodeDigest, decodeSecret, encodeDigest, toBase64, toHex, utf8 } from "./encoding.js";
import type { ReasonCode } from "./reasons.js";
import { MemoryReplayStore } from "./replay-store.js";
import { splitRequestTarget } from "./request-target.js";
import { type SignedRequest, signRequest } from "./sign.js";
import { canonicalPath } from "./template/canonical-path.js";
import { parseTemplate, renderTemplate, type TemplateValues } from "./template/header-template.js";
import { MalformedJsonError } from "./template/python-json.js";
import { canonicalBody, signsBodyAsEmpty } from "./template/signed-body.js";
import { checkFreshness, formatTimestamp, parseTimestamp } from "./template/timestamp.js";
import type { HashAlgorithm, HmacScheme, RequestDescription, SecretEncoding } from "./types.js";
import { type Secret, type VerifyOptions, type VerifyResult, verifyRequest } from "./verify.js";

/** Runs per property; raise it for a longer search, e.g. HMAC_PROPERTY_RUNS=5000 npx vitest run templates/runtime. */
const NUM_RUNS = Number(process.env.HMAC_PROPERTY_RUNS ?? 120);

// ---------------------------------------------------------------------------------------------------
// Schemes

interface SchemeCase {
  label: string;
  preset: PresetName | undefined;
  header: string;
}

const CASES: SchemeCase[] = [
  { label: "nextcloud-drf", preset: "nextcloud-drf", header: "X-Signature" },
  { label: "nextcloud-drf-base64", preset: "nextcloud-drf-base64", header: "X-Signature" },
  { label: "django-api-key", preset: "django-api-key", header: "X-Signature" },
  { label: "django-hmac-authentication", preset: "django-hmac-authentication", header: "Authorization" },
  { label: "django-api-signing", preset: "django-api-signing", header: "Signature" },
  { label: "defaults", preset: undefined, header: "X-Signature" },
];

function schemeFor(testCase: SchemeCase): HmacScheme {
  const result = resolveScheme(testCase.preset ? { preset: testCase.preset } : {}, {
    name: testCase.label,
    pointer: "#",
    type: "apiKey",
    in: "header",
    parameterName: testCase.header,
  });
  if (!result.scheme || result.scheme.profile) throw new Error(JSON.stringify(result.issues));
  return result.scheme;
}

const SCHEMES = CASES.map((testCase) => ({ label: testCase.label, scheme: schemeFor(testCase) }));

function covers(scheme: HmacScheme, component: string): boolean {
  return (scheme.stringToSign.components as string[]).includes(component);
}

// ---------------------------------------------------------------------------------------------------
// Crypto: node:crypto for HMAC and digests, with randomBytes from a seeded generator.

const NODE_CRYPTO = nodeCryptoProvider();
const WEB_CRYPTO = webCryptoProvider();

function seededCrypto(seed: number): CryptoProvider {
  let state = seed >>> 0;
  return {
    name: "seeded",
    hmac: NODE_CRYPTO.hmac,
    digest: NODE_CRYPTO.digest,
    randomBytes: (length) => {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i++) {
        state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
        out[i] = state >>> 24;
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Request parts

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "get", "post", "Patch"];
const methodArb = fc.constantFrom(...METHODS);

const chars = (text: string): fc.Arbitrary<string> => fc.constantFrom(...text.split(""));
const hexByte = (byte: number, upper: boolean): string => {
  const hex = byte.toString(16).padStart(2, "0");
  return `%${upper ? hex.toUpperCase() : hex}`;
};

const segmentArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: chars("abcXYZ019-._~"), maxLength: 8 }),
  fc.string({ unit: chars("ab+!$&'()*,;=:@"), minLength: 1, maxLength: 6 }),
  // Percent-encoded unicode (café, emoji, CJK...)
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 4 }).map(encodeURIComponent),
  // Arbitrary escaped bytes, in either hex case, not necessarily valid UTF-8
  fc
    .tuple(fc.uint8Array({ minLength: 1, maxLength: 4 }), fc.boolean())
    .map(([bytes, upper]) => [...bytes].map((byte) => hexByte(byte, upper)).join("")),
  // Raw unicode a client forgot to encode
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 3 }).filter((text) => !/[/?#%]/.test(text)),
  fc.constantFrom("%7E", "%7e", "~", "%2F", "%25", "%20", "+", "caf%C3%A9", "%E2%82%AC"),
);

const pathArb: fc.Arbitrary<string> = fc
  .tuple(fc.array(segmentArb, { maxLength: 5 }), fc.boolean())
  .map(([segments, trailing]) => (segments.length === 0 ? "/" : `/${segments.join("/")}${trailing ? "/" : ""}`));

const queryKeyArb = fc.oneof(
  fc.constantFrom("a", "b", "q", "A", "10", "9", "a%20b", "a+b", "%7E", "~", "caf%C3%A9", "x%5B%5D"),
  fc.string({ unit: chars("abcxyz09-._~"), minLength: 1, maxLength: 5 }),
);
const queryValueArb = fc.oneof(
  fc.constant(""),
  fc.constantFrom("1", "0", "x", "a+b", "+", "%2B", "%20", "%7E", "%7e", "~", "caf%c3%a9", "%zz", "1=2", "%"),
  fc.string({ unit: chars("abcXYZ019-._~+!$'()*,;:@/?="), maxLength: 8 }),
  fc.string({ unit: "grapheme", maxLength: 4 }).map(encodeURIComponent),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 2 }).filter((text) => !/[&#%]/.test(text)),
);
const querySegmentArb = fc.oneof(
  { arbitrary: fc.tuple(queryKeyArb, queryValueArb).map(([key, value]) => `${key}=${value}`), weight: 6 },
  { arbitrary: queryKeyArb, weight: 2 }, // a bare key
  { arbitrary: fc.constant(""), weight: 1 }, // an empty segment: `a=1&&b=2`
);
/** undefined: no `?` at all; "" a bare `?`. */
const queryArb = fc.option(
  fc.array(querySegmentArb, { maxLength: 6 }).map((segments) => segments.join("&")),
  { nil: undefined, freq: 4 },
);

const printableArb = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 20,
});
const extraHeadersArb: fc.Arbitrary<Array<[string, string]>> = fc.uniqueArray(
  fc.tuple(
    fc.oneof(fc.stringMatching(/^x-extra-[a-z0-9-]{1,8}$/), fc.constantFrom("Content-Type", "Accept", "User-Agent")),
    printableArb,
  ),
  { maxLength: 4, selector: ([name]) => name.toLowerCase() },
);

const asSentBodyArb = fc.option(fc.uint8Array({ maxLength: 64 }), { nil: undefined });
const jsonTextArb = fc.oneof(
  fc.json(),
  fc.jsonValue().map((value) => JSON.stringify(value, null, 2)),
  fc.constantFrom(
    "{}",
    "[]",
    '""',
    "0",
    "0.0",
    "false",
    "null",
    '{"b":1,"2":2,"1":3}',
    '{"a":1,"a":2}',
    '{"x":1.0,"y":1e16}',
  ),
);
const pythonBodyArb = fc.option(fc.oneof(jsonTextArb.map(utf8), fc.constant(new Uint8Array(0))), { nil: undefined });

function secretArb(encoding: SecretEncoding): fc.Arbitrary<string> {
  const bytes = fc.uint8Array({ minLength: 1, maxLength: 64 });
  if (encoding === "base64") return bytes.map(toBase64);
  if (encoding === "hex") return bytes.map(toHex);
  return fc.string({ unit: "binary", minLength: 1, maxLength: 32 });
}

function keyIdArb(scheme: HmacScheme): fc.Arbitrary<string> {
  // Printable ASCII without spaces (the verifier's key id rule); `;` separates template fields.
  const forbidden = scheme.keyId?.in === "signature" ? ";" : "";
  const unit = fc
    .integer({ min: 0x21, max: 0x7e })
    .map((code) => String.fromCharCode(code))
    .filter((char) => !forbidden.includes(char));
  return fc.string({ unit, minLength: 1, maxLength: 24 });
}

function nonceArb(scheme: HmacScheme): fc.Arbitrary<string> {
  const rule = scheme.nonce;
  if (!rule) return fc.constant("unused");
  return fc
    .uint8Array({ minLength: rule.bytes, maxLength: rule.bytes })
    .map((bytes) => encodeDigest(bytes, rule.encoding));
}

/** Verifier clock offsets that keep every timestamp the signer can write inside the window. */
function delayArb(scheme: HmacScheme): fc.Arbitrary<number> {
  const rule = scheme.timestamp;
  if (!rule) return fc.integer({ min: -10_000_000, max: 10_000_000 });
  // A unix timestamp is floored to the second, so it can be up to 999 ms older than the signer's clock.
  return fc.integer({ min: -rule.futureSeconds * 1000, max: rule.pastSeconds * 1000 - 999 });
}

interface Scenario {
  method: string;
  origin: string;
  path: string;
  query: string | undefined;
  extraHeaders: Array<[string, string]>;
  body: Uint8Array | undefined;
  secret: string;
  keyId: string;
  nonce: string;
  algorithm: HashAlgorithm;
  now: number;
  delayMs: number;
  seed: number;
  webCrypto: boolean;
}

function scenarioArb(scheme: HmacScheme): fc.Arbitrary<Scenario> {
  return fc.record({
    method: methodArb,
    origin: fc.constantFrom("", "", "https://api.example.test", "http://127.0.0.1:8000"),
    path: pathArb,
    query: queryArb,
    extraHeaders: extraHeadersArb,
    body: scheme.body.json === "python-compact" ? pythonBodyArb : asSentBodyArb,
    secret: secretArb(scheme.secretEncoding),
    keyId: keyIdArb(scheme),
    nonce: nonceArb(scheme),
    algorithm: fc.constantFrom(...scheme.acceptedAlgorithms),
    // 2000-01-01 .. 2100-01-01
    now: fc.integer({ min: 946_684_800_000, max: 4_102_444_800_000 }),
    delayMs: delayArb(scheme),
    seed: fc.integer(),
    webCrypto: fc.boolean(),
  });
}

// ---------------------------------------------------------------------------------------------------
// Signing, sending, verifying

type Headers = Array<[string, string]>;

interface Sent {
  method: string;
  url: string;
  headers: Headers;
  body: Uint8Array | undefined;
}

function urlOf(origin: string, path: string, query: string | undefined): string {
  return `${origin}${path}${query === undefined ? "" : `?${query}`}`;
}

async function sign(
  scheme: HmacScheme,
  s: Scenario,
  secret: Secret = s.secret,
): Promise<{ signed: SignedRequest; sent: Sent }> {
  const url = urlOf(s.origin, s.path, s.query);
  const signed = await signRequest(
    scheme,
    { method: s.method, url, headers: s.extraHeaders, body: s.body },
    { keyId: s.keyId, secret },
    { now: () => s.now, nonce: () => s.nonce, algorithm: s.algorithm, crypto: seededCrypto(s.seed) },
  );
  return {
    signed,
    sent: {
      method: s.method,
      url: signed.url,
      headers: [...s.extraHeaders, ...Object.entries(signed.headers)],
      body: s.body,
    },
  };
}

function verify(
  scheme: HmacScheme,
  sent: RequestDescription,
  s: Scenario,
  options: Partial<VerifyOptions> = {},
): Promise<VerifyResult> {
  return verifyRequest(scheme, sent, {
    resolveKey: () => s.secret,
    now: () => s.now + s.delayMs,
    crypto: s.webCrypto ? WEB_CRYPTO : NODE_CRYPTO,
    // A GET body under body.emptyFor (the nextcloud-drf presets) is refused by default; (a)-(d) are about the signature,
    // so they let it through, and (e) checks the refusal.
    unsignedBody: "pass",
    ...options,
  });
}

function expectOk(result: VerifyResult, scheme: HmacScheme, s: Scenario, keyId = s.keyId): void {
  expect(result).toEqual({
    ok: true,
    scheme: scheme.name,
    keyId: scheme.keyId ? keyId : undefined,
    algorithm: s.algorithm,
  });
}

function expectReason(result: VerifyResult, reason: ReasonCode | "ok"): void {
  if (reason === "ok") expect(result.ok).toBe(true);
  else expect(result).toMatchObject({ ok: false, reason });
}

function headerIndex(headers: Headers, name: string): number {
  const matches = headers.flatMap(([candidate], index) =>
    candidate.toLowerCase() === name.toLowerCase() ? [index] : [],
  );
  if (matches.length !== 1) throw new Error(`expected exactly one ${name} header, found ${matches.length}`);
  return matches[0] as number;
}

function getHeader(headers: Headers, name: string): string {
  return (headers[headerIndex(headers, name)] as [string, string])[1];
}

function setHeader(headers: Headers, name: string, value: string): Headers {
  const index = headerIndex(headers, name);
  return headers.map((entry, i) => (i === index ? [entry[0], value] : entry));
}

type CarriedField = "keyId" | "timestamp" | "nonce" | "signature";

function carrierOf(scheme: HmacScheme, field: CarriedField) {
  if (field === "signature") return scheme.signature.carrier;
  const carrier =
    field === "keyId" ? scheme.keyId : field === "timestamp" ? scheme.timestamp?.carrier : scheme.nonce?.carrier;
  if (!carrier) throw new Error(`${field} is not carried by ${scheme.name}`);
  return carrier;
}

/** The signature carrier's template values, as the verifier parses them. */
function templateValues(scheme: HmacScheme, sent: Sent): TemplateValues {
  const values = parseTemplate(scheme.signature.template, getHeader(sent.headers, scheme.signature.carrier.name));
  if (!values) throw new Error("the signer wrote a carrier its own template cannot parse");
  return values;
}

function getCarried(scheme: HmacScheme, sent: Sent, field: CarriedField): string {
  const carrier = carrierOf(scheme, field);
  if (carrier.in === "header" && field !== "signature") return getHeader(sent.headers, carrier.name);
  if (carrier.in === "query") throw new Error("no scheme under test carries values in the query");
  const value = templateValues(scheme, sent)[field];
  if (value === undefined) throw new Error(`no ${field} in the template`);
  return value;
}

function setCarried(scheme: HmacScheme, sent: Sent, field: CarriedField, value: string): Sent {
  const carrier = carrierOf(scheme, field);
  if (carrier.in === "query") throw new Error("no scheme under test carries values in the query");
  if (carrier.in === "header" && field !== "signature")
    return { ...sent, headers: setHeader(sent.headers, carrier.name, value) };
  const values = { ...templateValues(scheme, sent), [field]: value };
  const name = scheme.signature.carrier.name;
  return { ...sent, headers: setHeader(sent.headers, name, renderTemplate(scheme.signature.template, values)) };
}

// ---------------------------------------------------------------------------------------------------
// Mutations

type Mutation =
  | { kind: "method"; method: string }
  | { kind: "path"; path: string }
  | { kind: "trailingSlash" }
  | { kind: "queryValue"; index: number; value: string }
  | { kind: "bodyByte"; index: number; xor: number }
  | { kind: "bodyJson"; body: Uint8Array }
  | { kind: "timestampShift"; ms: number }
  | { kind: "timestampSpelling" }
  | { kind: "nonce"; nonce: string }
  | { kind: "keyId"; keyId: string }
  | { kind: "signatureBit"; index: number; bit: number }
  | { kind: "signatureChar"; index: number; char: string }
  | { kind: "signatureCase"; upper: boolean }
  | { kind: "wrongSecret"; secret: string };

const SIGNATURE_ALPHABET = "0123456789abcdefABCDEF+/=-_xyzXYZ";

function coveredMutationArb(scheme: HmacScheme): fc.Arbitrary<Mutation> {
  const arbs: Array<fc.Arbitrary<Mutation>> = [
    fc.record({ kind: fc.constant("signatureBit" as const), index: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ kind: fc.constant("signatureChar" as const), index: fc.nat(), char: chars(SIGNATURE_ALPHABET) }),
    fc.record({ kind: fc.constant("signatureCase" as const), upper: fc.boolean() }),
    fc.record({ kind: fc.constant("wrongSecret" as const), secret: secretArb(scheme.secretEncoding) }),
  ];
  if (covers(scheme, "method")) arbs.push(fc.record({ kind: fc.constant("method" as const), method: methodArb }));
  if (covers(scheme, "path")) {
    arbs.push(
      fc.record({ kind: fc.constant("path" as const), path: pathArb }),
      fc.constant({ kind: "trailingSlash" as const }),
    );
  }
  if (covers(scheme, "query")) {
    arbs.push(fc.record({ kind: fc.constant("queryValue" as const), index: fc.nat(), value: queryValueArb }));
  }
  if (covers(scheme, "body") || covers(scheme, "bodyHash")) {
    arbs.push(
      fc.record({ kind: fc.constant("bodyByte" as const), index: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
    );
    if (scheme.body.json === "python-compact") {
      arbs.push(fc.record({ kind: fc.constant("bodyJson" as const), body: jsonTextArb.map(utf8) }));
    }
  }
  if (covers(scheme, "timestamp") && scheme.timestamp) {
    const { pastSeconds, futureSeconds } = scheme.timestamp;
    const ms = fc.oneof(
      fc.integer({ min: -400_000, max: 400_000 }),
      fc.integer({ min: -7_000, max: 7_000 }),
      // Just inside and just outside either edge of the window
      fc.integer({ min: -pastSeconds * 1000 - 2000, max: -pastSeconds * 1000 + 1000 }),
      fc.integer({ min: futureSeconds * 1000 - 1000, max: futureSeconds * 1000 + 2000 }),
    );
    arbs.push(
      fc.record({ kind: fc.constant("timestampShift" as const), ms }),
      fc.constant({ kind: "timestampSpelling" as const }),
    );
  }
  if (covers(scheme, "nonce") && scheme.nonce)
    arbs.push(fc.record({ kind: fc.constant("nonce" as const), nonce: nonceArb(scheme) }));
  if (covers(scheme, "keyId") && scheme.keyId)
    arbs.push(fc.record({ kind: fc.constant("keyId" as const), keyId: keyIdArb(scheme) }));
  return fc.oneof(...arbs);
}

const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean => toHex(a) === toHex(b);

function canonicalTarget(scheme: HmacScheme, url: string): { path: string; query: string } {
  const target = splitRequestTarget(url);
  return { path: canonicalPath(target.path, scheme.path.form), query: canonicalQuery(target.query, scheme.query) };
}

/** What the verifier must answer once the body changes: bad_signature unless the canonical body is unchanged. */
function bodyOutcome(scheme: HmacScheme, method: string, before: Uint8Array, after: Uint8Array): ReasonCode | "ok" {
  // Seed 004: a GET body is signed as empty bytes, so no change to it breaks the signature.
  if (signsBodyAsEmpty(scheme.body, method)) return "ok";
  try {
    const a = canonicalBody(before, scheme.body);
    const b = canonicalBody(after, scheme.body);
    return bytesEqual(a.bytes, b.bytes) ? "ok" : "bad_signature";
  } catch (error) {
    if (error instanceof MalformedJsonError) return "malformed_body";
    throw error;
  }
}

/**
 * Applies one mutation to a signed request and says what the verifier must answer. Calls fc.pre when the
 * mutation turns out not to change what the scheme signs (e.g. `%7E` -> `~` in a canonical query).
 */
function mutate(
  scheme: HmacScheme,
  s: Scenario,
  signed: SignedRequest,
  sent: Sent,
  m: Mutation,
): { sent: Sent; expected: ReasonCode | "ok"; options?: Partial<VerifyOptions> } {
  switch (m.kind) {
    case "method":
      fc.pre(m.method.toUpperCase() !== s.method.toUpperCase());
      return { sent: { ...sent, method: m.method }, expected: "bad_signature" };
    case "path":
    case "trailingSlash": {
      const path = m.kind === "path" ? m.path : s.path.endsWith("/") ? s.path.slice(0, -1) : `${s.path}/`;
      const url = urlOf(s.origin, path, s.query);
      fc.pre(canonicalTarget(scheme, url).path !== canonicalTarget(scheme, sent.url).path);
      return { sent: { ...sent, url }, expected: "bad_signature" };
    }
    case "queryValue": {
      const segments = (s.query ?? "").split("&");
      const index = m.index % segments.length;
      const old = segments[index] ?? "";
      const key = old === "" ? "k" : old.includes("=") ? old.slice(0, old.indexOf("=")) : old;
      segments[index] = `${key}=${m.value}`;
      const url = urlOf(s.origin, s.path, segments.join("&"));
      fc.pre(canonicalTarget(scheme, url).query !== canonicalTarget(scheme, sent.url).query);
      return { sent: { ...sent, url }, expected: "bad_signature" };
    }
    case "bodyByte": {
      const before = s.body ?? new Uint8Array(0);
      let after: Uint8Array;
      if (before.length === 0) {
        after = Uint8Array.of(m.xor);
      } else {
        after = before.slice();
        const index = m.index % after.length;
        after[index] = (after[index] as number) ^ m.xor;
      }
      return { sent: { ...sent, body: after }, expected: bodyOutcome(scheme, s.method, before, after) };
    }
    case "bodyJson": {
      const outcome = bodyOutcome(scheme, s.method, s.body ?? new Uint8Array(0), m.body);
      fc.pre(outcome !== "ok");
      return { sent: { ...sent, body: m.body }, expected: outcome };
    }
    case "timestampShift": {
      const rule = scheme.timestamp;
      if (!rule) throw new Error("unreachable");
      const before = getCarried(scheme, sent, "timestamp");
      const after = formatTimestamp(s.now + m.ms, rule);
      fc.pre(after !== before);
      const at = parseTimestamp(after, rule);
      if (at === undefined) throw new Error(`the formatter wrote an unparsable timestamp ${after}`);
      const freshness = checkFreshness(at, s.now + s.delayMs, rule);
      const expected =
        freshness === "stale" ? "stale_timestamp" : freshness === "future" ? "future_timestamp" : "bad_signature";
      return { sent: setCarried(scheme, sent, "timestamp", after), expected };
    }
    case "timestampSpelling": {
      // The same instant written differently: fresh, but not the bytes that were signed.
      const before = getCarried(scheme, sent, "timestamp");
      let after: string;
      if (before.endsWith("+00:00")) after = `${before.slice(0, -6)}Z`;
      else if (before.endsWith("Z")) after = `${before.slice(0, -1)}+00:00`;
      else if (/^\d+$/.test(before)) after = `0${before}`;
      else return { sent, expected: "ok" };
      return { sent: setCarried(scheme, sent, "timestamp", after), expected: "bad_signature" };
    }
    case "nonce":
      fc.pre(m.nonce !== s.nonce);
      return { sent: setCarried(scheme, sent, "nonce", m.nonce), expected: "bad_signature" };
    case "keyId":
      fc.pre(m.keyId !== s.keyId);
      // resolveKey returns the same secret for every key id, so only the signature can catch it.
      return { sent: setCarried(scheme, sent, "keyId", m.keyId), expected: "bad_signature" };
    case "signatureBit": {
      const bytes = decodeDigest(signed.signature, scheme.signature.encoding);
      if (!bytes) throw new Error("the signer wrote a signature its own encoding cannot decode");
      const flipped = bytes.slice();
      const index = m.index % flipped.length;
      flipped[index] = (flipped[index] as number) ^ (1 << m.bit);
      return {
        sent: setCarried(scheme, sent, "signature", encodeDigest(flipped, scheme.signature.encoding)),
        expected: "bad_signature",
      };
    }
    case "signatureChar": {
      const before = signed.signature;
      const index = m.index % before.length;
      const after = before.slice(0, index) + m.char + before.slice(index + 1);
      fc.pre(after !== before);
      let expected: ReasonCode | "ok" = "bad_signature";
      if (!decodeDigest(after, scheme.signature.encoding)) expected = "malformed_signature";
      else if (scheme.signature.caseInsensitive && after.toLowerCase() === before.toLowerCase()) expected = "ok";
      return { sent: setCarried(scheme, sent, "signature", after), expected };
    }
    case "signatureCase": {
      // Case is significant unless the scheme defines hex as case-insensitive (nextcloud-drf does).
      const before = signed.signature;
      const after = m.upper ? before.toUpperCase() : before.toLowerCase();
      fc.pre(after !== before);
      let expected: ReasonCode | "ok" = scheme.signature.caseInsensitive ? "ok" : "bad_signature";
      if (!decodeDigest(after, scheme.signature.encoding)) expected = "malformed_signature";
      return { sent: setCarried(scheme, sent, "signature", after), expected };
    }
    case "wrongSecret": {
      const a = decodeSecret(s.secret, scheme.secretEncoding);
      const b = decodeSecret(m.secret, scheme.secretEncoding);
      if (!a || !b) throw new Error("generated an invalid secret");
      fc.pre(!bytesEqual(a, b));
      return { sent, expected: "bad_signature", options: { resolveKey: () => m.secret } };
    }
  }
}

type UncoveredMutation =
  | { kind: "method"; method: string }
  | { kind: "path"; path: string }
  | { kind: "query"; query: string | undefined }
  | { kind: "keyId"; keyId: string }
  | { kind: "extraHeader"; value: string };

function uncoveredMutationArb(scheme: HmacScheme): fc.Arbitrary<UncoveredMutation> {
  const arbs: Array<fc.Arbitrary<UncoveredMutation>> = [
    fc.record({ kind: fc.constant("extraHeader" as const), value: printableArb }),
  ];
  if (!covers(scheme, "method")) arbs.push(fc.record({ kind: fc.constant("method" as const), method: methodArb }));
  if (!covers(scheme, "path")) arbs.push(fc.record({ kind: fc.constant("path" as const), path: pathArb }));
  if (!covers(scheme, "query")) arbs.push(fc.record({ kind: fc.constant("query" as const), query: queryArb }));
  if (!covers(scheme, "keyId") && scheme.keyId)
    arbs.push(fc.record({ kind: fc.constant("keyId" as const), keyId: keyIdArb(scheme) }));
  return fc.oneof(...arbs);
}

function mutateUncovered(scheme: HmacScheme, s: Scenario, sent: Sent, m: UncoveredMutation): Sent {
  switch (m.kind) {
    case "method":
      return { ...sent, method: m.method };
    case "path":
      return { ...sent, url: urlOf(s.origin, m.path, s.query) };
    case "query":
      return { ...sent, url: urlOf(s.origin, s.path, m.query) };
    case "keyId":
      return setCarried(scheme, sent, "keyId", m.keyId);
    case "extraHeader":
      return { ...sent, headers: [...sent.headers, ["X-Extra-Unsigned", m.value]] };
  }
}

// ---------------------------------------------------------------------------------------------------
// Header shuffling and recasing

function recase(name: string, mask: readonly boolean[]): string {
  return name
    .split("")
    .map((char, i) => (mask[i % mask.length] ? char.toUpperCase() : char.toLowerCase()))
    .join("");
}

function permute<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % keys.length] ?? 0, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map(({ item }) => item);
}

// ---------------------------------------------------------------------------------------------------

describe.each(SCHEMES)("$label", ({ scheme }) => {
  it("(a) a signed request verifies", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb(scheme), async (s) => {
        const { signed, sent } = await sign(scheme, s);
        // Every preset carries its values in headers, so the URL is sent as it was signed.
        expect(signed.url).toBe(urlOf(s.origin, s.path, s.query));
        expectOk(await verify(scheme, sent, s), scheme, s);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("(a) signing is deterministic once clock, nonce and randomness are injected", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb(scheme), async (s) => {
        const first = await sign(scheme, s);
        const second = await sign(scheme, { ...s, webCrypto: !s.webCrypto });
        expect(second.signed.headers).toEqual(first.signed.headers);
        expect(second.signed.stringToSign.bytes).toEqual(first.signed.stringToSign.bytes);
      }),
      { numRuns: 50 },
    );
  });

  it("(b) changing one signed part fails with bad_signature or the earlier, specific reason", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb(scheme), coveredMutationArb(scheme), async (s, m) => {
        const { signed, sent } = await sign(scheme, s);
        const { sent: changed, expected, options } = mutate(scheme, s, signed, sent, m);
        expectReason(await verify(scheme, changed, s, options), expected);
      }),
      { numRuns: NUM_RUNS * 2 },
    );
  });

  it("(b) changing a part the scheme does not sign leaves the signature valid", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb(scheme), uncoveredMutationArb(scheme), async (s, m) => {
        const { sent } = await sign(scheme, s);
        const result = await verify(scheme, mutateUncovered(scheme, s, sent, m), s);
        expectOk(result, scheme, s, m.kind === "keyId" ? m.keyId : s.keyId);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("(c) header-name case and header order do not matter", async () => {
    const caseMask = fc.array(fc.boolean(), { minLength: 1, maxLength: 32 });
    const orderKeys = fc.array(fc.integer(), { minLength: 1, maxLength: 16 });
    await fc.assert(
      fc.asyncProperty(scenarioArb(scheme), caseMask, orderKeys, fc.boolean(), async (s, mask, keys, asRecord) => {
        const { sent } = await sign(scheme, s);
        const headers = permute(
          sent.headers.map(([name, value]): [string, string] => [recase(name, mask), value]),
          keys,
        );
        const reshaped: RequestDescription = { ...sent, headers: asRecord ? Object.fromEntries(headers) : headers };
        expectOk(await verify(scheme, reshaped, s), scheme, s);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("(d) key rotation: resolveKey returning [oldSecret, newSecret] verifies either, and nothing else", async () => {
    const secrets = fc.tuple(
      secretArb(scheme.secretEncoding),
      secretArb(scheme.secretEncoding),
      secretArb(scheme.secretEncoding),
    );
    await fc.assert(
      fc.asyncProperty(
        scenarioArb(scheme),
        secrets,
        fc.boolean(),
        async (s, [oldSecret, newSecret, other], asBytes) => {
          const decode = (secret: string): Uint8Array =>
            decodeSecret(secret, scheme.secretEncoding) ?? new Uint8Array(0);
          fc.pre(!bytesEqual(decode(other), decode(oldSecret)) && !bytesEqual(decode(other), decode(newSecret)));
          // Rotated secrets may be configured as text or as raw key bytes.
          const toSecret = (secret: string): Secret => (asBytes ? decode(secret) : secret);
          const resolveKey = () => [toSecret(oldSecret), toSecret(newSecret)] as const;
          for (const secret of [oldSecret, newSecret]) {
            const { sent } = await sign(scheme, s, secret);
            expectOk(await verify(scheme, sent, s, { resolveKey }), scheme, s);
          }
          const { sent } = await sign(scheme, s, other);
          expectReason(await verify(scheme, sent, s, { resolveKey }), "bad_signature");
        },
      ),
      { numRuns: NUM_RUNS / 2 },
    );
  });

  const replayWithoutNonce = () =>
    it("(d) without a nonce there is no replay protection: a replay inside the window verifies", async () => {
      await fc.assert(
        fc.asyncProperty(scenarioArb(scheme), async (s) => {
          const replayStore = new MemoryReplayStore({ now: () => s.now });
          const { sent } = await sign(scheme, s);
          expectOk(await verify(scheme, sent, s, { replayStore }), scheme, s);
          expectOk(await verify(scheme, sent, s, { replayStore }), scheme, s);
          expect(replayStore.size).toBe(0);
        }),
        { numRuns: 30 },
      );
    });

  const replayWithNonce = () =>
    it("(d) a replayed nonce is refused by a MemoryReplayStore", async () => {
      const otherNonces = fc.uniqueArray(nonceArb(scheme), { minLength: 2, maxLength: 2 });
      await fc.assert(
        fc.asyncProperty(scenarioArb(scheme), otherNonces, async (s, [second = "", third = ""]) => {
          fc.pre(second !== s.nonce && third !== s.nonce);
          let clock = s.now + s.delayMs;
          const replayStore = new MemoryReplayStore({ now: () => clock });
          const options = { replayStore, now: () => clock };
          const { sent } = await sign(scheme, s);
          expectOk(await verify(scheme, sent, s, options), scheme, s);
          expectReason(await verify(scheme, sent, s, options), "replayed_nonce");
          // Header case does not open a second slot for the same nonce.
          const recased: Sent = { ...sent, headers: sent.headers.map(([name, value]) => [name.toUpperCase(), value]) };
          expectReason(await verify(scheme, recased, s, options), "replayed_nonce");
          // A fresh nonce on the same request is fine.
          const { sent: again } = await sign(scheme, { ...s, nonce: second });
          expectOk(await verify(scheme, again, s, options), scheme, s);
          // A forged request cannot burn a nonce: the signature is checked before the nonce is claimed.
          const { signed: thirdSigned, sent: thirdSent } = await sign(scheme, { ...s, nonce: third });
          const forgedBytes = decodeDigest(thirdSigned.signature, scheme.signature.encoding) ?? new Uint8Array(0);
          forgedBytes[0] = (forgedBytes[0] ?? 0) ^ 1;
          const forged = setCarried(
            scheme,
            thirdSent,
            "signature",
            encodeDigest(forgedBytes, scheme.signature.encoding),
          );
          const sizeBefore = replayStore.size;
          expectReason(await verify(scheme, forged, s, options), "bad_signature");
          expect(replayStore.size).toBe(sizeBefore);
          expectOk(await verify(scheme, thirdSent, s, options), scheme, s);
          // After the nonce's TTL (plus 1 ms, see template/verify.nextcloud-drf.test.ts for the exact boundary) the timestamp is stale.
          clock += (scheme.nonce?.ttlSeconds ?? 0) * 1000 + 1;
          expectReason(await verify(scheme, sent, s, options), "stale_timestamp");
        }),
        { numRuns: NUM_RUNS / 2 },
      );
    });

  if (scheme.nonce) replayWithNonce();
  else replayWithoutNonce();

  if (scheme.body.emptyFor.length > 0)
    it("(e) a body sent with a method signed as empty: refused as unsigned_body by default, any body verifies with pass", async () => {
      const bodyArb = fc.uint8Array({ minLength: 1, maxLength: 64 });
      const method = fc.constantFrom(...scheme.body.emptyFor.flatMap((name) => [name, name.toLowerCase()]));
      await fc.assert(
        fc.asyncProperty(
          scenarioArb(scheme),
          method,
          bodyArb,
          bodyArb,
          async (s, emptyMethod, signedWith, sentWith) => {
            const scenario = { ...s, method: emptyMethod };
            // Signed with one body (or none), sent with another: the signature is the same as for no body.
            const { sent, signed } = await sign(scheme, { ...scenario, body: signedWith });
            const { signed: bodiless } = await sign(scheme, { ...scenario, body: undefined });
            expect(signed.signature).toBe(bodiless.signature);
            const resolveKey = () => {
              throw new Error("an unsigned body is refused before any key is looked up");
            };
            expectReason(
              await verify(scheme, { ...sent, body: sentWith }, scenario, { unsignedBody: undefined, resolveKey }),
              "unsigned_body",
            );
            expectReason(
              await verify(scheme, { ...sent, body: sentWith }, scenario, { unsignedBody: "refuse", resolveKey }),
              "unsigned_body",
            );
            expectOk(await verify(scheme, { ...sent, body: sentWith }, scenario), scheme, scenario);
            expectOk(
              await verify(scheme, { ...sent, body: new Uint8Array(0) }, scenario, { unsignedBody: undefined }),
              scheme,
              scenario,
            );
          },
        ),
        { numRuns: NUM_RUNS / 2 },
      );
    });
});

// ---------------------------------------------------------------------------------------------------
// No preset carries anything in the query; these custom schemes cover that path of sign and verify.

const QUERY_SCHEMES = [
  {
    label: "key id, timestamp, nonce and signature in the query (as-sent)",
    input: {
      keyId: { in: "query", name: "key" },
      timestamp: { in: "query", name: "ts" },
      nonce: { in: "query", name: "nonce" },
    },
  },
  { label: "signature in the query (as-sent)", input: {} },
  { label: "signature in the query (canonical)", input: { query: { form: "canonical" } } },
].map(({ label, input }) => {
  const result = resolveScheme(input, { name: label, pointer: "#", type: "apiKey", in: "query", parameterName: "sig" });
  if (!result.scheme || result.scheme.profile) throw new Error(JSON.stringify(result.issues));
  return { label, scheme: result.scheme };
});

/** Replaces the value of query parameter `name` in a URL (the parameter must occur once). */
function withQueryParam(url: string, name: string, value: string): string {
  const question = url.indexOf("?");
  const base = url.slice(0, question);
  const pairs = url.slice(question + 1).split("&");
  const index = pairs.findIndex((pair) => pair.startsWith(`${name}=`));
  if (index < 0 || pairs.findLastIndex((pair) => pair.startsWith(`${name}=`)) !== index)
    throw new Error(`no single ${name} in ${url}`);
  pairs[index] = `${name}=${encodeURIComponent(value)}`;
  return `${base}?${pairs.join("&")}`;
}

describe.each(QUERY_SCHEMES)("$label", ({ scheme }) => {
  /**
   * Two reported bugs (template/sign.test.ts, "sign/verify agreement outside the presets"): a query ending in `?`
   * gets the first appended parameter glued onto its last value, and (as-sent, signature the only query
   * credential) a query ending in `&` loses that `&` when the verifier removes the signature.
   */
  const knownBug = (s: Scenario): boolean => {
    const query = s.query ?? "";
    return (
      query.endsWith("?") || (scheme.query.form === "as-sent" && scheme.keyId?.in !== "query" && query.endsWith("&"))
    );
  };

  it("(a) a signed request verifies; the credentials travel in signed.url", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb(scheme), async (s) => {
        fc.pre(!knownBug(s));
        const { signed, sent } = await sign(scheme, s);
        expect(signed.url.startsWith(urlOf(s.origin, s.path, s.query))).toBe(true);
        const inHeaders = [scheme.keyId, scheme.timestamp?.carrier, scheme.nonce?.carrier].flatMap((carrier) =>
          carrier?.in === "header" ? [carrier.name] : [],
        );
        expect(Object.keys(signed.headers).sort()).toEqual(inHeaders.sort());
        expectOk(await verify(scheme, sent, s), scheme, s);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("(b) changing a query-carried value or the signature parameter fails", async () => {
    const field = fc.constantFrom(
      ...(["keyId", "timestamp", "nonce", "signature"] as const).filter((f) => carrierOf(scheme, f).in === "query"),
    );
    await fc.assert(
      fc.asyncProperty(scenarioArb(scheme), field, keyIdArb(scheme), nonceArb(scheme), async (s, f, keyId, nonce) => {
        fc.pre(!knownBug(s));
        const { signed, sent } = await sign(scheme, s);
        const name = (carrierOf(scheme, f) as { name: string }).name;
        let value: string;
        let expected: ReasonCode = "bad_signature";
        if (f === "keyId") value = keyId;
        else if (f === "nonce") value = nonce;
        else if (f === "signature") value = encodeDigest(new Uint8Array(32), scheme.signature.encoding);
        else {
          const rule = scheme.timestamp;
          if (!rule) throw new Error("unreachable");
          value = formatTimestamp(s.now + 1000, rule);
          const freshness = checkFreshness(parseTimestamp(value, rule) ?? 0, s.now + s.delayMs, rule);
          if (freshness !== "fresh") expected = `${freshness}_timestamp`;
        }
        const before =
          f === "signature" ? signed.signature : f === "keyId" ? s.keyId : f === "nonce" ? s.nonce : signed.timestamp;
        fc.pre(value !== before);
        expectReason(await verify(scheme, { ...sent, url: withQueryParam(sent.url, name, value) }, s), expected);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
