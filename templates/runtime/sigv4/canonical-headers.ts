/**
 * The CanonicalHeaders and SignedHeaders lines (AWS IAM User Guide, "Create a canonical request"):
 * lower-case names, sorted; each value trimmed with runs of spaces collapsed to one; a header that occurs
 * several times gives its values in order, joined with `,` (aws-c-auth suite `get-header-key-duplicate`).
 * Line breaks of an obsolete folded value become spaces (`get-header-value-multiline`), as in smithy.
 */
import type { RequestDescription } from "../types.js";

export type HeaderPairs = Array<[string, string]>;

export function headerPairs(headers: RequestDescription["headers"]): HeaderPairs {
  if (!headers) return [];
  if (Array.isArray(headers)) return headers;
  // A Map (RequestDescription allows one; Object.entries would see no headers at all and fail closed).
  return isReadonlyMap(headers) ? [...headers] : Object.entries(headers);
}

function isReadonlyMap(headers: NonNullable<RequestDescription["headers"]>): headers is ReadonlyMap<string, string> {
  return typeof (headers as Partial<ReadonlyMap<string, string>>).get === "function";
}

/** Each lower-case name with its values in order. */
export function groupHeaders(pairs: HeaderPairs): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    const values = grouped.get(key);
    if (values) values.push(value);
    else grouped.set(key, [value]);
  }
  return grouped;
}

export function canonicalHeaderValue(value: string): string {
  return value
    .replace(/[\r\n]/g, " ")
    .replace(/[ \t]+/g, " ")
    .trim();
}

export interface CanonicalHeaders {
  /** `name:value\n` for every signed header, sorted by name (each line ends with a newline). */
  text: string;
  /** The SignedHeaders value: the names, sorted, joined with `;`. */
  signedHeaders: string;
}

/** `signed` holds lower-case names; one the request lacks is signed with an empty value (the signature then fails). */
export function canonicalHeaders(grouped: Map<string, string[]>, signed: Iterable<string>): CanonicalHeaders {
  const names = [...new Set(signed)].sort();
  const text = names
    .map((name) => `${name}:${(grouped.get(name) ?? []).map(canonicalHeaderValue).join(",")}\n`)
    .join("");
  return { text, signedHeaders: names.join(";") };
}
