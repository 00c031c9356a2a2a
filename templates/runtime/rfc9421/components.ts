/**
 * Component identifiers and their values (RFC 9421 §2): HTTP fields by lower-case name (§2.1) and the
 * derived components of a request (§2.2). Signer and verifier compute values from the same request
 * description, so they agree by construction; a component the request lacks is an error, never an
 * empty value (§2.5: "If the component is not present ... produce an error").
 */
import type { HeaderMap } from "../headers.js";
import { splitRequestTarget } from "../request-target.js";
import type { Rfc9421Component } from "../types.js";
import { type Item, type Parameters, parameter, serializeItem } from "./structured-fields.js";

/** Request-side derived components this runtime computes (§2.2; `@status` is for responses). */
export const DERIVED_COMPONENTS = [
  "@method",
  "@target-uri",
  "@authority",
  "@scheme",
  "@request-target",
  "@path",
  "@query",
  "@query-param",
] as const;

/** What component values are computed from: the request as sent or received. */
export interface ComponentSource {
  method: string;
  /** Path plus raw query as sent, or an absolute URL. */
  url: string;
  headers: HeaderMap;
}

/** §2.1 / §2.2: the identifier as it appears in the signature base, e.g. `"@query-param";name="id"`. */
export function serializeComponentId(component: Rfc9421Component): string {
  return serializeItem(componentItem(component));
}

/** The identifier as a structured-field Item: an sf-string name with its parameters. */
export function componentItem(component: Rfc9421Component): Item {
  const params: Parameters = component.params.map(([key, value]) => [
    key,
    value === true ? { type: "boolean", value: true } : { type: "string", value },
  ]);
  return { kind: "item", value: { type: "string", value: component.name }, params };
}

/**
 * A covered component from its parsed Signature-Input item. Only what this runtime can compute is
 * accepted: an sf-string name, `name` (a string) on `@query-param`, and no parameters on fields
 * (`sf`, `key`, `bs`, `req`, `tr` of §2.1 are not supported). Undefined otherwise.
 */
export function componentFromItem(item: Item): Rfc9421Component | undefined {
  if (item.value.type !== "string") return undefined;
  const name = item.value.value;
  if (name === "@query-param") {
    const value = parameter(item.params, "name");
    if (item.params.length !== 1 || value?.type !== "string") return undefined;
    return { name, params: [["name", value.value]] };
  }
  if (item.params.length > 0) return undefined;
  if (name.startsWith("@"))
    return (DERIVED_COMPONENTS as readonly string[]).includes(name) ? { name, params: [] } : undefined;
  // §2.1: field names are lower case in identifiers.
  return /^[!#$%&'*+\-.^_`|~0-9a-z]+$/.test(name) ? { name, params: [] } : undefined;
}

/** The component's value, or undefined when the request does not have it (an error for the caller). */
export function componentValue(component: Rfc9421Component, source: ComponentSource): string | undefined {
  const target = splitRequestTarget(source.url);
  switch (component.name) {
    case "@method":
      // §2.2.1: the method as sent; methods are case-sensitive (RFC 9110 §9.1), so it is not upper-cased.
      return source.method;
    case "@target-uri": {
      const origin = originOf(source);
      if (!origin.scheme || !origin.authority) return undefined;
      return `${origin.scheme}://${origin.authority}${target.path}${queryPart(source.url)}`;
    }
    case "@authority":
      return originOf(source).authority;
    case "@scheme":
      return originOf(source).scheme;
    case "@request-target":
      // §2.2.5: origin-form, as in the request line.
      return `${target.path}${queryPart(source.url)}`;
    case "@path":
      // §2.2.6: the absolute path as sent (not decoded); an empty path is "/".
      return target.path;
    case "@query":
      // §2.2.7: with the leading "?"; a request without a query has "?" alone.
      return `?${target.query}`;
    case "@query-param": {
      const name = component.params.find(([key]) => key === "name")?.[1];
      return typeof name === "string" ? queryParamValue(target.query, name) : undefined;
    }
    default:
      if (component.name.startsWith("@")) return undefined;
      return source.headers.get(component.name);
  }
}

/** The raw query with its "?", or nothing: `?` with an empty query stays, as it was sent. */
function queryPart(url: string): string {
  const withoutFragment = url.split("#", 1)[0] ?? "";
  const question = withoutFragment.indexOf("?");
  return question < 0 ? "" : withoutFragment.slice(question);
}

const ABSOLUTE = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)/;
const DEFAULT_PORTS: Record<string, string> = { http: "80", https: "443" };

/**
 * §2.2.2-2.2.4: scheme and authority from an absolute URL (what a client and a web Request see), else the
 * authority from the Host header (node:http, Express, Fastify see only the request-target; their scheme is
 * unknown, so `@scheme` and `@target-uri` cannot be verified there). The authority is normalised per
 * RFC 9110 §4.2.3: host lower-cased, a default port removed.
 */
function originOf(source: ComponentSource): { scheme: string | undefined; authority: string | undefined } {
  const absolute = ABSOLUTE.exec(source.url);
  if (absolute) {
    const scheme = (absolute[1] ?? "").toLowerCase();
    const authority = (absolute[2] ?? "").replace(/^.*@/, "");
    return { scheme, authority: normaliseAuthority(authority, scheme) };
  }
  const host = source.headers.get("host");
  return {
    scheme: undefined,
    authority: host === undefined || host === "" ? undefined : normaliseAuthority(host, undefined),
  };
}

function normaliseAuthority(authority: string, scheme: string | undefined): string {
  const lower = authority.toLowerCase();
  const defaultPort = scheme === undefined ? undefined : DEFAULT_PORTS[scheme];
  return defaultPort !== undefined && lower.endsWith(`:${defaultPort}`)
    ? lower.slice(0, -defaultPort.length - 1)
    : lower;
}

/**
 * §2.2.8: the query parsed as application/x-www-form-urlencoded (WHATWG URL §5.1), each name and value
 * re-encoded with the form percent-encode set, spaces as %20; `name` is compared in that encoded form.
 * A parameter that occurs more than once MUST NOT be signed by name, so it has no value here.
 */
export function queryParamValue(query: string, encodedName: string): string | undefined {
  let found: string | undefined;
  let count = 0;
  for (const sequence of query.split("&")) {
    if (sequence === "") continue;
    const equals = sequence.indexOf("=");
    const rawName = equals >= 0 ? sequence.slice(0, equals) : sequence;
    const rawValue = equals >= 0 ? sequence.slice(equals + 1) : "";
    if (formEncode(formDecode(rawName)) !== encodedName) continue;
    count++;
    found = formEncode(formDecode(rawValue));
  }
  return count === 1 ? found : undefined;
}

const utf8Decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** WHATWG URL percent-decode after replacing "+" with a space; a "%" not followed by two hex digits stays. */
export function formDecode(text: string): string {
  const bytes = utf8Encoder.encode(text.replace(/\+/g, " "));
  const out = new Uint8Array(bytes.length);
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if (byte === 0x25 && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
      out[length++] = Number.parseInt(String.fromCharCode(bytes[i + 1] ?? 0, bytes[i + 2] ?? 0), 16);
      i += 2;
    } else {
      out[length++] = byte;
    }
  }
  return utf8Decoder.decode(out.subarray(0, length));
}

function isHex(byte: number | undefined): boolean {
  return (
    byte !== undefined &&
    ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66))
  );
}

/** Percent-encode after UTF-8 with the application/x-www-form-urlencoded set, spaces as %20 (§2.2.8). */
export function formEncode(text: string): string {
  let out = "";
  for (const byte of utf8Encoder.encode(text)) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9*\-._]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
