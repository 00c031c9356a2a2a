/**
 * Under a scheme that signs the decoded path (Django's `request.path`, the django and nextcloud-drf
 * presets), `/docs/a%2Fb` and `/docs/a/b` carry one signature, yet every framework splits segments on the
 * raw `/` first and decodes after: the first is `/docs/{id}` with id `a/b`, the second `/docs/{a}/{b}`.
 * Django routes on the decoded path, so the route a signature stands for is the one its decoded path
 * names. A request is ambiguous when the route the framework takes differs from that one, or, when the
 * decoded path names no route, when any other spelling of its slashes reaches a different route. Dot
 * segments are refused outright: URL parsers resolve `..` and `%2e%2e` (WHATWG URL §4.4) where the
 * signature covers them as text.
 */
import type { SigningScheme } from "../runtime/index.js";
import type { RouteMatch } from "./route-matcher.js";

const ESCAPED_SLASH = /%2f/gi;
const MALFORMED_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
/** Beyond this many slashes the spellings (2^n) are not tried: such a request is refused, not served. */
const MAX_SPELLED_SLASHES = 8;

type Route = (method: string, url: string) => RouteMatch | undefined;

/**
 * Whether the signature of `scheme` cannot tell this request's route from another's. A path signed as
 * sent is its own spelling. Every decoding form reads a malformed escape (`%a`) as text, so it signs like
 * `%25a` while routers pass it on raw or answer 400: refused. A re-encoded path (RFC 3986 §6.2.2) keeps
 * `%2F` but decodes `%2E`; SigV4 outside S3 removes dot and empty segments before signing (AWS IAM User
 * Guide, canonical URI), which Express, Fastify and Hono route as they came.
 */
export function pathIsAmbiguous(scheme: SigningScheme, route: Route, method: string, path: string, query: string): boolean {
  if (scheme.profile === "aws-sigv4")
    return MALFORMED_ESCAPE.test(path) || (scheme.normalizePath && (hasDotSegment(path) || path.includes("//")));
  if (scheme.profile !== undefined || scheme.path.form === "as-sent" || !scheme.stringToSign.components.includes("path")) return false;
  if (MALFORMED_ESCAPE.test(path)) return true;
  return scheme.path.form === "decoded" ? ambiguousDecodedPath(route, method, path, query) : hasDotSegment(path);
}

export function ambiguousDecodedPath(route: Route, method: string, path: string, query: string): boolean {
  if (hasDotSegment(path)) return true;
  if (!/%2f/i.test(path)) return false;
  const suffix = query === "" ? "" : `?${query}`;
  const taken = route(method, `${path}${suffix}`);
  const split = path.replace(ESCAPED_SLASH, "/");
  const named = route(method, `${split}${suffix}`);
  if (named) return !sameRoute(taken, named);
  // No route for the decoded path: the signature is safe only if every spelling that routes agrees.
  const slashes: number[] = [];
  for (let i = 1; i < split.length; i++) if (split[i] === "/") slashes.push(i);
  if (slashes.length > MAX_SPELLED_SLASHES) return true;
  for (let mask = 0; mask < 1 << slashes.length; mask++) {
    let spelled = "";
    let from = 0;
    slashes.forEach((at, bit) => {
      spelled += split.slice(from, at) + (mask & (1 << bit) ? "%2F" : "/");
      from = at + 1;
    });
    spelled += split.slice(from);
    const other = route(method, `${spelled}${suffix}`);
    if (other && !sameRoute(taken, other)) return true;
  }
  return false;
}

function sameRoute(a: RouteMatch | undefined, b: RouteMatch): boolean {
  if (!a || a.key !== b.key) return false;
  const names = Object.keys(b.params);
  return names.length === Object.keys(a.params).length && names.every((name) => a.params[name] === b.params[name]);
}

/** A `.` or `..` segment, raw or escaped (`%2e`), as a URL parser would resolve it. */
function hasDotSegment(path: string): boolean {
  for (const segment of path.split(/\/|%2f/i)) {
    const text = segment.replace(/%2e/gi, ".");
    if (text === "." || text === "..") return true;
  }
  return false;
}
