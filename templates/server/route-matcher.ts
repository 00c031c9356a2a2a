/**
 * Finds the spec operation a request hits: `METHOD /path/{param}` templates matched segment by segment
 * against the request path as sent. Concrete paths win over templated ones (OpenAPI 3.1 §4.8.8.1:
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

type Segment = { literal: string } | { param: string };

interface Route {
  method: string;
  template: string;
  segments: Segment[];
  loose: Segment[];
  /** Templated segments; fewer is more concrete. */
  templated: number;
}

export interface RouteMatcher {
  match(method: string, url: string): RouteMatch | undefined;
}

export function createRouteMatcher(keys: readonly string[]): RouteMatcher {
  const routes: Route[] = keys.map((key) => {
    const space = key.indexOf(" ");
    const template = key.slice(space + 1);
    const segments = template.split("/").map(toSegment);
    const loose = loosePath(template).map(toSegment);
    return { method: key.slice(0, space), template, segments, loose, templated: segments.filter((s) => "param" in s).length };
  });
  routes.sort((a, b) => a.templated - b.templated);
  const methods = new Set(routes.map((route) => route.method));

  const find = (method: string, parts: readonly string[], loose: boolean): RouteMatch | undefined => {
    for (const route of routes) {
      const segments = loose ? route.loose : route.segments;
      if (route.method !== method || segments.length !== parts.length) continue;
      const params = matchSegments(segments, parts, loose);
      if (params) return { key: `${route.method} ${route.template}`, pathTemplate: route.template, params };
    }
    return undefined;
  };

  return {
    match(rawMethod, url) {
      const requested = rawMethod.toUpperCase();
      // HEAD is answered by the GET handler unless the spec declares HEAD itself.
      const method = requested === "HEAD" && !methods.has("HEAD") ? "GET" : requested;
      const path = splitRequestTarget(url).path;
      return find(method, path.split("/"), false) ?? find(method, loosePath(path), true);
    },
  };
}

function toSegment(segment: string): Segment {
  return /^\{[^{}]+\}$/.test(segment) ? { param: segment.slice(1, -1) } : { literal: segment };
}

/** Decoded, dot segments resolved (RFC 3986 §5.2.4), empty segments dropped, literal case ignored. */
function loosePath(path: string): string[] {
  const out: string[] = [];
  for (const raw of path.split("/")) {
    const segment = safeDecode(raw);
    if (segment === "" || segment === ".") continue;
    if (segment === "..") out.pop();
    else out.push(segment);
  }
  return ["", ...out];
}

function matchSegments(segments: readonly Segment[], parts: readonly string[], loose: boolean): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const segment = segments[i];
    const part = parts[i] ?? "";
    if (!segment) return undefined;
    if ("literal" in segment) {
      const equal = loose ? segment.literal.toLowerCase() === part.toLowerCase() : segment.literal === part;
      if (!equal) return undefined;
    } else {
      if (part === "") return undefined;
      params[segment.param] = loose ? part : safeDecode(part);
    }
  }
  return params;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
