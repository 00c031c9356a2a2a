/**
 * The CanonicalQueryString line (AWS IAM User Guide, "Create a canonical request"): each parameter name
 * and value URI-encoded (RFC 3986 unreserved characters bare, upper-case hex, space as `%20`), sorted by
 * name and then by value, `name=value` joined with `&`; a parameter without a value is `name=`.
 *
 * The input is the raw query as sent. Each name and value is percent-decoded to bytes first, so `%7E`
 * and `~`, or `%2f` and `%2F`, give the same line. A `+` is a literal plus (`%2B`), never a space: SigV4
 * follows RFC 3986, not HTML forms (aws4's querystring.parse reads `+` as a space, see README).
 */
import { canonicalDuplicateOrder, hasRawPlus, plusAsSpace } from "../duplicate-order.js";
import { partsOf } from "../signable-target.js";
import { uriReencode } from "./uri-encode.js";

export function canonicalQuery(rawQuery: string, exclude?: string): string {
  const pairs: Array<[string, string]> = [];
  for (const part of rawQuery.split("&")) {
    // `a&&b` and a trailing `&` hold no parameter.
    if (part === "") continue;
    const equals = part.indexOf("=");
    const name = uriReencode(equals >= 0 ? part.slice(0, equals) : part);
    // The signature of a presigned URL is the one parameter it cannot cover.
    if (exclude !== undefined && name === exclude) continue;
    pairs.push([name, equals >= 0 ? uriReencode(part.slice(equals + 1)) : ""]);
  }
  // Encoded names and values are ASCII, so code-unit order is byte order, as AWS sorts.
  pairs.sort(([nameA, valueA], [nameB, valueB]) => compare(nameA, nameB) || compare(valueA, valueB));
  return pairs.map(([name, value]) => `${name}=${value}`).join("&");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether a framework could hand the handler another query than the one signed. A raw `+` has no one
 * SigV4 reading: smithy's signature-v4 signs the decoded value (`+` stays a plus, `%2B`), aws4 parses it
 * as a space (`%20`) and rewrites the path to match, and every framework's query parser reads a space; so
 * `?q=a+b` would verify with the signature of `?q=a%2Bb` and reach the handler as `a b`. Repeated names
 * sort by value (both SDKs), so their order is unsigned (duplicate-order.ts). Refused as `ambiguous_query`.
 */
export function ambiguousSigV4Query(rawQuery: string): boolean {
  return rawQuery !== "" && (hasRawPlus(rawQuery) || canonicalDuplicateOrder(rawQuery, uriReencode) !== rawQuery);
}

/** The URL an honest signer sends: a raw `+` as `%20` (as aws4 does), repeated names in sorted order. */
export function signableSigV4Url(url: string): string {
  const { base, path, query, fragment } = partsOf(url);
  if (query === undefined || query === "") return url;
  const signable = canonicalDuplicateOrder(plusAsSpace(query), uriReencode);
  return signable === query ? url : `${base}${path}?${signable}${fragment}`;
}
