/**
 * The `host` the signature covers. SigV4 always signs it (IAM User Guide: "host" is required in
 * SignedHeaders). A browser or fetch sets Host from the URL and forbids setting it by hand, so the signer
 * takes it from an absolute URL unless the caller gives a Host header; the verifier reads the Host header
 * as received, and only without one (a fetch Request in msw or a worker) the URL's authority.
 */
import { HEADER } from "./constants.js";

const ABSOLUTE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;

/** The header as given, else the URL's host (lower case, default port dropped, as fetch sends it). */
export function hostOf(url: string, grouped: Map<string, string[]>): string | undefined {
  const given = grouped.get(HEADER.host);
  if (given && given.length > 0) return given.join(",");
  if (!ABSOLUTE.test(url)) return undefined;
  try {
    const host = new URL(url).host;
    return host === "" ? undefined : host;
  } catch {
    return undefined;
  }
}
