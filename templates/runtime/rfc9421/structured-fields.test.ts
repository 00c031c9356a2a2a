/**
 * RFC 8941 parsing and serialisation: the RFC's own examples, RFC 9421 Appendix B's Signature-Input
 * fields as fixtures, the malformed inputs a verifier must refuse, and two properties: parse(serialise(x))
 * gives x back, and the parser never throws, whatever the string.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BareItem,
  type Dictionary,
  type Item,
  type Member,
  type Parameters,
  parseDictionary,
  parseItem,
  serializeDictionary,
  serializeItem,
} from "./structured-fields.js";

const NUM_RUNS = Number(process.env.HMAC_PROPERTY_RUNS ?? 300);

describe("parseDictionary / serializeDictionary", () => {
  // RFC 9421 Appendix B.2.1-B.2.5 (the first three are RSA examples: here only fixtures for the parser).
  it.each([
    'sig-b21=();created=1618884473;keyid="test-key-rsa-pss";nonce="b3k2pp5k7z-50gnwp.yemd"',
    'sig-b22=("@authority" "content-digest" "@query-param";name="Pet");created=1618884473;keyid="test-key-rsa-pss";tag="header-example"',
    'sig-b23=("date" "@method" "@path" "@query" "@authority" "content-type" "content-digest" "content-length");created=1618884473;keyid="test-key-rsa-pss"',
    'sig-b25=("date" "@authority" "content-type");created=1618884473;keyid="test-shared-secret"',
    "sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:",
    "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:",
    // RFC 8941 §3.2 examples
    'en="Applepie", da=:w4ZibGV0w6ZydGUK:',
    "a=?0, b, c;foo=bar",
    "rating=1.5, feelings=(joy sadness)",
    "a=(1 2), b=3, c=4;aa=bb, d=(5 6);valid",
  ])("%s round-trips", (field) => {
    const parsed = parseDictionary(field);
    expect(parsed).toBeDefined();
    expect(serializeDictionary(parsed as Dictionary)).toBe(field);
  });

  it("reads the B.2.2 member: an inner list of strings with parameters", () => {
    const [[label, member] = ["", undefined]] =
      parseDictionary('sig1=("@method" "@query-param";name="Pet");created=1;tag="t"') ?? [];
    expect(label).toBe("sig1");
    expect(member).toEqual({
      kind: "innerList",
      items: [
        { kind: "item", value: { type: "string", value: "@method" }, params: [] },
        {
          kind: "item",
          value: { type: "string", value: "@query-param" },
          params: [["name", { type: "string", value: "Pet" }]],
        },
      ],
      params: [
        ["created", { type: "integer", value: 1 }],
        ["tag", { type: "string", value: "t" }],
      ],
    });
  });

  it("accepts optional whitespace around commas and leading/trailing spaces", () => {
    expect(serializeDictionary(parseDictionary("  a=1 ,\tb=2  ") as Dictionary)).toBe("a=1, b=2");
  });

  it("duplicate keys: the last value wins, in the first key's place (RFC 8941 §4.2.2)", () => {
    expect(serializeDictionary(parseDictionary("a=1, b=2, a=3") as Dictionary)).toBe("a=3, b=2");
    expect(serializeItem(parseItem('"x";n=1;n=2') as Item)).toBe('"x";n=2');
  });

  it.each([
    ["trailing comma", "a=1,"],
    ["upper-case key", "A=1"],
    ["key starting with a digit", "1a=1"],
    ["unterminated string", 'a="abc'],
    ["bad escape", 'a="a\\b"'],
    ["non-ASCII in a string", 'a="é"'],
    ["unterminated inner list", 'a=("x" "y"'],
    ["inner-list items without a space", 'a=("x""y")'],
    ["integer of 16 digits", "a=1234567890123456"],
    ["decimal with 4 fraction digits", "a=1.2345"],
    ["decimal ending in a dot", "a=1."],
    ["decimal with 13 integer digits", "a=1234567890123.1"],
    ["byte sequence without padding", "a=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8:"],
    ["byte sequence with non-zero pad bits", "a=:QR==:"],
    ["byte sequence with a bad character", "a=:ab-d:"],
    ["unterminated byte sequence", "a=:YWJj"],
    ["bad boolean", "a=?2"],
    ["garbage after an item", "a=1 b"],
    ["a lone comma", ","],
    ["tab before the first member", "\ta=1"],
  ])("refuses %s", (_label, field) => {
    expect(parseDictionary(field)).toBeUndefined();
  });

  it("an empty field is an empty dictionary", () => {
    expect(parseDictionary("")).toEqual([]);
  });
});

describe("serialising", () => {
  it("decimals: three digits at most, rounded half to even, one digit at least", () => {
    const decimal = (value: number) => serializeItem({ value: { type: "decimal", value }, params: [] });
    expect([decimal(1.5), decimal(2), decimal(0.0005), decimal(0.0015), decimal(-1.25)]).toEqual([
      "1.5",
      "2.0",
      "0.0",
      "0.002",
      "-1.25",
    ]);
  });

  it("refuses what RFC 8941 cannot express", () => {
    expect(() => serializeItem({ value: { type: "string", value: "é" }, params: [] })).toThrow(TypeError);
    expect(() => serializeItem({ value: { type: "integer", value: 1e16 }, params: [] })).toThrow(TypeError);
    expect(() => serializeItem({ value: { type: "token", value: "1a" }, params: [] })).toThrow(TypeError);
    expect(() =>
      serializeDictionary([["Bad", { kind: "item", value: { type: "integer", value: 1 }, params: [] }]]),
    ).toThrow(TypeError);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties

const key = fc.stringMatching(/^[a-z*][a-z0-9_\-.*]{0,8}$/);
const bareItem: fc.Arbitrary<BareItem> = fc.oneof(
  fc
    .integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 })
    .map((value): BareItem => ({ type: "integer", value })),
  fc.integer({ min: -99_999_999, max: 99_999_999 }).map((n): BareItem => ({ type: "decimal", value: n / 1000 })),
  fc.stringMatching(/^[\x20-\x7e]{0,12}$/).map((value): BareItem => ({ type: "string", value })),
  fc
    .stringMatching(/^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]{0,8}$/)
    .map((value): BareItem => ({ type: "token", value })),
  fc.uint8Array({ maxLength: 40 }).map((value): BareItem => ({ type: "binary", value })),
  fc.boolean().map((value): BareItem => ({ type: "boolean", value })),
);
/** Distinct keys, as a parsed dictionary or parameter list has (duplicates collapse, §4.2). */
const uniqueKeyed = <T>(value: fc.Arbitrary<T>, maxLength: number) =>
  fc.uniqueArray(fc.tuple(key, value), { selector: ([name]) => name, maxLength });
const params: fc.Arbitrary<Parameters> = uniqueKeyed(bareItem, 3);
const item: fc.Arbitrary<Item> = fc.record({ kind: fc.constant("item" as const), value: bareItem, params });
const member: fc.Arbitrary<Member> = fc.oneof(
  item,
  fc.record({ kind: fc.constant("innerList" as const), items: fc.array(item, { maxLength: 4 }), params }),
);

/** Decimals compare by their serialised thousandths, so -0 and 0 and float noise do not matter. */
function normalised(dictionary: Dictionary): string {
  return JSON.stringify(dictionary, (_k, v: unknown) =>
    v instanceof Uint8Array ? Array.from(v) : Object.is(v, -0) ? 0 : v,
  );
}

describe("properties", () => {
  it("parse(serialise(dictionary)) gives the dictionary back", () => {
    fc.assert(
      fc.property(uniqueKeyed(member, 5), (dictionary) => {
        const parsed = parseDictionary(serializeDictionary(dictionary));
        expect(parsed).toBeDefined();
        expect(normalised(parsed as Dictionary)).toBe(normalised(dictionary));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("the parser never throws, on any string or on a mutated valid field", () => {
    const valid = 'sig1=("@method" "@query-param";name="id");created=1;keyid="k", sig2=:YWJj:;x=?1';
    const mutated = fc
      .tuple(fc.nat(valid.length), fc.nat(valid.length), fc.string({ maxLength: 4 }))
      .map(([start, length, insert]) => valid.slice(0, start) + insert + valid.slice(start + Math.min(length, 3)));
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: "binary", maxLength: 40 }), mutated),
        (text) => {
          expect(() => parseDictionary(text)).not.toThrow();
          expect(() => parseItem(text)).not.toThrow();
          // What parses re-serialises to something that parses to the same thing.
          const parsed = parseDictionary(text);
          if (parsed)
            expect(normalised(parseDictionary(serializeDictionary(parsed)) as Dictionary)).toBe(normalised(parsed));
        },
      ),
      { numRuns: NUM_RUNS * 3 },
    );
  });
});
