/**
 * Header access by case-insensitive name (RFC 9110 §5.1), with legacy aliases (nextcloud-drf: the DRF
 * verifier accepts both `X-Client-Id` and `X-NC-CLIENT-ID`). Values are trimmed and repeated fields
 * joined with ", ", which is what a Fetch `Headers` object does, so every runtime sees the same value.
 */
import type { RequestDescription } from "./types.js";

export type HeaderMap = Map<string, string>;

/**
 * The maps this module builds: already normalised, so the verifier's map passes through verifyRequest as
 * is. A subclass, not a WeakSet of them: a weak collection entry per request measurably slowed signing.
 */
class NormalisedHeaders extends Map<string, string> {}

export function headerMap(headers: RequestDescription["headers"] | HeaderMap): HeaderMap {
  if (headers instanceof NormalisedHeaders) return headers;
  const map: HeaderMap = new NormalisedHeaders();
  if (!headers) return map;
  const entries = Array.isArray(headers) || headers instanceof Map ? headers : Object.entries(headers);
  for (const [name, rawValue] of entries) {
    const key = name.toLowerCase();
    const value = rawValue.trim();
    const existing = map.get(key);
    map.set(key, existing === undefined ? value : `${existing}, ${value}`);
  }
  return map;
}

/**
 * node's `IncomingMessage.rawHeaders` (every header line as received, names and values alternating) as the
 * map headerMap builds, in one pass: an adapter that first joined the lines into a record, and had
 * headerMap copy that into a map, walked every header twice per request (the throughput bench's profile).
 */
export function headerMapOfLines(lines: readonly string[]): HeaderMap {
  const map: HeaderMap = new NormalisedHeaders();
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const key = (lines[i] as string).toLowerCase();
    const value = (lines[i + 1] as string).trim();
    const existing = map.get(key);
    map.set(key, existing === undefined ? value : `${existing}, ${value}`);
  }
  return map;
}

export type AliasedHeader = { status: "missing" } | { status: "found"; value: string } | { status: "conflict" };

/**
 * The value of a header or of one of its aliases. When several are present they must agree (Nextcloud
 * sends `X-NC-CLIENT-ID` and its alias `X-Client-Id` together); disagreeing copies are a conflict,
 * never a choice, so an attacker cannot pick which one the verifier reads.
 */
export function aliasedHeader(headers: HeaderMap, name: string, aliases: Record<string, string[]>): AliasedHeader {
  const names = lowerCaseNames(name, aliases);
  if (names.length === 1) {
    // No aliases, the common case: one lookup.
    const value = headers.get(names[0] as string);
    return value === undefined ? { status: "missing" } : { status: "found", value };
  }
  let value: string | undefined;
  for (const candidate of names) {
    const found = headers.get(candidate);
    if (found === undefined) continue;
    if (value !== undefined && found !== value) return { status: "conflict" };
    value = found;
  }
  return value === undefined ? { status: "missing" } : { status: "found", value };
}

/** A scheme's alias table is fixed: each name's lower-case list is built once, not on every request. */
const namesByAliases = new WeakMap<Record<string, string[]>, Map<string, readonly string[]>>();

function lowerCaseNames(name: string, aliases: Record<string, string[]>): readonly string[] {
  let byName = namesByAliases.get(aliases);
  if (!byName) {
    byName = new Map();
    namesByAliases.set(aliases, byName);
  }
  let names = byName.get(name);
  if (!names) {
    const key = name.toLowerCase();
    names = [key, ...(Object.hasOwn(aliases, key) ? (aliases[key] ?? []) : []).map((alias) => alias.toLowerCase())];
    byName.set(name, names);
  }
  return names;
}
