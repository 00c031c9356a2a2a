/**
 * The parameters of an operation as the server router needs them to turn strings back into typed
 * values: name, location and primitive type. Path-level parameters apply unless the operation redefines
 * them (OpenAPI 3.1 §4.8.9.1, "a unique parameter is defined by a combination of a name and location").
 */
export type ParameterType = "string" | "integer" | "number" | "boolean";

export interface ParameterSpec {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  type: ParameterType;
  /** A list (`type: array`); `type` is then the item type. */
  array: boolean;
}

type Resolve = (value: unknown) => Record<string, unknown>;

export function operationParameters(
  pathItem: Record<string, unknown>,
  operation: Record<string, unknown>,
  resolve: Resolve,
): ParameterSpec[] {
  const byKey = new Map<string, ParameterSpec>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const parameter = resolve(raw);
      const name = parameter.name;
      const location = parameter.in;
      if (typeof name !== "string" || !["path", "query", "header", "cookie"].includes(String(location))) continue;
      const schema = resolve(parameter.schema);
      const array = schema.type === "array";
      byKey.set(`${location}:${name}`, {
        name,
        in: location as ParameterSpec["in"],
        type: primitive(array ? resolve(schema.items).type : schema.type),
        array,
      });
    }
  }
  return [...byKey.values()];
}

function primitive(type: unknown): ParameterType {
  const first = Array.isArray(type) ? type.find((t) => t !== "null") : type;
  return first === "integer" || first === "number" || first === "boolean" ? first : "string";
}

/**
 * Follows internal `$ref`s (the document is bundled, so every ref is `#/...`). A `$ref` is a URI reference
 * whose fragment is a JSON pointer, percent-encoded as any fragment is (RFC 6901 §6; RFC 3986 §2.1):
 * enode.io refers to `#/paths/~1vehicles~1%7BvehicleId%7D/get/...`, which undecoded names nothing.
 */
export function refResolver(document: Record<string, unknown>): Resolve {
  return (value) => refTarget(document, value, "#").record;
}

/**
 * What a value stands for once its `$ref`s are followed, and the JSON pointer where that object is
 * written: an error about a referenced parameter names the component, where the author can fix it.
 */
export function refTarget(
  document: Record<string, unknown>,
  value: unknown,
  pointer: string,
): { record: Record<string, unknown>; pointer: string } {
  let current = value;
  let at = pointer;
  for (let depth = 0; depth <= 32; depth++) {
    const record = typeof current === "object" && current !== null && !Array.isArray(current) ? (current as Record<string, unknown>) : {};
    const ref = record.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/")) return { record, pointer: at };
    let target: unknown = document;
    for (const part of ref.slice(2).split("/")) {
      const key = percentDecoded(part).replace(/~1/g, "/").replace(/~0/g, "~");
      // Own properties only: a pointer segment `__proto__` names no object of the spec.
      target =
        typeof target === "object" && target !== null && Object.hasOwn(target, key) ? (target as Record<string, unknown>)[key] : undefined;
    }
    current = target;
    at = ref;
  }
  return { record: {}, pointer: at };
}

/** A malformed escape (`%zz`) is kept as written, as a pointer that names nothing is, rather than thrown. */
function percentDecoded(part: string): string {
  if (!part.includes("%")) return part;
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
