/**
 * Finds the spec operation a request hits: `METHOD /path/{param}` templates matched segment by segment
 * against the request path as sent. Concrete paths win over templated ones (OpenAPI 3.1 §4.8.8.1: "When
 * matching URLs, concrete (non-templated) paths would be matched before their templated counterparts").
 */
import { splitRequestTarget } from "../runtime/index.js";

export interface RouteMatch {
  /** `METHOD /path/template`, the key of the security table. */
  key: string;
  pathTemplate: string;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
}

interface Route {
  method: string;
  template: string;
  segments: Array<{ literal: string } | { param: string }>;
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
    const segments = template
      .split("/")
      .map((segment) => (/^\{[^{}]+\}$/.test(segment) ? { param: segment.slice(1, -1) } : { literal: segment }));
    return { method: key.slice(0, space), template, segments, templated: segments.filter((s) => "param" in s).length };
  });
  routes.sort((a, b) => a.templated - b.templated);
  return {
    match(method, url) {
      const path = splitRequestTarget(url).path;
      const parts = path.split("/");
      for (const route of routes) {
        if (route.method !== method.toUpperCase() || route.segments.length !== parts.length) continue;
        const params = matchSegments(route, parts);
        if (params) return { key: `${route.method} ${route.template}`, pathTemplate: route.template, params };
      }
      return undefined;
    },
  };
}

function matchSegments(route: Route, parts: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const segment = route.segments[i];
    const part = parts[i] ?? "";
    if (!segment) return undefined;
    if ("literal" in segment) {
      if (segment.literal !== part) return undefined;
    } else {
      if (part === "") return undefined;
      params[segment.param] = safeDecode(part);
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
