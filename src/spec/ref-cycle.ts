/**
 * Finds a `$ref` chain that never reaches a value: `A: {$ref: B}`, `B: {$ref: A}` (or `A` naming itself).
 * Such a chain names no type at all, unlike a recursive schema (a tree node whose property refers back),
 * which is legal and generated. Only internal refs in the root document are followed.
 */
import { childPointer } from "../scheme/errors.js";

export function refCycle(document: unknown): { pointer: string; chain: string[] } | undefined {
  const components = record(record(document).components);
  for (const [section, entries] of Object.entries(components)) {
    for (const name of Object.keys(record(entries))) {
      const start = childPointer(childPointer("#/components", section), name);
      const chain = [start];
      let node = record(entries)[name];
      for (let step = 0; step < 64; step++) {
        const ref = record(node).$ref;
        if (typeof ref !== "string" || !ref.startsWith("#/") || Object.keys(record(node)).length !== 1) break;
        if (chain.includes(ref)) return { pointer: start, chain: [...chain, ref] };
        chain.push(ref);
        node = at(document, ref);
      }
    }
  }
  return undefined;
}

function at(document: unknown, pointer: string): unknown {
  return pointer
    .slice(2)
    .split("/")
    .reduce<unknown>((value, token) => record(value)[token.replace(/~1/g, "/").replace(/~0/g, "~")], document);
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
