/**
 * The CanonicalQueryString line (AWS IAM User Guide, "Create a canonical request"): each parameter name
 * and value URI-encoded (RFC 3986 unreserved characters bare, upper-case hex, space as `%20`), sorted by
 * name and then by value, `name=value` joined with `&`; a parameter without a value is `name=`.
 *
 * The input is the raw query as sent. Each name and value is percent-decoded to bytes first, so `%7E`
 * and `~`, or `%2f` and `%2F`, give the same line. A `+` is a literal plus (`%2B`), never a space: SigV4
 * follows RFC 3986, not HTML forms (aws4's querystring.parse reads `+` as a space, see README).
 */
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
