/**
 * The path prefixes a spec is served under: the path of every top-level `servers` URL (OpenAPI 3.1
 * §4.8.5), each server variable expanded to its default and every enum value. The verifier strips them
 * to find an operation, so a `servers` URL such as `https://api.example.com/v1` never leaves every
 * request "undeclared" (and refused, now that undeclared paths fail closed).
 */
const MAX_EXPANSIONS = 64;

export function serverBasePaths(document: Record<string, unknown>): string[] {
  const servers = Array.isArray(document.servers) ? document.servers : [];
  const paths = new Set<string>();
  for (const server of servers) {
    if (typeof server !== "object" || server === null) continue;
    const { url, variables } = server as { url?: unknown; variables?: unknown };
    if (typeof url !== "string") continue;
    for (const expanded of expandVariables(url, asVariables(variables))) {
      const path = pathOf(expanded);
      if (path !== undefined && path !== "") paths.add(path);
    }
  }
  return [...paths].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

type Variables = Record<string, { default?: unknown; enum?: unknown }>;

function asVariables(value: unknown): Variables {
  return typeof value === "object" && value !== null ? (value as Variables) : {};
}

function expandVariables(url: string, variables: Variables): string[] {
  let results = [url];
  for (const name of new Set([...url.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1] ?? ""))) {
    const variable = variables[name];
    const values = new Set<string>();
    if (typeof variable?.default === "string") values.add(variable.default);
    if (Array.isArray(variable?.enum)) for (const value of variable.enum) if (typeof value === "string") values.add(value);
    // An undeclared variable has no value to expand: that URL gives no prefix rather than a wrong one.
    if (values.size === 0) return [];
    results = results.flatMap((partial) => [...values].map((value) => partial.split(`{${name}}`).join(value)));
    if (results.length > MAX_EXPANSIONS) results = results.slice(0, MAX_EXPANSIONS);
  }
  return results;
}

/** The URL's path without a trailing slash: absolute (`https://host/v1`) or relative (`/v1`, `v1`). */
function pathOf(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url, "http://relative.invalid/").pathname;
  } catch {
    return undefined;
  }
  return path.replace(/\/+$/, "");
}
