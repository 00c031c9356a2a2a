/**
 * Random signed APIs for the signed-mutation property (issue 16): an x-hmac scheme (a preset of
 * src/scheme/profiles/template/presets.ts with optional overrides, or profile rfc9421 / aws-sigv4), a few operations with
 * random path templates (literal, param, mixed and greedy segments), and a request to one of them with
 * random params, query, a tenant header and a body, signed by the core the generated client copies.
 */
import fc from "fast-check";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../../src/emit/test-credentials.js";
import type { XHmacInput } from "../../../src/scheme/input.js";
import { PRESET_NAMES, PRESETS, type PresetName } from "../../../src/scheme/profiles/template/presets.js";
import { resolveScheme } from "../../../src/scheme/resolve.js";
import { signRequest } from "../../../templates/runtime/sign.js";
import type { SigningScheme } from "../../../templates/runtime/types.js";
import type { RawRequest } from "./raw-http.js";

/** A header every request carries; covered only where the scheme's string to sign names it. */
export const TENANT_HEADER = "x-tenant";
export const SIGV4_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

export interface SchemeChoice {
  label: string;
  input: XHmacInput;
  /** The OpenAPI apiKey's header name the x-hmac sits on. */
  parameterName: string;
}

export interface Api {
  scheme: SchemeChoice;
  /** `METHOD /template`, unique. */
  operations: string[];
}

export interface SignedCase {
  scheme: SigningScheme;
  /** The request exactly as signed and sent. */
  request: RawRequest & { body: Buffer };
  /** Header names (lower case) the signature covers, besides the ones the signer added. */
  coveredHeaders: string[];
  /** Names (lower case) of the headers the signer added: credentials, digests, dates. */
  signerHeaders: string[];
}

const SIGNATURE_HEADER: Record<PresetName, string> = {
  "nextcloud-drf": "X-Signature",
  "nextcloud-drf-base64": "X-Signature",
  "django-hmac-authentication": "Authorization",
  "django-api-key": "X-Signature",
  "django-api-signing": "Signature",
};

function presetChoice(preset: PresetName, pathForm: string | undefined, extra: readonly string[]): SchemeChoice {
  const components = [...(PRESETS[preset].stringToSign?.components ?? [])];
  const added = extra.filter((component) => !components.includes(component));
  const input: XHmacInput = { preset };
  if (pathForm && components.includes("path")) input.path = { form: pathForm as "as-sent" | "decoded" | "reencoded" };
  if (added.length > 0) input.stringToSign = { components: [...components, ...added] };
  const label = [preset, input.path?.form, ...added].filter(Boolean).join("+");
  return { label, input, parameterName: SIGNATURE_HEADER[preset] };
}

export const schemeChoiceArb: fc.Arbitrary<SchemeChoice> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record({
        preset: fc.constantFrom(...PRESET_NAMES),
        pathForm: fc.option(fc.constantFrom("as-sent", "decoded", "reencoded"), { nil: undefined }),
        extra: fc.subarray([`header:${TENANT_HEADER}`, "query"]),
      })
      .map(({ preset, pathForm, extra }) => presetChoice(preset, pathForm, extra)),
  },
  { weight: 1, arbitrary: fc.constant<SchemeChoice>({ label: "rfc9421", input: { profile: "rfc9421" }, parameterName: "Signature" }) },
  {
    weight: 1,
    arbitrary: fc.constant<SchemeChoice>({
      label: "aws-sigv4",
      input: { profile: "aws-sigv4", awsSigV4: { region: "us-east-1", service: "execute-api" } },
      parameterName: "Authorization",
    }),
  },
);

export function resolveChoice(choice: SchemeChoice): SigningScheme {
  const result = resolveScheme(choice.input, {
    name: "signed",
    pointer: "#",
    type: "apiKey",
    in: "header",
    parameterName: choice.parameterName,
  });
  if (!result.scheme) throw new Error(`${choice.label}: ${JSON.stringify(result.issues)}`);
  return result.scheme;
}

export function secretOf(scheme: SigningScheme): string {
  return scheme.profile === "aws-sigv4" ? SIGV4_SECRET : TEST_SECRETS[scheme.secretEncoding];
}

// A few literals, so operations share prefixes and one template's literal can be another's param value.
const LITERALS = ["v1", "users", "files", "a-b", "x.y", "me~", "ping", "Users"];

/** Params are named by segment position, so two templates of one shape register one framework route. */
const segmentArb = (i: number, last: boolean): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...LITERALS) },
    { weight: 3, arbitrary: fc.constant(`{p${i}}`) },
    { weight: 1, arbitrary: fc.constantFrom(`{p${i}}.json`, `{p${i}}-{q${i}}`, `{p${i}}.{q${i}}`) },
    ...(last ? [{ weight: 1, arbitrary: fc.constant(`{rest${i}+}`) }] : []),
  );

const templateArb: fc.Arbitrary<string> = fc
  .integer({ min: 1, max: 4 })
  .chain((length) => fc.tuple(fc.tuple(...Array.from({ length }, (_, i) => segmentArb(i, i === length - 1))), fc.boolean()))
  .map(([segments, slash]) => `/${segments.join("/")}${slash && !segments.at(-1)?.endsWith("+}") ? "/" : ""}`);

const operationArb = fc
  .tuple(fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"), templateArb)
  .map(([method, template]) => `${method} ${template}`);

export const apiArb: fc.Arbitrary<Api> = fc.record({
  scheme: schemeChoiceArb,
  operations: fc.uniqueArray(operationArb, { minLength: 1, maxLength: 3 }),
});

/** Characters of param and query values: unreserved, reserved, `%`, space, non-ASCII; `/` often, for `%2F`. */
const VALUE_CHARS = [..."abcXYZ019-._~", " ", "%", "/", "/", "/", "+", "&", "=", "?", "#", ";", ",", "é", "☃", "'"];
const valueArb = (minLength: number) => fc.array(fc.constantFrom(...VALUE_CHARS), { minLength, maxLength: 6 }).map((c) => c.join(""));

/** RFC 3986 strict: everything but unreserved escaped, so the target is one any URL parser keeps as is. */
export function strictEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface RequestPlan {
  operation: number;
  /** One value per param, used in order. */
  values: string[];
  query: Array<[string, string]>;
  tenant: string;
  body: Record<string, string | number>;
}

export const requestPlanArb: fc.Arbitrary<RequestPlan> = fc.record({
  operation: fc.nat(),
  values: fc.array(valueArb(1), { minLength: 8, maxLength: 8 }),
  query: fc.array(fc.tuple(fc.constantFrom("a", "b", "id", "Q"), valueArb(0)), { maxLength: 3 }),
  tenant: fc.stringMatching(/^[a-z0-9-]{1,12}$/),
  body: fc.dictionary(fc.constantFrom("name", "n", "scope", "é"), fc.oneof(valueArb(0), fc.integer({ min: -5, max: 500 })), {
    maxKeys: 3,
  }),
});

/** The target for an operation's template: each param from the plan, escaped; a greedy one may span segments. */
export function fillTemplate(template: string, values: readonly string[]): string {
  let next = 0;
  // A segment `.` or `..` is a dot segment every URL parser removes (RFC 3986 §5.2.4): no client can send
  // it as a value, escaped or not, so such values are spelled out.
  const segment = (text: string) => (text === "." || text === ".." ? "dot" : strictEncode(text));
  return template.replace(/\{([^{}]+?)(\+?)\}/g, (_, _name: string, greedy: string) => {
    const value = values[next++ % values.length] ?? "v";
    return greedy ? value.split("/").map(segment).join("/") : segment(value);
  });
}

let nonceCounter = 0;

export async function signPlan(api: Api, plan: RequestPlan): Promise<SignedCase> {
  const scheme = resolveChoice(api.scheme);
  const operation = api.operations[plan.operation % api.operations.length] ?? "GET /";
  const [method = "GET", template = "/"] = operation.split(" ");
  const path = fillTemplate(template, plan.values);
  const query = plan.query.map(([name, value]) => `${strictEncode(name)}=${strictEncode(value)}`).join("&");
  const target = query ? `${path}?${query}` : path;
  const hasBody = method !== "GET" && method !== "DELETE";
  const body = Buffer.from(hasBody ? JSON.stringify(plan.body) : "", "utf8");
  const headers: Record<string, string> = { [TENANT_HEADER]: plan.tenant, ...(hasBody ? { "content-type": "application/json" } : {}) };
  // The profiles sign the authority: the raw sender's Host is 127.0.0.1.
  const url = scheme.profile === undefined ? target : `http://127.0.0.1${target}`;
  nonceCounter += 1;
  const signed = await signRequest(
    scheme,
    { method, url, headers, body },
    { keyId: scheme.profile === "aws-sigv4" ? "AKIDEXAMPLE" : TEST_KEY_ID, secret: secretOf(scheme) },
    {
      now: () => TEST_NOW_MS,
      // Unique per request, so no mutation is refused as a replay instead of on its merits.
      nonce: () => `${process.pid.toString(16)}${nonceCounter.toString(16)}`.padStart(32, "0").slice(-32),
    },
  );
  const sentUrl = new URL(signed.url, "http://127.0.0.1");
  const sent: Array<[string, string]> = [...Object.entries(headers), ...Object.entries(signed.headers)];
  if (hasBody) sent.push(["content-length", String(body.length)]);
  return {
    scheme,
    request: { method, target: `${sentUrl.pathname}${sentUrl.search}`, headers: sent, body },
    coveredHeaders: coveredRequestHeaders(scheme),
    signerHeaders: Object.keys(signed.headers).map((name) => name.toLowerCase()),
  };
}

function coveredRequestHeaders(scheme: SigningScheme): string[] {
  if (scheme.profile === "rfc9421") return scheme.components.filter((c) => !c.name.startsWith("@")).map((c) => c.name);
  if (scheme.profile === "aws-sigv4") return scheme.signedHeaders;
  const named = scheme.stringToSign.components.filter((c) => c.startsWith("header:")).map((c) => c.slice(7).toLowerCase());
  return [...named, ...(scheme.stringToSign.components.includes("signedHeaders") ? scheme.signedHeaders : [])];
}

/** Which parts of a request the scheme's signature covers: the mutations aim only at these. */
export interface Coverage {
  method: boolean;
  path: boolean;
  query: boolean;
  body: boolean;
}

export function coverageOf(scheme: SigningScheme): Coverage {
  if (scheme.profile === "aws-sigv4") return { method: true, path: true, query: true, body: scheme.payload === "signed" };
  if (scheme.profile === "rfc9421") {
    const names = new Set(scheme.components.map((c) => c.name));
    return {
      method: names.has("@method"),
      path: names.has("@path") || names.has("@target-uri"),
      query: names.has("@query") || names.has("@target-uri"),
      body: names.has("content-digest"),
    };
  }
  const components = scheme.stringToSign.components;
  return {
    method: components.includes("method"),
    path: components.includes("path"),
    query: components.includes("query"),
    body: components.includes("body") || components.includes("bodyHash"),
  };
}
