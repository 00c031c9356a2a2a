/**
 * The signer's side of the verifier's `ambiguous_path` and `ambiguous_query` refusals: a request a
 * verifier would refuse is either sent in the one form it accepts (query) or refused here with a clear
 * error (path), never signed into a request that fails on arrival.
 */
import { ambiguousPathEscape } from "./canonical-path.js";
import { signableQuery } from "./canonical-query.js";
import { SigningError } from "./signing-error.js";
import type { HmacScheme } from "./types.js";

export function signableUrl(scheme: HmacScheme, url: string): string {
  const components = scheme.stringToSign.components;
  const { path, query, fragment, base } = partsOf(url);
  if (components.includes("path") && ambiguousPathEscape(path, scheme.path.form)) {
    throw new SigningError(
      `scheme "${scheme.name}" signs the ${scheme.path.form} path, where ${JSON.stringify(path)} cannot be told apart from another path: a path value may not hold an encoded "/" or "\\", control characters or bytes that are not UTF-8, nor be "." or ".."`,
    );
  }
  if (!components.includes("query") || query === undefined) return url;
  const signable = signableQuery(query, scheme.query);
  return signable === query ? url : `${base}${path}?${signable}${fragment}`;
}

/** Splits a URL (absolute or origin-form) at its first "?" and "#", keeping every byte. */
export function partsOf(url: string): { base: string; path: string; query: string | undefined; fragment: string } {
  const hash = url.indexOf("#");
  const fragment = hash >= 0 ? url.slice(hash) : "";
  const beforeHash = hash >= 0 ? url.slice(0, hash) : url;
  const question = beforeHash.indexOf("?");
  const target = question >= 0 ? beforeHash.slice(0, question) : beforeHash;
  const authority = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(target)?.[0] ?? "";
  return {
    base: authority,
    path: target.slice(authority.length),
    query: question >= 0 ? beforeHash.slice(question + 1) : undefined,
    fragment,
  };
}
