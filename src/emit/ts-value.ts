/**
 * JSON-like values as TypeScript literals, laid out the way the formatter (Biome, like Prettier) would:
 * bare property names where they are identifiers, a value on one line where it fits in the width, else
 * one entry per line with a trailing comma, each entry again as short as fits. The emitters print their
 * tables with it, so no generated line passes PRINT_WIDTH.
 */
import { propertyKey, stringLiteral } from "./escape.js";

/** The widest line a generated file may have. */
export const PRINT_WIDTH = 120;

/** The value on one line: `{ a: 1, b: [2, 3] }`. Entries whose value is undefined are left out, as JSON.stringify does. */
export function inlineValue(value: unknown): string {
  return inlineWithin(value, Number.POSITIVE_INFINITY) as string;
}

/**
 * The value on one line, or undefined as soon as it passes `budget` characters: a large table (GitHub's
 * mock data) is then measured only as far as one line could reach, not printed whole at every depth.
 */
function inlineWithin(value: unknown, budget: number): string | undefined {
  if (Array.isArray(value))
    return joined(
      value.map((item) => [undefined, item] as const),
      "[",
      "]",
      budget,
    );
  if (isRecord(value)) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    return entries.length === 0 ? "{}" : joined(entries, "{ ", " }", budget);
  }
  const text = typeof value === "string" ? stringLiteral(value) : (JSON.stringify(value ?? null) as string);
  return text.length <= budget ? text : undefined;
}

function joined(entries: ReadonlyArray<readonly [string | undefined, unknown]>, open: string, close: string, budget: number) {
  let text = open;
  for (const [index, [key, item]] of entries.entries()) {
    if (index > 0) text += ", ";
    if (key !== undefined) text += `${propertyKey(key)}: `;
    const itemText = inlineWithin(item, budget - text.length - close.length);
    if (itemText === undefined) return undefined;
    text += itemText;
  }
  text += close;
  return text.length <= budget ? text : undefined;
}

/**
 * The value as it is printed where its first character sits at `column`, on a line indented by `indent`
 * spaces, with `suffix` (a `,` or `;`) after it: inline if that line fits, else broken over lines whose
 * entries are indented two more spaces. A string or number that does not fit is left as it is.
 */
export function printValue(value: unknown, indent: number, column: number = indent, suffix = ""): string {
  const inline = inlineWithin(value, PRINT_WIDTH - column - suffix.length);
  if (inline !== undefined) return inline;
  const inner = " ".repeat(indent + 2);
  if (Array.isArray(value) && value.length > 0) {
    const items = value.map((item) => `${inner}${printValue(item, indent + 2, indent + 2, ",")},`);
    return `[\n${items.join("\n")}\n${" ".repeat(indent)}]`;
  }
  if (isRecord(value) && Object.keys(value).length > 0) {
    return `{\n${printEntries(value, indent + 2)}\n${" ".repeat(indent)}}`;
  }
  return inlineValue(value);
}

/** An object's entries, one `key: value,` line (or more) each, at `indent`: the body of a table. */
export function printEntries(value: Readonly<Record<string, unknown>>, indent: number): string {
  return Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .map(([key, item]) => printEntry(propertyKey(key), item, indent))
    .join("\n");
}

/** One `key: value,` entry at `indent`, the key already written as it is printed (bare or quoted). */
export function printEntry(key: string, value: unknown, indent: number): string {
  const prefix = `${" ".repeat(indent)}${key}: `;
  return `${prefix}${printValue(value, indent, prefix.length, ",")},`;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null;
}
