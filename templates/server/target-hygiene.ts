/**
 * Request-target checks every adapter gets from the verifier core, so no framework's parser decides
 * alone what a target means. RFC 9112 §3.2: a request-target has no fragment (Fastify's router cuts the
 * query at `#`, others keep it in the path); `\` is no path character (WHATWG URL and some routers read it
 * as `/`, the signature does not); an absolute-form target (§3.2.2) names an authority that must be the
 * Host the app reads, or an RFC 9421 `@authority` signature for one tenant passes for another.
 */
import type { ReasonCode } from "../runtime/index.js";

const ABSOLUTE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;

/** A reason to refuse the target before any routing, or undefined when it is clean. */
export function targetProblem(url: string, host: string | undefined): ReasonCode | undefined {
  if (url.includes("#") || url.includes("\\")) return "malformed_target";
  const absolute = ABSOLUTE.test(url);
  // A web Request always carries an absolute URL built from Host (no Host header is sent then): only a
  // Host that is present can disagree.
  if (absolute && host !== undefined && !sameAuthority(url, host)) return "malformed_target";
  return undefined;
}

/**
 * A `Content-Encoding` other than identity: the framework or a proxy may inflate it after verification, so
 * the handler would act on bytes no signature covered. Schemes sign the bytes as sent, so it is refused.
 */
export function encodedBody(contentEncoding: string | undefined): boolean {
  if (contentEncoding === undefined) return false;
  return contentEncoding.split(",").some((coding) => {
    const name = coding.trim().toLowerCase();
    return name !== "" && name !== "identity";
  });
}

/** Compared as WHATWG URL hosts: case, a default port and IDNA spellings do not make two authorities. */
function sameAuthority(url: string, host: string): boolean {
  try {
    return new URL(url).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}
