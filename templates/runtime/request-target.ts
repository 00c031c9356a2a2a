/**
 * Splits a request URL into the raw path and raw query exactly as sent. Nothing is decoded here:
 * canonicalisation is a scheme decision (template/canonical-path.ts, canonical-query.ts), never an accident of
 * a URL parser (WHATWG URL re-encodes some characters, which would change what is signed).
 */
export interface RequestTarget {
  /** Raw path, `/` when empty. */
  path: string;
  /** Raw query without the leading `?`; empty when there is none. */
  query: string;
}

const ABSOLUTE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/;

export function splitRequestTarget(url: string): RequestTarget {
  let rest = url.replace(ABSOLUTE, "");
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.slice(0, hash);
  const question = rest.indexOf("?");
  const path = question >= 0 ? rest.slice(0, question) : rest;
  const query = question >= 0 ? rest.slice(question + 1) : "";
  return { path: path === "" ? "/" : path, query };
}

/** Appends `name=value` to a URL's query, percent-encoding both as RFC 3986 query components. */
export function appendQueryParam(url: string, name: string, value: string): string {
  const hash = url.indexOf("#");
  const base = hash >= 0 ? url.slice(0, hash) : url;
  const fragment = hash >= 0 ? url.slice(hash) : "";
  // The query starts at the first "?"; a later "?" is data. An existing query, even one ending in "&",
  // gets a "&", so removing this parameter again (removeQueryParam) restores the query byte for byte.
  const question = base.indexOf("?");
  const separator = question < 0 ? "?" : question === base.length - 1 ? "" : "&";
  return `${base}${separator}${queryComponent(name)}=${queryComponent(value)}${fragment}`;
}

/**
 * encodeURIComponent, plus `'`: the WHATWG URL parser percent-encodes `'` in the query of http(s) URLs
 * (the special-query percent-encode set), so a raw `'` would be signed but sent as `%27`.
 */
function queryComponent(text: string): string {
  return encodeURIComponent(text).replace(/'/g, "%27");
}

/**
 * Removes every `name=...` pair from a raw query, keeping the other bytes untouched. The verifier uses it
 * to take the signature parameter out before rebuilding the query the signer saw.
 */
export function removeQueryParam(query: string, name: string): { query: string; values: string[] } {
  const kept: string[] = [];
  const values: string[] = [];
  for (const pair of query === "" ? [] : query.split("&")) {
    const equals = pair.indexOf("=");
    const rawName = equals >= 0 ? pair.slice(0, equals) : pair;
    if (safeDecode(rawName) === name) values.push(safeDecode(equals >= 0 ? pair.slice(equals + 1) : ""));
    else kept.push(pair);
  }
  return { query: kept.join("&"), values };
}

/** Finds the values of a query parameter by its decoded name. */
export function queryParamValues(query: string, name: string): string[] {
  return removeQueryParam(query, name).values;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}
