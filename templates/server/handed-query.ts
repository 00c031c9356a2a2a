/**
 * The query a handler is handed. A scheme that canonicalises the query signs a set, not a sequence: under
 * a sorted query (the nextcloud-drf preset, AWS SigV4) `?a=1&a=0` and `?a=0&a=1` carry one signature, yet
 * every framework hands the handler `a` as ["1","0"] or ["0","1"]. Under SigV4 a raw `+` is a literal plus
 * (RFC 3986) to the signature and a space to every framework's parser; a dropped blank (`a=` under
 * `blanks: drop`) is not signed at all. Refusing those forms would refuse requests the real servers of these
 * contracts accept, so the handler gets the query as the signature fixes it instead: the canonical query
 * itself, whenever the one sent is not that string byte for byte. Comparing bytes rather than parsed
 * values is what makes it hold for every parser: fast-querystring keeps `%FF` and `%ff` apart where
 * URLSearchParams reads both as U+FFFD, node's querystring stops after 1,000 pairs, qs nests brackets.
 * Every spelling of one signature reaches the handler as one string.
 */
import { canonicalQuery, type SigningScheme } from "../runtime/index.js";
import { sigV4CanonicalQuery } from "../runtime/profiles.js";

/** The canonical query to hand on, or undefined when it is the query as sent (or the query is not canonicalised). */
export function handedQuery(scheme: SigningScheme, rawQuery: string): string | undefined {
  if (rawQuery === "") return undefined;
  let canonical: string;
  if (scheme.profile === "aws-sigv4") canonical = sigV4CanonicalQuery(rawQuery);
  else if (
    scheme.profile === undefined &&
    scheme.query.form === "canonical" &&
    scheme.stringToSign.components.includes("query")
  )
    canonical = canonicalQuery(rawQuery, scheme.query);
  else return undefined;
  return canonical === rawQuery ? undefined : canonical;
}

/** Replaces the query of a request-target (origin or absolute form), keeping its path as sent. */
export function withQuery(url: string, query: string): string {
  const question = url.indexOf("?");
  const path = question >= 0 ? url.slice(0, question) : url;
  return query === "" ? path : `${path}?${query}`;
}
