/**
 * Names a spec puts on the wire as header or cookie names must be HTTP tokens (RFC 9110 §5.6.2:
 * `field-name = token`; RFC 6265 §4.1.1: `cookie-name = token`). Anything else cannot be sent (fetch's
 * Headers throws a TypeError for it, so a client or router would fail at run time) and may carry a `*` `/`
 * or a line break into generated code, so it is refused here with the spec location. Query parameter names
 * are not tokens (any text, percent-encoded on the wire) and are escaped where they are printed instead.
 */
import { childPointer, type SpecIssue } from "../scheme/errors.js";
import { refTarget } from "./parameters.js";

/** RFC 9110 §5.6.2 tchar, one or more. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export function isHttpToken(text: string): boolean {
  return TOKEN.test(text);
}

/** Every header and cookie name of the spec's security schemes and operation parameters that is not a token. */
export function wireNameIssues(document: Record<string, unknown>): SpecIssue[] {
  const issues = new Map<string, SpecIssue>();
  const check = (record: Record<string, unknown>, pointer: string, what: string): void => {
    const name = record.name;
    if ((record.in !== "header" && record.in !== "cookie") || typeof name !== "string" || isHttpToken(name)) return;
    const at = childPointer(pointer, "name");
    issues.set(at, {
      code: "E_SPEC_HEADER_NAME",
      pointer: at,
      message: `the ${what} name ${printable(name)} (in: ${record.in}) is not an HTTP token (RFC 9110 §5.6.2)`,
      hint: "a header or cookie name is letters, digits and !#$%&'*+-.^_`|~, with no spaces, quotes, slashes or line breaks",
    });
  };
  const schemes = asRecord(asRecord(document.components).securitySchemes);
  for (const [name, scheme] of Object.entries(schemes)) {
    const target = refTarget(document, scheme, childPointer("#/components/securitySchemes", name));
    if (target.record.type === "apiKey") check(target.record, target.pointer, "apiKey");
  }
  for (const [path, value] of Object.entries(asRecord(document.paths))) {
    const item = asRecord(value);
    const itemPointer = childPointer("#/paths", path);
    const lists: Array<[unknown, string]> = [[item.parameters, childPointer(itemPointer, "parameters")]];
    for (const method of METHODS) {
      const operation = asRecord(item[method]);
      lists.push([operation.parameters, childPointer(childPointer(itemPointer, method), "parameters")]);
    }
    for (const [list, pointer] of lists) {
      if (!Array.isArray(list)) continue;
      list.forEach((parameter, index) => {
        const target = refTarget(document, parameter, childPointer(pointer, index));
        check(target.record, target.pointer, "parameter");
      });
    }
  }
  return [...issues.values()];
}

/** The name quoted, everything outside printable ASCII as `\uXXXX`: a terminal shows it as written, on one line. */
function printable(name: string): string {
  return JSON.stringify(name).replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
