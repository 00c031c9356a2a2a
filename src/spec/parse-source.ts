/**
 * Parses spec text (JSON or YAML) and maps JSON pointers back to `file:line:column`, so every error
 * can say where in the file to look. JSON goes through JSON.parse (fast on GitHub's 13 MB spec); the
 * YAML parser is only used for YAML, or lazily when an error needs a position.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { SpecError } from "../scheme/errors.js";

export function parseSpecText(text: string, file: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(text);
    } catch (error) {
      const position = /position (\d+)/.exec(String(error))?.[1];
      const where = position === undefined ? file : `${file}:${lineColumn(text, Number(position))}`;
      throw syntaxError(where, (error as Error).message);
    }
  }
  const lineCounter = new LineCounter();
  let document: ReturnType<typeof parseDocument>;
  try {
    document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    // The composer recurses: thousands of nested flow collections overflow the stack.
    if (error instanceof RangeError) throw syntaxError(file, "nested too deeply to parse");
    throw error;
  }
  const first = document.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    const message = /call stack/i.test(first.message) ? "nested too deeply to parse" : (first.message.split("\n")[0] ?? first.message);
    throw syntaxError(`${file}:${pos.line}:${pos.col}`, message);
  }
  try {
    return document.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    // The yaml package refuses alias bombs ("billion laughs") with a ReferenceError of its own; a spec
    // error names the file instead of crashing the run (issue 9: hostile specs).
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw syntaxError(file, "too many YAML aliases (more than 1,000 expansions): a resource exhaustion attack, or a spec to unfold");
    }
    if (error instanceof RangeError) throw syntaxError(file, "nested too deeply to parse");
    throw error;
  }
}

function syntaxError(location: string, message: string): SpecError {
  return new SpecError([{ code: "E_SPEC_SYNTAX", pointer: "#", location, message: `not valid YAML or JSON: ${message}` }]);
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `${line}:${column}`;
}

/** `file:line:column` of the value at a JSON pointer, or undefined when it is not in this file. */
export function locatePointer(text: string, file: string, pointer: string): string | undefined {
  const tokens = pointer
    .replace(/^#\/?/, "")
    .split("/")
    .filter((token) => token !== "")
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  // Walk down as far as the pointer exists, so a missing property points at its parent object.
  let node: unknown = document.contents;
  for (const token of tokens) {
    const child = childNode(node, token);
    if (!child) break;
    node = child;
  }
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (!range) return undefined;
  const pos = lineCounter.linePos(range[0]);
  return `${file}:${pos.line}:${pos.col}`;
}

function childNode(node: unknown, token: string): unknown {
  if (isMap(node)) return node.items.find((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key) === token)?.value ?? undefined;
  if (isSeq(node)) return node.items[Number(token)];
  return undefined;
}
