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
/** An escape of an RFC 3986 unreserved character: equivalent to the character itself (§6.2.2.2). */
const UNRESERVED_ESCAPE = /%(4[1-9A-Fa-f]|5[0-9Aa]|6[1-9A-Fa-f]|7[0-9Aa]|3[0-9]|2[Dd]|2[Ee]|5[Ff]|7[Ee])/g;
const MALFORMED_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
/** Beyond this many slashes the spellings (2^n) are not tried: such a request is refused, not served. */
const MAX_SPELLED_SLASHES = 8;
/** Route lookups one request may cost (spellings x routes): a large spec refuses sooner than a small one. */
const MAX_ROUTE_WORK = 50_000;

type Route = (method: string, url: string) => RouteMatch | undefined;

/**
 * Whether the signature of `scheme` cannot tell this request's route from another's. A path signed as
 * sent is its own spelling. Every decoding form reads a malformed escape (`%a`) as text, so it signs like
 * `%25a` while routers pass it on raw or answer 400: refused. A re-encoded path (RFC 3986 §6.2.2) keeps
 * `%2F` but decodes `%2E`; SigV4 outside S3 removes dot and empty segments before signing (AWS IAM User
 * Guide, canonical URI), which Express, Fastify and Hono route as they came.
 */
export function pathIsAmbiguous(
  scheme: SigningScheme,
  route: Route,
  method: string,
  path: string,
  query: string,
  routeCount = 0,
): boolean {
  if (scheme.profile === "aws-sigv4")
    return MALFORMED_ESCAPE.test(path) || (scheme.normalizePath && (hasDotSegment(path) || path.includes("//")));
  if (
    scheme.profile !== undefined ||
    scheme.path.form === "as-sent" ||
    !scheme.stringToSign.components.includes("path")
  )
    return false;
  if (MALFORMED_ESCAPE.test(path)) return true;
  return scheme.path.form === "decoded"
    ? ambiguousDecodedPath(route, method, path, query, routeCount)
    : hasDotSegment(path);
}

/**
 * Whether an escaped unreserved character (`%6D` for `m`) moves the request to another operation:
 * Fastify and Hono decode it before routing (`/users/%6De` is `/users/me` to them), Express and a WHATWG
 * URL do not (`/users/{id}` with id `me`). Whatever the scheme, the verifier cannot know which handler
 * runs, so it refuses rather than verify one operation's security for another's handler.
 */
export function unreservedEscapeMovesRoute(route: Route, method: string, path: string, query: string): boolean {
  // replace() with a global pattern starts at 0 and leaves no state behind, unlike test() with one.
  const decoded = path.replace(UNRESERVED_ESCAPE, (escaped) =>
    String.fromCharCode(Number.parseInt(escaped.slice(1), 16)),
  );
  if (decoded === path) return false;
  const suffix = query === "" ? "" : `?${query}`;
  return route(method, `${path}${suffix}`)?.key !== route(method, `${decoded}${suffix}`)?.key;
}

export function ambiguousDecodedPath(
  route: Route,
  method: string,
  path: string,
  query: string,
  routeCount = 0,
): boolean {
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
  if (slashes.length > MAX_SPELLED_SLASHES || (1 << slashes.length) * routeCount > MAX_ROUTE_WORK) return true;
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
  // No `.` in any spelling, no dot segment: most paths end here, without a split per request.
  if (!path.includes(".") && !path.includes("%2e") && !path.includes("%2E")) return false;
  for (const segment of path.split(/\/|%2f/i)) {
    const text = segment.replace(/%2e/gi, ".");
    if (text === "." || text === "..") return true;
  }
  return false;
}
