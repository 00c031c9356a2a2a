/**
 * Python's `json.dumps(json.loads(body), separators=(",", ":"))`, byte for byte.
 *
 * django_hmac_authentication does not hash the body it received: it hashes DRF's parsed
 * `request.data` re-serialised that way (client_utils.prepare_string_to_sign). A client that hashes its
 * own `JSON.stringify` output disagrees whenever the two serialisers differ: non-ASCII text (Python
 * escapes it, `ensure_ascii=True`), floats (`1.0` stays `1.0`, `1e16` becomes `1e+16`), key order
 * (JSON.parse moves integer-like keys first; Python keeps document order) and duplicate keys (Python
 * keeps the first position with the last value). A body Python treats as falsy (`{}`, `[]`, `""`, `0`,
 * `false`, `null`, or no body) is not hashed at all there, which `isEmpty` reports.
 */

import { MalformedJsonError } from "./malformed-json.js";

export { MalformedJsonError } from "./malformed-json.js";

export interface PythonJson {
  text: string;
  /** Python would treat the value as falsy and skip hashing it. */
  isEmpty: boolean;
}

const MAX_DEPTH = 512;
const MAX_NUMBER_LENGTH = 4301;

export function pythonCompactJson(source: string): PythonJson {
  // Only a body of no bytes is "no body" (DRF's empty request.data); whitespace alone is invalid JSON.
  if (source === "") return { text: "", isEmpty: true };
  const parser = new Parser(source);
  parser.skipWhitespace();
  const { text, falsy } = parser.value(0);
  parser.skipWhitespace();
  if (parser.position < source.length) parser.fail("unexpected data after the JSON value");
  return { text, isEmpty: falsy };
}

class Parser {
  position = 0;
  private readonly source: string;
  constructor(source: string) {
    this.source = source;
  }

  fail(message: string): never {
    throw new MalformedJsonError(`${message} at offset ${this.position}`);
  }

  skipWhitespace(): void {
    while (this.position < this.source.length && " \t\n\r".includes(this.source.charAt(this.position))) {
      this.position++;
    }
  }

  value(depth: number): { text: string; falsy: boolean } {
    if (depth > MAX_DEPTH) this.fail("nesting too deep");
    const char = this.source.charAt(this.position);
    if (char === "{") return this.object(depth);
    if (char === "[") return this.array(depth);
    if (char === '"') {
      const decoded = this.string();
      return { text: pythonString(decoded), falsy: decoded === "" };
    }
    for (const literal of ["true", "false", "null"] as const) {
      if (this.source.startsWith(literal, this.position)) {
        this.position += literal.length;
        return { text: literal, falsy: literal !== "true" };
      }
    }
    return this.number();
  }

  object(depth: number): { text: string; falsy: boolean } {
    this.position++;
    // A Map keeps first-insertion order and takes the last value, exactly like a Python dict.
    const members = new Map<string, string>();
    this.skipWhitespace();
    if (this.source.charAt(this.position) === "}") {
      this.position++;
      return { text: "{}", falsy: true };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.source.charAt(this.position) !== '"') this.fail("expected a property name");
      const key = this.string();
      this.skipWhitespace();
      if (this.source.charAt(this.position) !== ":") this.fail("expected ':'");
      this.position++;
      this.skipWhitespace();
      members.set(key, this.value(depth + 1).text);
      this.skipWhitespace();
      const next = this.source.charAt(this.position++);
      if (next === "}") break;
      if (next !== ",") this.fail("expected ',' or '}'");
    }
    const body = [...members].map(([key, value]) => `${pythonString(key)}:${value}`).join(",");
    return { text: `{${body}}`, falsy: false };
  }

  array(depth: number): { text: string; falsy: boolean } {
    this.position++;
    const items: string[] = [];
    this.skipWhitespace();
    if (this.source.charAt(this.position) === "]") {
      this.position++;
      return { text: "[]", falsy: true };
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.value(depth + 1).text);
      this.skipWhitespace();
      const next = this.source.charAt(this.position++);
      if (next === "]") break;
      if (next !== ",") this.fail("expected ',' or ']'");
    }
    return { text: `[${items.join(",")}]`, falsy: false };
  }

  string(): string {
    this.position++;
    let out = "";
    for (;;) {
      if (this.position >= this.source.length) this.fail("unterminated string");
      const char = this.source.charCodeAt(this.position++);
      if (char === 0x22) return out;
      if (char < 0x20) this.fail("control character in string");
      if (char !== 0x5c) {
        out += String.fromCharCode(char);
        continue;
      }
      const escapeChar = this.source.charAt(this.position++);
      const simple = SIMPLE_ESCAPES[escapeChar];
      if (simple !== undefined) {
        out += simple;
      } else if (escapeChar === "u") {
        const hex = this.source.slice(this.position, this.position + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("bad \\u escape");
        out += String.fromCharCode(Number.parseInt(hex, 16));
        this.position += 4;
      } else {
        this.fail("bad escape");
      }
    }
  }

  number(): { text: string; falsy: boolean } {
    const match = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(
      this.source.slice(this.position, this.position + MAX_NUMBER_LENGTH + 1),
    );
    if (!match) this.fail("unexpected token");
    // Python refuses to parse integers of more than 4,300 digits (sys.int_info.default_max_str_digits).
    if (match[0].length > MAX_NUMBER_LENGTH) this.fail("number too long");
    this.position += match[0].length;
    if (match[1] === undefined && match[2] === undefined) {
      // Python ints are arbitrary precision: the digits survive as written (but "-0" is 0).
      const text = match[0] === "-0" ? "0" : match[0];
      return { text, falsy: text === "0" };
    }
    const value = Number(match[0]);
    return { text: pythonFloat(value), falsy: value === 0 };
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

const PYTHON_SHORT_ESCAPES: Record<number, string> = {
  34: '\\"',
  92: "\\\\",
  8: "\\b",
  12: "\\f",
  10: "\\n",
  13: "\\r",
  9: "\\t",
};

/** json.dumps string with ensure_ascii: everything outside space..~ as \uXXXX per UTF-16 unit. */
export function pythonString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const short = PYTHON_SHORT_ESCAPES[unit];
    if (short !== undefined) out += short;
    else if (unit >= 0x20 && unit <= 0x7e) out += value.charAt(i);
    else out += `\\u${unit.toString(16).padStart(4, "0")}`;
  }
  return `${out}"`;
}

/** Python's float repr: shortest round-trip digits, scientific below 1e-4 and from 1e16 on. */
export function pythonFloat(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const sign = value < 0 ? "-" : "";
  const [mantissa = "", exponentText = "0"] = Math.abs(value).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const expSign = exponent < 0 ? "-" : "+";
    return `${sign}${digits[0]}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction === "" ? "0" : fraction}`;
}
