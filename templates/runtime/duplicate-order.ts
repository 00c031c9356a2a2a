/**
 * The order of repeated query parameters under a sorted canonical query. The signed line sorts pairs by
 * (encoded name, encoded value), so `?a=1&a=2` and `?a=2&a=1` sign alike, yet Express (`qs`), Fastify,
 * Hono and URLSearchParams hand the handler `["1", "2"]` and `["2", "1"]`. The order cannot be signed
 * without breaking the real servers: seed 004's TokenSigner and DRF verifier and AWS SigV4 (smithy's
 * signature-v4, aws4) all sort by value too. So there is one order a verifier accepts, the canonical one:
 * signers send repeated parameters in it, and a verifier refuses any other (reason `ambiguous_query`).
 * Different names keep their positions; only the values of one repeated name move among its own places.
 */

/**
 * The raw query with each repeated name's pairs moved into ascending order of encoded value, every pair
 * kept byte for byte. Returns `rawQuery` itself when nothing moves, so `!==` tells a reordered query.
 * `encode` is the canonical form of a name or value (the same one the signed line sorts by).
 */
export function canonicalDuplicateOrder(rawQuery: string, encode: (component: string) => string): string {
  if (!rawQuery.includes("&")) return rawQuery;
  const pairs = rawQuery.split("&");
  const values: string[] = [];
  const places = new Map<string, number[]>();
  let repeated = false;
  for (let index = 0; index < pairs.length; index++) {
    const pair = pairs[index] as string;
    const equals = pair.indexOf("=");
    const name = encode(equals >= 0 ? pair.slice(0, equals) : pair);
    values.push(encode(equals >= 0 ? pair.slice(equals + 1) : ""));
    // Empty segments (`a=1&&a=2`) are no parameter; they stay where they are.
    if (pair === "") continue;
    const seen = places.get(name);
    if (seen) {
      seen.push(index);
      repeated = true;
    } else places.set(name, [index]);
  }
  if (!repeated) return rawQuery;
  let moved = false;
  const out = pairs.slice();
  for (const indices of places.values()) {
    if (indices.length < 2) continue;
    // Array.prototype.sort is stable (ES2019), so equal values keep their order, as the signed line does.
    const sorted = indices.slice().sort((a, b) => compare(values[a] as string, values[b] as string));
    for (let k = 0; k < indices.length; k++) {
      if (sorted[k] !== indices[k]) moved = true;
      out[indices[k] as number] = pairs[sorted[k] as number] as string;
    }
  }
  return moved ? out.join("&") : rawQuery;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether a query holds a raw `+`, which every framework's query parser reads as a space (WHATWG
 * application/x-www-form-urlencoded, `qs`, `querystring`) while a canonical form with a literal plus signs
 * it as `%2B`: `?q=a+b` would verify with the signature of `?q=a%2Bb` and reach the handler as `a b`.
 */
export function hasRawPlus(rawQuery: string): boolean {
  return rawQuery.includes("+");
}

/**
 * A signer's fix for a raw `+`: `%20`, the space every framework would have read (aws4 rewrites the path
 * the same way). The verifier refuses the raw form rather than guess which the signer meant.
 */
export function plusAsSpace(rawQuery: string): string {
  return rawQuery.replace(/\+/g, "%20");
}
