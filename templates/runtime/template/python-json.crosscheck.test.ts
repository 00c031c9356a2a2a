/**
 * pythonCompactJson against the real thing: CPython's
 * `json.dumps(json.loads(text), separators=(",", ":"))`, run once per test over a batch of generated
 * JSON texts (fast-check). Texts are single-line, since the script reads one per line.
 * Tests named "regression:" pin divergences from Python/DRF that these tests found and the core fixed.
 */
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MalformedJsonError, pythonCompactJson } from "./python-json.js";
import { canonicalBody } from "./signed-body.js";

const DUMPS_SCRIPT = 'import json,sys; [print(json.dumps(json.loads(l), separators=(",",":"))) for l in sys.stdin]';
/** Same, but one line per input whatever happens: the output, or ERR when json.loads raises. */
const TRY_SCRIPT = `import json,sys
for l in sys.stdin:
    try: print(json.dumps(json.loads(l), separators=(",",":")))
    except (ValueError, RecursionError): print("ERR")`;

function runPython(script: string, lines: readonly string[]): string[] {
  for (const line of lines) if (/[\r\n]/.test(line)) throw new Error(`not a single line: ${JSON.stringify(line)}`);
  const result = spawnSync("python3", ["-c", script], {
    input: lines.map((line) => `${line}\n`).join(""),
    encoding: "utf8",
    env: { ...process.env, PYTHONIOENCODING: "utf-8", PYTHONUTF8: "1" },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`python3 exited with ${result.status}: ${result.stderr}`);
  const out = result.stdout.split("\n");
  expect(out.pop()).toBe("");
  expect(out).toHaveLength(lines.length);
  return out;
}

function ours(text: string): string {
  try {
    return pythonCompactJson(text).text;
  } catch (error) {
    if (error instanceof MalformedJsonError) return "ERR";
    throw error;
  }
}

/** Runs Python once over the batch and returns the texts on which the two disagree. */
function disagreements(
  texts: readonly string[],
  script = DUMPS_SCRIPT,
): Array<{ text: string; ours: string; python: string }> {
  const python = runPython(script, texts);
  return texts.flatMap((text, i) => {
    const mine = ours(text);
    return mine === python[i] ? [] : [{ text, ours: mine, python: python[i] ?? "" }];
  });
}

// ---------------------------------------------------------------------------------------------------
// Generators for JSON texts Python accepts, written the ways real clients write them.

const chars = (text: string): fc.Arbitrary<string> => fc.constantFrom(...text.split(""));
const digits = (minLength: number, maxLength: number) => fc.string({ unit: chars("0123456789"), minLength, maxLength });
const ws = fc.string({ unit: chars(" \t"), maxLength: 2 });

const numberText: fc.Arbitrary<string> = fc.oneof(
  // Any JSON number the grammar allows: big integers, long fractions, huge and tiny exponents.
  fc
    .record({
      negative: fc.boolean(),
      int: fc.oneof(
        fc.constant("0"),
        fc.tuple(chars("123456789"), digits(0, 25)).map(([first, rest]) => first + rest),
      ),
      fraction: fc.option(digits(1, 20), { nil: undefined }),
      exponent: fc.option(fc.tuple(chars("eE"), fc.constantFrom("", "+", "-"), digits(1, 3)), { nil: undefined }),
    })
    .map(({ negative, int, fraction, exponent }) => {
      const sign = negative ? "-" : "";
      const frac = fraction === undefined ? "" : `.${fraction}`;
      return `${sign}${int}${frac}${exponent === undefined ? "" : exponent.join("")}`;
    }),
  // Whatever a JS client's JSON.stringify writes for a double
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => JSON.stringify(value)),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.constantFrom(
    "1.0",
    "1e16",
    "1E16",
    "1e-5",
    "0.0001",
    "0.00001",
    "-0.0",
    "-0",
    "0e0",
    "1e400",
    "-1e400",
    "1e-400",
    "1E+2",
    "2.5e-5",
    "9007199254740993",
    "9007199254740993.0",
    "123456789012345678901234567890.5",
    "0.1",
    "0.30000000000000004",
    "5e-324",
    "1.7976931348623157e308",
    "4.35",
    "1e15",
    "1e21",
    "100",
  ),
);

const hex4 = fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.boolean()).map(([unit, upper]) => {
  const hex = unit.toString(16).padStart(4, "0");
  return `\\u${upper ? hex.toUpperCase() : hex}`;
});
const stringPiece = fc.oneof(
  fc
    .string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 6 })
    .map((text) => text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')),
  fc.string({ unit: "grapheme", maxLength: 4 }).map((text) => JSON.stringify(text).slice(1, -1)),
  fc.constantFrom(
    '\\"',
    "\\\\",
    "\\/",
    "\\b",
    "\\f",
    "\\n",
    "\\r",
    "\\t",
    "é",
    "€",
    "😀",
    "\u2028",
    "\u007f",
    "\u0085",
    "\ufeff",
  ),
  hex4,
  // Surrogate pairs and lone surrogates, escaped
  fc.constantFrom("\\ud83d\\ude00", "\\uD83D\\uDE00", "\\ud800", "\\udfff", "\\udc00\\ud800"),
);
const stringText = fc.array(stringPiece, { maxLength: 5 }).map((pieces) => `"${pieces.join("")}"`);
const keyText = fc.oneof(
  stringText,
  fc.constantFrom('"a"', '"b"', '"1"', '"2"', '"10"', '"-1"', '"01"', '"1.5"', '""', '"é"'),
);

const { value: jsonText } = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    numberText,
    stringText,
    fc.constantFrom("true", "false", "null"),
    tie("array"),
    tie("object"),
  ),
  array: fc
    .tuple(fc.array(fc.tuple(ws, tie("value"), ws), { maxLength: 4 }), ws)
    .map(([items, inner]) => (items.length === 0 ? `[${inner}]` : `[${items.map((item) => item.join("")).join(",")}]`)),
  object: fc
    .tuple(fc.array(fc.tuple(ws, keyText, ws, ws, tie("value"), ws), { maxLength: 4 }), ws)
    .map(([members, inner]) =>
      members.length === 0
        ? `{${inner}}`
        : `{${members.map(([a, key, b, c, value, d]) => `${a}${key}${b}:${c}${value}${d}`).join(",")}}`,
    ),
}));

const paddedJsonText = fc.tuple(ws, jsonText, ws).map((parts) => parts.join(""));

/** HMAC_PROPERTY_RUNS scales the batches (default 120, as in sign-verify.property.test.ts). */
const SCALE = Number(process.env.HMAC_PROPERTY_RUNS ?? 120) / 120;

function sample<T>(arbitrary: fc.Arbitrary<T>, numRuns: number): { seed: number; values: T[] } {
  const seed = Date.now() ^ (Math.random() * 0x100000000);
  return { seed, values: fc.sample(arbitrary, { numRuns: Math.max(1, Math.round(numRuns * SCALE)), seed }) };
}

// ---------------------------------------------------------------------------------------------------

describe("pythonCompactJson matches CPython's json.dumps(json.loads(x), separators=(',', ':'))", () => {
  it("on fc.json() texts", () => {
    const { seed, values } = sample(fc.json(), 300);
    expect(disagreements(values), `fast-check seed ${seed}`).toEqual([]);
  });

  it('on fc.json({ stringUnit: "binary" }) with any code point in keys and values', () => {
    const { seed, values } = sample(fc.json({ maxDepth: 3, stringUnit: "binary" }), 200);
    expect(disagreements(values), `fast-check seed ${seed}`).toEqual([]);
  });

  it("on hand-shaped texts: odd numbers, escapes in both hex cases, surrogates, whitespace, duplicate and integer-like keys", () => {
    const { seed, values } = sample(paddedJsonText, 400);
    expect(disagreements(values), `fast-check seed ${seed}`).toEqual([]);
  });

  it("on a fixed list of corner cases", () => {
    const texts = [
      '{"b":1,"2":2,"1":3}',
      '{"a":1,"b":2,"a":3}',
      '{"a":{"x":1},"a":[1]}',
      '"\\u00E9\\uD83D\\uDE00\\u007f\\u0001\\/"',
      '"café € 😀 \u2028"',
      '"\\ud800x\\udc00"',
      "[1.0,1e16,1E16,1e-5,0.0001,0.00001,-0.0,-0,0e0,1e400,-1e400,1e-400]",
      "[123456789012345678901234567890,-123456789012345678901234567890,1.5e300,5e-324,1.7976931348623157e308]",
      "[0.1,0.2,0.30000000000000004,4.35,2.675,1e21,1e22,1e-7,123e-20,1234567890123456789e-5]",
      `{${Array.from({ length: 30 }, (_, i) => `"${(i * 7919) % 100}":${i}`).join(",")}}`,
      `${"[".repeat(100)}${"]".repeat(100)}`,
      ' \t {\t"a" : [ 1 , 2.50 ] }\t ',
    ];
    expect(disagreements(texts)).toEqual([]);
  });

  it("agrees on which texts are not JSON", () => {
    const texts = [
      "{",
      "[1,]",
      '{"a":1,}',
      "{'a':1}",
      "01",
      "1.",
      ".5",
      "+1",
      "-",
      '"\\x"',
      '"\\u12"',
      '"a\tb"',
      "tru",
      '{"a" 1}',
      "[1] x",
      "[1][2]",
      '"x',
    ];
    const python = runPython(TRY_SCRIPT, texts);
    expect(python).toEqual(texts.map(() => "ERR"));
    expect(texts.map(ours)).toEqual(python);
  });

  // Python's json.loads accepts NaN, Infinity and -Infinity; DRF's strict parser (the body's real
  // consumer under django-hmac-authentication) does not, and neither does pythonCompactJson: a deliberate difference.
  it("refuses NaN and Infinity literals like DRF's STRICT_JSON, unlike bare json.loads", () => {
    const texts = ["NaN", "Infinity", "-Infinity", "[NaN]"];
    expect(runPython(TRY_SCRIPT, texts)).toEqual(["NaN", "Infinity", "-Infinity", "[NaN]"]);
    expect(texts.map(ours)).toEqual(texts.map(() => "ERR"));
  });
});

describe("known divergences from Python / DRF (reported, not fixed)", () => {
  it("canonicalBody keeps a UTF-8 BOM, so the body is refused as DRF's JSONParser refuses it", () => {
    const rule = {
      hashAlgorithm: "signature",
      hashEncoding: "base64",
      empty: "empty-string",
      json: "python-compact",
      emptyFor: [],
    } as const;
    const withBom = Uint8Array.of(0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"a":1}'));
    expect(() => canonicalBody(withBom, rule)).toThrow(MalformedJsonError);
  });

  it("Python rejects whitespace-only, BOM-prefixed and non-JSON-whitespace texts; accepts 4300-digit integers", () => {
    const long = `1${"0".repeat(1500)}`;
    expect(runPython(TRY_SCRIPT, ["  ", "\t", "\u00a0", "\ufeff{}", long])).toEqual(["ERR", "ERR", "ERR", "ERR", long]);
  });

  it("regression: a whitespace-only body is treated as 'no body' (isEmpty) instead of invalid JSON", () => {
    expect(() => pythonCompactJson("  ")).toThrow(MalformedJsonError);
  });

  it("regression: a body of non-JSON whitespace (U+00A0) is treated as 'no body'", () => {
    expect(() => pythonCompactJson("\u00a0")).toThrow(MalformedJsonError);
  });

  it("regression: integers longer than 1100 digits are refused, though Python accepts up to 4300", () => {
    const long = `1${"0".repeat(1500)}`;
    expect(pythonCompactJson(long).text).toBe(long);
  });
});
