/**
 * Finds the spec operation a request hits: each `METHOD /path/{param}` template is compiled once into
 * an anchored pattern over the request path as sent. A segment may mix text and parameters
 * (`/files/{name}.{ext}`, `/jobs/{id}:cancel`, OData `/Users('{id}')`); `{name+}` is greedy across
 * segments; `?name=value` and `#...` suffixes tell apart operations on one path. Concrete paths win over templated ones
 * (OpenAPI 3.1 §4.8.8.1:
 * "concrete (non-templated) paths would be matched before their templated counterparts").
 *
 * Frameworks route more loosely than that: Express ignores case and a trailing slash, Fastify and Hono
 * decode percent-escapes, a WHATWG URL resolves `..`, and HEAD runs the GET handler (RFC 9110 §9.3.2). A
 * request that reaches a declared operation only by such a variant must still be verified as that
 * operation, or it would reach a protected handler unsigned. So when no exact match exists, the path is
 * matched again in a loose form (decoded, dot segments resolved, empty segments and case ignored); the
 * signature still covers the path exactly as sent.
 */
import { splitRequestTarget } from "../runtime/index.js";

export interface RouteMatch {
  /** `METHOD /path/template`, the key of the security table. */
  key: string;
  pathTemplate: string;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
}

/** Literal before mixed before param before greedy (OpenAPI 3.1 §4.8.8.1: concrete paths first). */
type SegmentKind = 0 | 1 | 2 | 3;

interface Route {
  /** The operation's key as the spec spells it, `METHOD template`: built once, not per match. */
  key: string;
  method: string;
  template: string;
  /** Anchored pattern over the raw path; captures are `[^/]+?`, so a param never spans a `/`. */
  exact: RegExp;
  /** The same pattern over the loose path, literal case ignored. */
  loose: RegExp;
  /** Capture index → parameter name, in template order. */
  names: string[];
  /** Specificity rank of each wire segment, compared left to right. */
  ranks: SegmentKind[];
  /** Literal characters of each wire segment: among mixed segments, more text is more specific. */
  literals: number[];
  /**
   * A `?name`, `?name=value` or `?name={param}` suffix of the template (AWS-style, and some hand-written
   * specs): every named query parameter must be present, with that value when it is literal.
   */
  query: { name: string; value: string | undefined }[] | undefined;
}

export interface RouteMatcher {
  match(method: string, url: string): RouteMatch | undefined;
}

export function createRouteMatcher(keys: readonly string[]): RouteMatcher {
  const routes = keys.map(compileRoute);
  routes.sort(bySpecificity);
  const methods = new Set(routes.map((route) => route.method));

  const find = (method: string, path: string, query: string, loose: boolean): RouteMatch | undefined => {
    for (const route of routes) {
      if (route.method !== method || !queryMatches(route.query, query)) continue;
      const found = (loose ? route.loose : route.exact).exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        const raw = found[i + 1] ?? "";
        params[name] = safeDecode(raw);
      });
      return { key: route.key, pathTemplate: route.template, params };
    }
    return undefined;
  };

  return {
    match(rawMethod, url) {
      const requested = rawMethod.toUpperCase();
      // HEAD is answered by the GET handler unless the spec declares HEAD itself.
      const method = requested === "HEAD" && !methods.has("HEAD") ? "GET" : requested;
      const { path, query } = splitRequestTarget(url);
      return find(method, path, query, false) ?? find(method, loosePath(path).join("/") || "/", query, true);
    },
  };
}

/**
 * Compiles `METHOD /a/{b}.json/{c+}?x=1#op` once. What follows `#` is a disambiguator only: RFC 9112
 * §3.2 gives a request-target no fragment, so it never reaches the server and matching ignores it
 * (operations that differ only there are told apart by method, then by template order).
 */
function compileRoute(key: string): Route {
  const space = key.indexOf(" ");
  const template = key.slice(space + 1);
  const hash = template.indexOf("#");
  const beforeHash = hash >= 0 ? template.slice(0, hash) : template;
  const question = beforeHash.indexOf("?");
  const wirePath = (question >= 0 ? beforeHash.slice(0, question) : beforeHash) || "/";
  const names: string[] = [];
  const ranks: SegmentKind[] = [];
  const literals: number[] = [];
  const sources = wirePath.split("/").map((segment) => {
    const parts = segment.split(/(\{[^{}]+\})/).filter((part) => part !== "");
    const params = parts.filter(isParam);
    const greedy = params.some((part) => part.endsWith("+}"));
    ranks.push(greedy ? 3 : params.length === 0 ? 0 : parts.length === 1 ? 2 : 1);
    literals.push(parts.filter((part) => !isParam(part)).join("").length);
    return parts
      .map((part) => {
        if (!isParam(part)) return escapeRegExp(part);
        const plus = part.endsWith("+}");
        names.push(part.slice(1, plus ? -2 : -1));
        // A greedy `{name+}` takes the rest of the path, slashes included (AWS API Gateway proxy paths).
        return plus ? "(.+?)" : "([^/]+?)";
      })
      .join("");
  });
  const source = `^${sources.join("/")}$`;
  // Loose form: empty segments dropped, as loosePath drops them from the request (a trailing slash).
  const looseSource = `^${["", ...sources.filter((part) => part !== "")].join("/") || "/"}$`;
  let query: Route["query"];
  if (question >= 0) {
    query = beforeHash
      .slice(question + 1)
      .split("&")
      // A templated name (`?{field}=1`) can be anything, so it constrains nothing.
      .filter((pair) => pair !== "" && !/^\{[^{}]*\}/.test(pair))
      .map((pair) => {
        const equals = pair.indexOf("=");
        if (equals < 0) return { name: pair, value: undefined };
        const value = pair.slice(equals + 1);
        return { name: pair.slice(0, equals), value: /\{[^{}]*\}/.test(value) ? undefined : value };
      });
  }
  return {
    key: `${key.slice(0, space)} ${template}`,
    method: key.slice(0, space),
    template,
    exact: new RegExp(source),
    loose: new RegExp(looseSource, "i"),
    names,
    ranks,
    literals,
    query,
  };
}

function isParam(part: string): boolean {
  return /^\{[^{}]+\}$/.test(part);
}

function bySpecificity(a: Route, b: Route): number {
  for (let i = 0; i < Math.min(a.ranks.length, b.ranks.length); i++) {
    const diff = (a.ranks[i] ?? 0) - (b.ranks[i] ?? 0);
    if (diff !== 0) return diff;
    const text = (b.literals[i] ?? 0) - (a.literals[i] ?? 0);
    if (text !== 0) return text;
  }
  if (a.ranks.length !== b.ranks.length) return b.ranks.length - a.ranks.length;
  // A query-qualified operation is more specific than its bare sibling on the same path.
  const queries = (b.query?.length ?? 0) - (a.query?.length ?? 0);
  if (queries !== 0) return queries;
  return a.template < b.template ? -1 : a.template > b.template ? 1 : 0;
}

function queryMatches(wanted: Route["query"], query: string): boolean {
  return (wanted ?? []).every((one) => queryHas(one, query));
}

function queryHas(wanted: { name: string; value: string | undefined }, query: string): boolean {
  return query.split("&").some((pair) => {
    const equals = pair.indexOf("=");
    const name = safeDecode(equals >= 0 ? pair.slice(0, equals) : pair);
    if (name !== wanted.name) return false;
    return wanted.value === undefined || safeDecode(equals >= 0 ? pair.slice(equals + 1) : "") === wanted.value;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Decoded, dot segments resolved (RFC 3986 §5.2.4), empty segments dropped. A segment stays one segment:
 * a decoded `/` (from `%2F`) is re-escaped, and `%` with it, so `nextcloud%2Fping` never matches the two
 * segments `nextcloud/ping` of another operation; captured parameters are decoded once from that form.
 */
function loosePath(path: string): string[] {
  const out: string[] = [];
  for (const raw of path.split("/")) {
    const segment = safeDecode(raw).replace(/%/g, "%25").replace(/\//g, "%2F");
    if (segment === "" || segment === ".") continue;
    if (segment === "..") out.pop();
    else out.push(segment);
  }
  return ["", ...out];
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
