/**
 * RFC 8941 Structured Field Values, the parts RFC 9421 needs: Dictionaries (Signature-Input, Signature,
 * RFC 9530's Content-Digest), Inner Lists (the covered components) and Parameters (signature parameters,
 * `;name=` of `@query-param`). Parsers return undefined on any malformed input and never throw, since
 * they read attacker-controlled headers; serialisers throw on values RFC 8941 §4.1 cannot express.
 *
 * One deliberate departure: RFC 8941 §4.2.7 says parsers SHOULD accept byte sequences without `=`
 * padding or with non-zero pad bits. Here they are rejected: a signature has exactly one encoding, and
 * accepting variants of it is how the DRF verifier that nextcloud-drf-base64 fixes went wrong.
 */
import { fromBase64, toBase64 } from "../encoding.js";

export type BareItem =
  | { type: "integer"; value: number }
  | { type: "decimal"; value: number }
  | { type: "string"; value: string }
  | { type: "token"; value: string }
  | { type: "binary"; value: Uint8Array }
  | { type: "boolean"; value: boolean };

/** Ordered key -> value; RFC 8941 §3.1.2 parameters. A bare key is the boolean true. */
export type Parameters = Array<[string, BareItem]>;

export interface Item {
  kind: "item";
  value: BareItem;
  params: Parameters;
}

export interface InnerList {
  kind: "innerList";
  items: Item[];
  params: Parameters;
}

export type Member = Item | InnerList;

/** Ordered key -> member (RFC 8941 §3.2). */
export type Dictionary = Array<[string, Member]>;

// ---------------------------------------------------------------------------------------------------
// Serialising (RFC 8941 §4.1)

const KEY = /^[a-z*][a-z0-9_\-.*]*$/;
const TOKEN = /^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*$/;
const PRINTABLE = /^[\x20-\x7e]*$/;

export function serializeDictionary(dictionary: Dictionary): string {
  return dictionary
    .map(([key, member]) => {
      serializeKey(key);
      // §4.1.2: a member whose value is the boolean true is written as the bare key.
      if (member.kind === "item" && member.value.type === "boolean" && member.value.value) {
        return `${key}${serializeParameters(member.params)}`;
      }
      return `${key}=${serializeMember(member)}`;
    })
    .join(", ");
}

export function serializeMember(member: Member): string {
  return member.kind === "item" ? serializeItem(member) : serializeInnerList(member);
}

export function serializeInnerList(list: Omit<InnerList, "kind">): string {
  return `(${list.items.map(serializeItem).join(" ")})${serializeParameters(list.params)}`;
}

export function serializeItem(item: Omit<Item, "kind">): string {
  return `${serializeBareItem(item.value)}${serializeParameters(item.params)}`;
}

export function serializeParameters(params: Parameters): string {
  let out = "";
  for (const [key, value] of params) {
    out += `;${serializeKey(key)}`;
    if (value.type !== "boolean" || !value.value) out += `=${serializeBareItem(value)}`;
  }
  return out;
}

function serializeKey(key: string): string {
  if (!KEY.test(key)) throw new TypeError(`[hmac-codegen] ${JSON.stringify(key)} is not a structured-field key`);
  return key;
}

export function serializeBareItem(item: BareItem): string {
  switch (item.type) {
    case "integer":
      if (!Number.isInteger(item.value) || Math.abs(item.value) > 999_999_999_999_999)
        throw new TypeError(`[hmac-codegen] ${item.value} is not a structured-field integer`);
      return String(item.value);
    case "decimal":
      return serializeDecimal(item.value);
    case "string":
      if (!PRINTABLE.test(item.value))
        throw new TypeError("[hmac-codegen] a structured-field string holds printable ASCII only");
      return `"${item.value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    case "token":
      if (!TOKEN.test(item.value))
        throw new TypeError(`[hmac-codegen] ${JSON.stringify(item.value)} is not a structured-field token`);
      return item.value;
    case "binary":
      return `:${toBase64(item.value)}:`;
    case "boolean":
      return item.value ? "?1" : "?0";
  }
}

/** §4.1.5: at most 12 integer digits, 3 fraction digits rounded half to even, at least one fraction digit. */
function serializeDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError("[hmac-codegen] a structured-field decimal is finite");
  const thousandths = value * 1000;
  const floor = Math.floor(thousandths);
  const diff = thousandths - floor;
  const rounded = diff > 0.5 || (diff === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
  const sign = rounded < 0 ? "-" : "";
  const absolute = Math.abs(rounded);
  const integer = Math.floor(absolute / 1000);
  if (String(integer).length > 12)
    throw new TypeError("[hmac-codegen] a structured-field decimal has at most 12 integer digits");
  const fraction = String(absolute % 1000)
    .padStart(3, "0")
    .replace(/0{1,2}$/, "");
  return `${sign}${integer}.${fraction}`;
}

// ---------------------------------------------------------------------------------------------------
// Parsing (RFC 8941 §4.2)

/**
 * §4.2: a whole field value as a Dictionary; undefined when malformed. Duplicate keys: the last value wins, in the
 * first key's place (§4.2.2).
 */
export function parseDictionary(input: string): Dictionary | undefined {
  const parser = new Parser(input);
  try {
    parser.skipSpaces();
    const dictionary = parser.dictionary();
    parser.skipSpaces();
    return parser.atEnd() ? dictionary : undefined;
  } catch (error) {
    if (error instanceof Malformed) return undefined;
    throw error;
  }
}

/** §4.2: a whole field value as one Item (used for component identifiers written in a spec). */
export function parseItem(input: string): Item | undefined {
  const parser = new Parser(input);
  try {
    parser.skipSpaces();
    const item = parser.item();
    parser.skipSpaces();
    return parser.atEnd() ? item : undefined;
  } catch (error) {
    if (error instanceof Malformed) return undefined;
    throw error;
  }
}

class Malformed extends Error {}

const DIGIT = /[0-9]/;
const LCALPHA_OR_STAR = /[a-z*]/;
const KEY_CHAR = /[a-z0-9_\-.*]/;
const ALPHA_OR_STAR = /[A-Za-z*]/;
const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z:/]/;
const BASE64_CHAR = /[A-Za-z0-9+/=]/;

class Parser {
  private position = 0;
  private readonly input: string;
  constructor(input: string) {
    this.input = input;
  }

  atEnd(): boolean {
    return this.position >= this.input.length;
  }

  private peek(): string {
    return this.input.charAt(this.position);
  }

  private fail(): never {
    throw new Malformed();
  }

  skipSpaces(): void {
    while (this.peek() === " ") this.position++;
  }

  private skipOws(): void {
    while (this.peek() === " " || this.peek() === "\t") this.position++;
  }

  /** §4.2.2 */
  dictionary(): Dictionary {
    const members = new Map<string, Member>();
    while (!this.atEnd()) {
      const key = this.key();
      let member: Member;
      if (this.peek() === "=") {
        this.position++;
        member = this.peek() === "(" ? this.innerList() : this.item();
      } else {
        member = { kind: "item", value: { type: "boolean", value: true }, params: this.parameters() };
      }
      members.set(key, member);
      this.skipOws();
      if (this.atEnd()) break;
      if (this.peek() !== ",") this.fail();
      this.position++;
      this.skipOws();
      // A trailing comma is malformed.
      if (this.atEnd()) this.fail();
    }
    return [...members];
  }

  /** §4.2.1.2 */
  private innerList(): InnerList {
    if (this.peek() !== "(") this.fail();
    this.position++;
    const items: Item[] = [];
    while (!this.atEnd()) {
      this.skipSpaces();
      if (this.peek() === ")") {
        this.position++;
        return { kind: "innerList", items, params: this.parameters() };
      }
      items.push(this.item());
      const next = this.peek();
      if (next !== " " && next !== ")") this.fail();
    }
    return this.fail();
  }

  /** §4.2.3 */
  item(): Item {
    const value = this.bareItem();
    return { kind: "item", value, params: this.parameters() };
  }

  /** §4.2.3.2: duplicate parameter keys overwrite, keeping the first key's place. */
  private parameters(): Parameters {
    const params = new Map<string, BareItem>();
    while (this.peek() === ";") {
      this.position++;
      this.skipSpaces();
      const key = this.key();
      let value: BareItem = { type: "boolean", value: true };
      if (this.peek() === "=") {
        this.position++;
        value = this.bareItem();
      }
      params.set(key, value);
    }
    return [...params];
  }

  /** §4.2.3.3 */
  private key(): string {
    if (!LCALPHA_OR_STAR.test(this.peek())) this.fail();
    const start = this.position;
    while (!this.atEnd() && KEY_CHAR.test(this.peek())) this.position++;
    return this.input.slice(start, this.position);
  }

  /** §4.2.3.1 */
  private bareItem(): BareItem {
    const char = this.peek();
    if (char === "-" || DIGIT.test(char)) return this.number();
    if (char === '"') return this.string();
    if (char === ":") return this.binary();
    if (char === "?") return this.boolean();
    if (char !== "" && ALPHA_OR_STAR.test(char)) return this.token();
    return this.fail();
  }

  /** §4.2.4 */
  private number(): BareItem {
    let sign = 1;
    if (this.peek() === "-") {
      sign = -1;
      this.position++;
    }
    if (!DIGIT.test(this.peek())) this.fail();
    const start = this.position;
    let decimal = false;
    while (!this.atEnd()) {
      const char = this.peek();
      if (DIGIT.test(char)) {
        this.position++;
      } else if (!decimal && char === ".") {
        if (this.position - start > 12) this.fail();
        decimal = true;
        this.position++;
      } else {
        break;
      }
      const length = this.position - start;
      if ((!decimal && length > 15) || (decimal && length > 16)) this.fail();
    }
    const text = this.input.slice(start, this.position);
    if (!decimal) return { type: "integer", value: sign * Number(text) };
    if (text.endsWith(".")) this.fail();
    if (text.length - text.indexOf(".") - 1 > 3) this.fail();
    return { type: "decimal", value: sign * Number(text) };
  }

  /** §4.2.5 */
  private string(): BareItem {
    this.position++;
    let out = "";
    while (!this.atEnd()) {
      const char = this.peek();
      this.position++;
      if (char === "\\") {
        const escaped = this.peek();
        if (escaped !== '"' && escaped !== "\\") this.fail();
        this.position++;
        out += escaped;
      } else if (char === '"') {
        return { type: "string", value: out };
      } else {
        const code = char.charCodeAt(0);
        if (code < 0x20 || code > 0x7e) this.fail();
        out += char;
      }
    }
    return this.fail();
  }

  /** §4.2.6 */
  private token(): BareItem {
    const start = this.position;
    this.position++;
    while (!this.atEnd() && TOKEN_CHAR.test(this.peek())) this.position++;
    return { type: "token", value: this.input.slice(start, this.position) };
  }

  /** §4.2.7, strictly: canonical, padded base64 only (see the file comment). */
  private binary(): BareItem {
    this.position++;
    const start = this.position;
    while (!this.atEnd() && BASE64_CHAR.test(this.peek())) this.position++;
    if (this.peek() !== ":") this.fail();
    const bytes = fromBase64(this.input.slice(start, this.position));
    this.position++;
    if (!bytes) this.fail();
    return { type: "binary", value: bytes };
  }

  /** §4.2.8 */
  private boolean(): BareItem {
    this.position++;
    const char = this.peek();
    if (char !== "0" && char !== "1") this.fail();
    this.position++;
    return { type: "boolean", value: char === "1" };
  }
}

/** The value of a parameter, if present. */
export function parameter(params: Parameters, key: string): BareItem | undefined {
  for (const [name, value] of params) if (name === key) return value;
  return undefined;
}
