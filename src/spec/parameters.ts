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

/** Follows internal `$ref`s (the document is bundled, so every ref is `#/...`). */
export function refResolver(document: Record<string, unknown>): Resolve {
  return function resolve(value: unknown, depth = 0): Record<string, unknown> {
    const record = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    const ref = record.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/") || depth > 32) return record;
    let target: unknown = document;
    for (const part of ref.slice(2).split("/")) {
      const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
      target = typeof target === "object" && target !== null ? (target as Record<string, unknown>)[key] : undefined;
    }
    return resolve(target, depth + 1);
  };
}
