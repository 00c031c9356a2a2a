/**
 * For a broken `$ref` in a file the root spec reaches through other files: the chain of `$ref`s that
 * led there, each as `file:line:column #/pointer`, so the author sees why that file was read at all.
 * A breadth-first walk over the files' `$ref`s; only runs when an error is being reported.
 */
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { childPointer } from "../scheme/errors.js";
import { locatePointer, parseSpecText } from "./parse-source.js";

export interface RefStep {
  /** `file:line:column #/pointer` of a `$ref` on the way. */
  at: string;
  ref: string;
}

interface Edge {
  file: string;
  pointer: string;
  ref: string;
  target: string;
}

/** The `$ref`s leading from `root` to `file`, or [] when `file` is the root or cannot be reached. */
export function refChain(root: string, file: string): RefStep[] {
  if (root === file) return [];
  const previous = new Map<string, Edge>();
  const queue = [root];
  const seen = new Set([root]);
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const edge of externalRefs(current)) {
      if (seen.has(edge.target)) continue;
      seen.add(edge.target);
      previous.set(edge.target, edge);
      if (edge.target === file) return stepsTo(file, previous);
      queue.push(edge.target);
    }
  }
  return [];
}

function stepsTo(file: string, previous: Map<string, Edge>): RefStep[] {
  const steps: RefStep[] = [];
  for (let edge = previous.get(file); edge; edge = previous.get(edge.file)) {
    const shown = relative(process.cwd(), edge.file);
    const text = safeRead(edge.file) ?? "";
    const location = locatePointer(text, shown, edge.pointer) ?? shown;
    steps.unshift({ at: `${location} ${edge.pointer}`, ref: edge.ref });
  }
  return steps;
}

function externalRefs(file: string): Edge[] {
  const text = safeRead(file);
  if (text === undefined) return [];
  let document: unknown;
  try {
    document = parseSpecText(text, file);
  } catch {
    return [];
  }
  const edges: Edge[] = [];
  const walk = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, childPointer(pointer, index));
      return;
    }
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && !value.startsWith("#")) {
        const path = value.split("#")[0] ?? "";
        if (path !== "" && !/^[a-z]+:\/\//i.test(path)) edges.push({ file, pointer, ref: value, target: resolve(dirname(file), path) });
      } else {
        walk(value, childPointer(pointer, key));
      }
    }
  };
  walk(document, "#");
  return edges;
}

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
