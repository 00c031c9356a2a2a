/**
 * Follows a document's internal `$ref`s for the mock sampler. A `$ref` is a URI reference whose fragment is a
 * JSON pointer, percent-encoded as any fragment is (RFC 6901 §6; RFC 3986 §2.1): enode.io refers to
 * `#/paths/~1vehicles~1%7BvehicleId%7D/get/...`, and read without decoding that named nothing, so the items
 * sampled as `{}` where the schema required `id`.
 */
type Resolve = (value: unknown) => Record<string, unknown>;

const MAX_HOPS = 32;

export function fragmentResolver(document: Record<string, unknown>): Resolve {
  return function resolve(value: unknown, hops = 0): Record<string, unknown> {
    const record = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    const ref = record.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/") || hops > MAX_HOPS) return record;
    let target: unknown = document;
    for (const part of ref.slice(2).split("/")) {
      const key = decoded(part).replace(/~1/g, "/").replace(/~0/g, "~");
      target =
        typeof target === "object" && target !== null && Object.hasOwn(target, key) ? (target as Record<string, unknown>)[key] : undefined;
    }
    return resolve(target, hops + 1);
  };
}

/** A malformed escape (`%zz`) is kept as written, as a pointer that names nothing is, rather than thrown. */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
