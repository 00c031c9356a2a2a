/**
 * The values a captured request carries: key id, timestamp, nonce, algorithm and the received
 * signature, read from where the scheme says they travel (header, alias, query or inside the
 * signature template). Flags given on the command line win. This reads; it never signs.
 */

import { aliasedHeader, headerMap } from "../../templates/runtime/headers.js";
import { queryParamValues, removeQueryParam, splitRequestTarget } from "../../templates/runtime/request-target.js";
import { algorithmFromLabel, parseTemplate, type TemplateValues } from "../../templates/runtime/template/header-template.js";
import type { Carrier, HashAlgorithm, HmacScheme, RequestDescription } from "../../templates/runtime/types.js";

export interface GivenValues {
  keyId?: string | undefined;
  timestamp?: string | undefined;
  nonce?: string | undefined;
  /** The received signature: the bare signature or the whole carrier text (e.g. seed 003's header). */
  receivedSignature?: string | undefined;
}

export interface RequestValues {
  keyId: string | undefined;
  timestamp: string | undefined;
  nonce: string | undefined;
  algorithm: HashAlgorithm;
  /** The received signature itself, taken out of its template when it had one. */
  received: string | undefined;
  /** The URL the signer saw: the carried parameters (signature, key id, timestamp, nonce) taken out. */
  unsignedUrl: string;
  /** Where each value came from, for the explanation. */
  sources: Record<"keyId" | "timestamp" | "nonce" | "received", string>;
  /** Every value a header and its legacy aliases disagree on (seed 004's X-NC-* names). */
  aliasValues: Record<"keyId" | "timestamp" | "nonce", string[]>;
}

export function readRequestValues(scheme: HmacScheme, request: RequestDescription, given: GivenValues): RequestValues {
  const headers = headerMap(request.headers);
  const target = splitRequestTarget(request.url);
  const carrierText = given.receivedSignature ?? carriedSignature(scheme, request);
  const templated: TemplateValues = (carrierText !== undefined ? parseTemplate(scheme.signature.template, carrierText) : undefined) ?? {};

  const sources: RequestValues["sources"] = { keyId: "none", timestamp: "none", nonce: "none", received: "none" };
  const aliasValues: RequestValues["aliasValues"] = { keyId: [], timestamp: [], nonce: [] };
  const read = (field: "keyId" | "timestamp" | "nonce", carrier: Carrier | null, flag: string | undefined): string | undefined => {
    if (flag !== undefined) {
      sources[field] = "command line";
      return flag;
    }
    if (!carrier) return undefined;
    if (carrier.in === "signature") {
      if (templated[field] !== undefined) sources[field] = "signature template";
      return templated[field];
    }
    if (carrier.in === "query") {
      const value = queryParamValues(target.query, carrier.name)[0];
      if (value !== undefined) sources[field] = `query ${carrier.name}`;
      return value;
    }
    const names = [carrier.name, ...(scheme.aliases[carrier.name.toLowerCase()] ?? [])];
    const found = names.flatMap((name) => {
      const value = headers.get(name.toLowerCase());
      return value === undefined ? [] : [{ name, value }];
    });
    aliasValues[field] = [...new Set(found.map((entry) => entry.value))];
    const first = found[0];
    if (first) sources[field] = `header ${first.name}`;
    return first?.value;
  };

  const keyId = read("keyId", scheme.keyId, given.keyId);
  const timestamp = read("timestamp", scheme.timestamp?.carrier ?? null, given.timestamp);
  const nonce = read("nonce", scheme.nonce?.carrier ?? null, given.nonce);
  const label = templated.algorithm;
  const algorithm = (label !== undefined ? algorithmFromLabel(label) : undefined) ?? scheme.algorithm;
  let received = templated.signature ?? carrierText;
  if (carrierText !== undefined) {
    sources.received = given.receivedSignature !== undefined ? "--received-signature" : signatureSource(scheme, headers);
  }
  if (received === "") received = undefined;
  return { keyId, timestamp, nonce, algorithm, received, unsignedUrl: unsignedUrl(scheme, request.url), sources, aliasValues };
}

/** Which header (or alias) or query parameter the signature was read from. */
function signatureSource(scheme: HmacScheme, headers: Map<string, string>): string {
  const carrier = scheme.signature.carrier;
  if (carrier.in === "query") return `query ${carrier.name}`;
  const names = [carrier.name, ...(scheme.aliases[carrier.name.toLowerCase()] ?? [])];
  return `header ${names.find((name) => headers.has(name.toLowerCase())) ?? carrier.name}`;
}

function carriedSignature(scheme: HmacScheme, request: RequestDescription): string | undefined {
  const carrier = scheme.signature.carrier;
  if (carrier.in === "query") return queryParamValues(splitRequestTarget(request.url).query, carrier.name)[0];
  const found = aliasedHeader(headerMap(request.headers), carrier.name, scheme.aliases);
  return found.status === "found" ? found.value : undefined;
}

/**
 * The signer appends the parameters the scheme carries in the query (sign.ts); a captured URL already
 * holds them, so they come out before re-signing, or they would be counted twice.
 */
function unsignedUrl(scheme: HmacScheme, url: string): string {
  const names = [scheme.signature.carrier, scheme.keyId, scheme.timestamp?.carrier, scheme.nonce?.carrier].flatMap((carrier) =>
    carrier && carrier.in === "query" ? [carrier.name] : [],
  );
  if (names.length === 0) return url;
  const question = url.indexOf("?");
  if (question < 0) return url;
  let query = url.slice(question + 1);
  for (const name of names) query = removeQueryParam(query, name).query;
  return query === "" ? url.slice(0, question) : `${url.slice(0, question)}?${query}`;
}
