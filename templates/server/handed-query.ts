/**
 * The query a handler is handed. A scheme that canonicalises the query signs a set, not a sequence: under
 * a sorted query (the nextcloud-drf preset, AWS SigV4) `?a=1&a=0` and `?a=0&a=1` carry one signature, yet
 * every framework hands the handler `a` as ["1","0"] or ["0","1"]. Under SigV4 a raw `+` is a literal plus
 * (RFC 3986) to the signature and a space to every framework's parser; a dropped blank (`a=` under
 * `blanks: drop`) is not signed at all. Refusing those forms would refuse requests the real servers of these
 * contracts accept, so the handler gets the query as the signature fixes it instead: the canonical query
 * itself, whenever the framework would read the one sent differently. A query the framework reads the
 * same way is left exactly as sent.
 */
import { canonicalQuery, type SigningScheme } from "../runtime/index.js";
import { sigV4CanonicalQuery } from "../runtime/profiles.js";

/** The canonical query to hand on, or undefined when the query as sent reads the same (or is not canonicalised). */
export function handedQuery(scheme: SigningScheme, rawQuery: string): string | undefined {
  if (rawQuery === "") return undefined;
  let canonical: string;
  if (scheme.profile === "aws-sigv4") canonical = sigV4CanonicalQuery(rawQuery);
  else if (scheme.profile === undefined && scheme.query.form === "canonical" && scheme.stringToSign.components.includes("query"))
    canonical = canonicalQuery(rawQuery, scheme.query);
  else return undefined;
  return sameReading(rawQuery, canonical) ? undefined : canonical;
}

/** Replaces the query of a request-target (origin or absolute form), keeping its path as sent. */
export function withQuery(url: string, query: string): string {
  const question = url.indexOf("?");
  const path = question >= 0 ? url.slice(0, question) : url;
  return query === "" ? path : `${path}?${query}`;
}

/**
 * Whether a framework reads both queries as the same parameters: URLSearchParams decodes as node's
 * querystring, qs and fast-querystring do (`+` a space, escapes decoded), and a handler sees each name's
 * values in order, whatever the order of different names.
 */
function sameReading(a: string, b: string): boolean {
  const left = readQuery(a);
  const right = readQuery(b);
  if (left.size !== right.size) return false;
  for (const [name, values] of left) {
    const other = right.get(name);
    if (!other || other.length !== values.length || other.some((value, i) => value !== values[i])) return false;
  }
  return true;
}

function readQuery(query: string): Map<string, string[]> {
  const read = new Map<string, string[]>();
  // forEach, not for-of: URLSearchParams' iterator needs the DOM.Iterable lib, which generated code does not assume.
  new URLSearchParams(query).forEach((value, name) => {
    const values = read.get(name);
    if (values) values.push(value);
    else read.set(name, [value]);
  });
  return read;
}
