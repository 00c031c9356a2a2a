/**
 * Known answers for the signing core's building blocks (encodings, timestamps, canonical query and path,
 * Python-compatible JSON, templates, the replay store) and for every reason code verifyRequest returns.
 * Tests named "regression:" pin bugs these tests found and the core has since fixed.
 */
import { describe, expect, it } from "vitest";
import type { PresetName } from "../../src/scheme/profiles/template/presets.js";
import { resolveScheme } from "../../src/scheme/resolve.js";
import { canonicalQuery } from "./canonical-query.js";
import { constantTimeEqual } from "./constant-time.js";
import {
  decodeDigest,
  decodeSecret,
  encodeDigest,
  fromBase64,
  fromBase64Url,
  fromHex,
  toBase64,
  toBase64Url,
  toHex,
  utf8,
} from "./encoding.js";
import { MemoryReplayStore, type ReplayStore, ReplayStoreUnavailableError } from "./replay-store.js";
import { SigningError, signRequest } from "./sign.js";
import { canonicalPath } from "./template/canonical-path.js";
import { algorithmFromLabel, algorithmLabel, MAX_CARRIER_LENGTH, parseTemplate, renderTemplate } from "./template/header-template.js";
import { MalformedJsonError, pythonCompactJson } from "./template/python-json.js";
import { checkFreshness, formatTimestamp, parseTimestamp } from "./template/timestamp.js";
import type { HashAlgorithm, HmacScheme, QueryRule, RequestDescription, TimestampFormat, TimestampRule } from "./types.js";
import { KeyConfigurationError, type Secret, type VerifyOptions, type VerifyResult, verifyRequest } from "./verify.js";

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const text = (value: Uint8Array | undefined): string | undefined => (value ? new TextDecoder().decode(value) : undefined);

// ---------------------------------------------------------------------------------------------------
describe("encoding", () => {
  it("hex: lower-case out, either case in, strict length and alphabet", () => {
    expect(toHex(bytes(0, 1, 0x0f, 0xab, 0xff))).toBe("00010fabff");
    expect(encodeDigest(bytes(0xab, 0xcd), "HEX")).toBe("ABCD");
    expect(fromHex("00010FabFF")).toEqual(bytes(0, 1, 0x0f, 0xab, 0xff));
    expect(fromHex("")).toEqual(bytes());
    expect(fromHex("abc")).toBeUndefined();
    expect(fromHex("zz")).toBeUndefined();
    expect(fromHex("ab cd")).toBeUndefined();
    expect(fromHex("0x12")).toBeUndefined();
    expect(fromHex("abcd\n")).toBeUndefined();
  });

  it("base64: RFC 4648 §4 with padding", () => {
    expect(toBase64(utf8("hello"))).toBe("aGVsbG8=");
    expect(toBase64(utf8("hell"))).toBe("aGVsbA==");
    expect(toBase64(bytes())).toBe("");
    expect(text(fromBase64("aGVsbG8="))).toBe("hello");
    expect(fromBase64("")).toEqual(bytes());
    expect(fromBase64("QQ==")).toEqual(bytes(0x41));
    expect(fromBase64("+/8=")).toEqual(bytes(0xfb, 0xff));
  });

  it("base64: rejects bad padding, non-canonical trailing bits, whitespace and the url alphabet", () => {
    for (const bad of [
      "aGVsbG8", // padding missing
      "aGVsbG8==", // too much padding
      "aGVsbA=", // short padding
      "aGVs=bG8", // padding in the middle
      "=aGV",
      "QR==", // non-canonical: decodes like "QQ==" in lenient decoders
      "aGVsbG9=", // non-canonical final character
      "aGVs bG8=",
      " aGVsbG8=",
      "aGVsbG8=\n",
      "aGVs\tbG8=",
      "-_8=", // base64url alphabet
      "aGVsbG8===",
    ]) {
      expect(fromBase64(bad), bad).toBeUndefined();
    }
  });

  it("base64url: unpadded, url alphabet, canonical", () => {
    expect(toBase64Url(bytes(0xfb, 0xff))).toBe("-_8");
    expect(toBase64Url(utf8("hello"))).toBe("aGVsbG8");
    expect(encodeDigest(bytes(0xfb, 0xff), "base64url")).toBe("-_8");
    expect(fromBase64Url("-_8")).toEqual(bytes(0xfb, 0xff));
    expect(text(fromBase64Url("aGVsbG8"))).toBe("hello");
    expect(fromBase64Url("")).toEqual(bytes());
    for (const bad of ["aGVsbG8=", "+/8", "A", "QR", "aGVs bG8", "aGVsbG9"]) {
      expect(fromBase64Url(bad), bad).toBeUndefined();
    }
  });

  it("decodeDigest dispatches on the scheme's encoding", () => {
    expect(decodeDigest("ABCD", "hex")).toEqual(bytes(0xab, 0xcd));
    expect(decodeDigest("abcd", "HEX")).toEqual(bytes(0xab, 0xcd));
    expect(decodeDigest("q80=", "base64")).toEqual(bytes(0xab, 0xcd));
    expect(decodeDigest("q80", "base64url")).toEqual(bytes(0xab, 0xcd));
    expect(decodeDigest("q80", "base64")).toBeUndefined();
    expect(decodeDigest("q80=", "base64url")).toBeUndefined();
  });

  it("decodeSecret: text in the configured encoding, or raw bytes as they are", () => {
    expect(decodeSecret("abc", "utf8")).toEqual(utf8("abc"));
    expect(decodeSecret("café", "utf8")).toEqual(bytes(0x63, 0x61, 0x66, 0xc3, 0xa9));
    expect(decodeSecret("aGVsbG8=", "base64")).toEqual(utf8("hello"));
    expect(decodeSecret("aGVsbG8", "base64")).toBeUndefined();
    expect(decodeSecret("ABcd", "hex")).toEqual(bytes(0xab, 0xcd));
    expect(decodeSecret("abc", "hex")).toBeUndefined();
    const raw = bytes(1, 2, 3);
    expect(decodeSecret(raw, "base64")).toBe(raw);
  });
});

describe("constantTimeEqual", () => {
  it("is plain string equality", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("", "")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "ab")).toBe(false);
    expect(constantTimeEqual("ab", "abc")).toBe(false);
    expect(constantTimeEqual("abc", "")).toBe(false);
    expect(constantTimeEqual("", "a")).toBe(false);
    expect(constantTimeEqual("abc", "ABC")).toBe(false);
    // charCodeAt past the end is NaN; a received "\0" must not pass for a missing character.
    expect(constantTimeEqual("ab", "ab\u0000")).toBe(false);
    expect(constantTimeEqual("ab\u0000", "ab")).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------
function timestampRule(format: TimestampFormat, extra: Partial<TimestampRule> = {}): TimestampRule {
  return {
    carrier: { in: "header", name: "X-Timestamp" },
    format,
    fractionDigits: 3,
    utcSuffix: "Z",
    pastSeconds: 300,
    futureSeconds: 300,
    ...extra,
  };
}

describe("timestamps", () => {
  const at = 1_683_468_937_862; // 2023-05-07T14:15:37.862Z

  it("unix: whole seconds, digits only", () => {
    const rule = timestampRule("unix");
    expect(formatTimestamp(at, rule)).toBe("1683468937");
    expect(formatTimestamp(1_700_000_000_999, rule)).toBe("1700000000");
    expect(parseTimestamp("1683468937", rule)).toBe(1_683_468_937_000);
    expect(parseTimestamp("0", rule)).toBe(0);
    for (const bad of ["", "-1", "+1", "1.5", "1e9", " 1", "1 ", "0x10", "1683468937862", "abc", "１２"]) {
      expect(parseTimestamp(bad, rule), bad).toBeUndefined();
    }
  });

  it("unix-ms: whole milliseconds", () => {
    const rule = timestampRule("unix-ms");
    expect(formatTimestamp(at, rule)).toBe("1683468937862");
    expect(formatTimestamp(at + 0.9, rule)).toBe("1683468937862");
    expect(parseTimestamp("1683468937862", rule)).toBe(at);
    expect(parseTimestamp("1683468937.862", rule)).toBeUndefined();
    expect(parseTimestamp("1".repeat(16), rule)).toBeUndefined();
  });

  it("iso8601: Python isoformat() with 6 digits and +00:00, or Z, or no fraction", () => {
    expect(formatTimestamp(at, timestampRule("iso8601", { fractionDigits: 6, utcSuffix: "+00:00" }))).toBe(
      "2023-05-07T14:15:37.862000+00:00",
    );
    expect(formatTimestamp(at, timestampRule("iso8601", { fractionDigits: 3, utcSuffix: "Z" }))).toBe("2023-05-07T14:15:37.862Z");
    expect(formatTimestamp(at, timestampRule("iso8601", { fractionDigits: 0, utcSuffix: "Z" }))).toBe("2023-05-07T14:15:37Z");
    expect(formatTimestamp(at, timestampRule("iso8601", { fractionDigits: 0, utcSuffix: "+00:00" }))).toBe("2023-05-07T14:15:37+00:00");
  });

  it("iso8601: any explicit offset is accepted, naive and impossible timestamps are not", () => {
    const rule = timestampRule("iso8601");
    const cases: Array<[string, number]> = [
      ["2023-05-07T14:15:37.862000+00:00", at],
      ["2023-05-07T14:15:37.862Z", at],
      ["2023-05-07T14:15:37Z", at - 862],
      ["2023-05-07T19:45:37.862+05:30", at],
      ["2023-05-07T19:45:37.862+0530", at],
      ["2023-05-07T06:15:37.862-08:00", at],
      ["2023-05-07 14:15:37.862+00:00", at], // Python's str(datetime) uses a space
      ["2023-05-07T14:15:37.862000123Z", at],
      ["2024-02-29T00:00:00Z", Date.UTC(2024, 1, 29)],
      ["1970-01-01T00:00:00+00:00", 0],
    ];
    for (const [value, expected] of cases) expect(parseTimestamp(value, rule), value).toBeCloseTo(expected, 3);
    for (const bad of [
      "2023-05-07T14:15:37.862", // naive: no offset
      "2023-05-07T14:15:37",
      "2023-02-31T00:00:00Z",
      "2023-02-29T00:00:00Z",
      "2023-04-31T00:00:00Z",
      "2023-13-01T00:00:00Z",
      "2023-00-10T00:00:00Z",
      "2023-05-00T00:00:00Z",
      "2023-05-07T24:00:00Z",
      "2023-05-07T14:60:00Z",
      "2023-05-07T14:15:60Z", // no leap seconds
      "2023-05-07T14:15:37+24:00",
      "2023-05-07T14:15:37+05:60",
      "2023-05-07T14:15:37z",
      "2023-05-07T14:15:37.Z",
      "2023-05-07",
      "20230507T141537Z",
      " 2023-05-07T14:15:37Z",
      "2023-05-07T14:15:37Z ",
    ]) {
      expect(parseTimestamp(bad, rule), bad).toBeUndefined();
    }
  });

  it("regression: iso8601 years 0000-0099 parse as 1900-1999 (Date.UTC two-digit year rule)", () => {
    expect(parseTimestamp("0099-01-01T00:00:00Z", timestampRule("iso8601"))).toBe(Date.parse("0099-01-01T00:00:00Z"));
  });

  it("http-date: RFC 9110 IMF-fixdate, weekday checked", () => {
    const rule = timestampRule("http-date");
    expect(formatTimestamp(784_111_777_000, rule)).toBe("Sun, 06 Nov 1994 08:49:37 GMT");
    expect(formatTimestamp(784_111_777_999, rule)).toBe("Sun, 06 Nov 1994 08:49:37 GMT");
    expect(parseTimestamp("Sun, 06 Nov 1994 08:49:37 GMT", rule)).toBe(784_111_777_000);
    for (const bad of [
      "Mon, 06 Nov 1994 08:49:37 GMT", // wrong weekday
      "Sunday, 06-Nov-94 08:49:37 GMT", // RFC 850
      "Sun Nov  6 08:49:37 1994", // asctime
      "Sun, 6 Nov 1994 08:49:37 GMT",
      "Sun, 06 Nov 1994 08:49:37 UTC",
      "Thu, 31 Feb 1994 08:49:37 GMT",
      "sun, 06 nov 1994 08:49:37 GMT",
    ]) {
      expect(parseTimestamp(bad, rule), bad).toBeUndefined();
    }
  });

  it("checkFreshness: past and future tolerances are separate and inclusive", () => {
    const now = 1_700_000_000_000;
    const djangoHmac = timestampRule("iso8601", { pastSeconds: 5, futureSeconds: 0 });
    expect(checkFreshness(now, now, djangoHmac)).toBe("fresh");
    expect(checkFreshness(now - 5000, now, djangoHmac)).toBe("fresh");
    expect(checkFreshness(now - 5001, now, djangoHmac)).toBe("stale");
    expect(checkFreshness(now + 1, now, djangoHmac)).toBe("future");
    const asymmetric = timestampRule("unix", { pastSeconds: 60, futureSeconds: 10 });
    expect(checkFreshness(now - 60_000, now, asymmetric)).toBe("fresh");
    expect(checkFreshness(now - 60_001, now, asymmetric)).toBe("stale");
    expect(checkFreshness(now + 10_000, now, asymmetric)).toBe("fresh");
    expect(checkFreshness(now + 10_001, now, asymmetric)).toBe("future");
  });
});

// ---------------------------------------------------------------------------------------------------
describe("canonicalQuery", () => {
  const seed004: QueryRule = { form: "canonical", plus: "space", safe: "-_.~", hexCase: "upper", sort: true, blanks: "keep" };

  it("the nextcloud presets use the seed 004 rule", () => {
    expect(scheme("nextcloud-drf").query).toEqual(seed004);
    expect(scheme("nextcloud-drf-base64").query).toEqual(seed004);
  });

  it.each([
    ["b=2&a=1&a=0", "a=0&a=1&b=2"],
    ["q=a+b", "q=a%20b"],
    ["q=a%20b", "q=a%20b"],
    ["q=%2B", "q=%2B"],
    ["x=%7E", "x=~"],
    ["x=%7e", "x=~"],
    ["x=~", "x=~"],
    ["bare", "bare="],
    ["a=&bare&c=1", "a=&bare=&c=1"],
    ["a=1&&b=2&", "a=1&b=2"],
    ["&&", ""],
    ["", ""],
    ["10=a&9=b&1=c", "1=c&10=a&9=b"], // keys sort as strings
    ["a=b&a=B&a=a", "a=B&a=a&a=b"], // ordinal: upper case first
    ["q=caf%c3%a9", "q=caf%C3%A9"],
    ["q=café", "q=caf%C3%A9"],
    ["q=%zz", "q=%25zz"],
    ["q=%", "q=%25"],
    ["a=1=2", "a=1%3D2"],
    ["k%20y=v", "k%20y=v"],
    ["x[]=1", "x%5B%5D=1"],
    ["q=-_.~!*'()", "q=-_.~%21%2A%27%28%29"],
    ["q=/?:@", "q=%2F%3F%3A%40"],
  ])("%j -> %j", (raw, expected) => {
    expect(canonicalQuery(raw, seed004)).toBe(expected);
  });

  it("honours the other knobs", () => {
    expect(canonicalQuery("a=&b&c=1", { ...seed004, blanks: "drop" })).toBe("c=1");
    expect(canonicalQuery("q=a+b", { ...seed004, plus: "literal" })).toBe("q=a%2Bb");
    expect(canonicalQuery("q=%c3%A9", { ...seed004, hexCase: "lower" })).toBe("q=%c3%a9");
    expect(canonicalQuery("b=2&a=1", { ...seed004, sort: false })).toBe("b=2&a=1");
    // Segments with and without "=" mixed, and "=" inside a value: the remembered next "=" must not leak
    // from one segment into another.
    expect(canonicalQuery("b&a=1&c=2=3&&d&", seed004)).toBe("a=1&b=&c=2%3D3&d=");

    expect(canonicalQuery("b=%7e&a=1+", { ...seed004, form: "as-sent" })).toBe("b=%7e&a=1+");
  });
});

describe("canonicalPath", () => {
  it.each([
    ["/files/caf%C3%A9/", "/files/café/"],
    ["/files/caf%c3%a9", "/files/café"],
    ["/%7Euser/", "/~user/"],
    ["/a+b", "/a+b"],
    ["/a%20b", "/a b"],
    ["/a%2Fb", "/a/b"],
    ["/a%252F", "/a%2F"],
    ["/%F0%9F%98%80", "/😀"],
    ["/%FF/", "/%FF/"], // not UTF-8: signed as sent
    ["/%C3", "/%C3"],
    ["/%zz", "/%zz"],
    ["/", "/"],
    ["/trailing/", "/trailing/"],
  ])("decoded %j -> %j", (raw, expected) => {
    expect(canonicalPath(raw, "decoded")).toBe(expected);
  });

  it("as-sent is the raw path", () => {
    expect(canonicalPath("/files/caf%C3%A9/", "as-sent")).toBe("/files/caf%C3%A9/");
  });

  it.each([
    ["/files/caf%c3%a9/", "/files/caf%C3%A9/"],
    ["/files/café/", "/files/caf%C3%A9/"],
    ["/%7euser", "/~user"],
    ["/a%2fb", "/a%2Fb"], // an encoded slash stays inside its segment
    ["/a b", "/a%20b"],
    ["/%FF", "/%FF"],
    ["/", "/"],
  ])("reencoded %j -> %j", (raw, expected) => {
    expect(canonicalPath(raw, "reencoded")).toBe(expected);
  });

  it("regression: reencoded percent-encodes reserved characters, so /a;b and /a%3Bb (not equivalent, RFC 3986 §2.2) sign alike", () => {
    // RFC 3986 §6.2.2.2 only decodes unreserved characters; reserved ones keep their form.
    expect(canonicalPath("/a;b", "reencoded")).toBe("/a;b");
    expect(canonicalPath("/a+b=c", "reencoded")).toBe("/a+b=c");
    expect(canonicalPath("/a;b", "reencoded")).not.toBe(canonicalPath("/a%3Bb", "reencoded"));
  });
});

// ---------------------------------------------------------------------------------------------------
describe("pythonCompactJson", () => {
  it.each([
    ['{"a": "é"}', '{"a":"\\u00e9"}'],
    ['"\\u00E9"', '"\\u00e9"'],
    ['"😀"', '"\\ud83d\\ude00"'],
    ['"\\ud83d\\ude00"', '"\\ud83d\\ude00"'],
    ['"\\ud800"', '"\\ud800"'], // a lone surrogate survives, as in Python
    ['"\\u007f\\u0001\\/"', '"\\u007f\\u0001/"'],
    ['"\\b\\f\\n\\r\\t\\"\\\\"', '"\\b\\f\\n\\r\\t\\"\\\\"'],
    ['"café € 😀"', '"caf\\u00e9 \\u20ac \\ud83d\\ude00"'],
    ["1.0", "1.0"],
    ["100.0", "100.0"],
    ["1e2", "100.0"],
    ["1e16", "1e+16"],
    ["1E16", "1e+16"],
    ["1e15", "1000000000000000.0"],
    ["1e22", "1e+22"],
    ["1e-5", "1e-05"],
    ["2.5E-5", "2.5e-05"],
    ["-1.25e-7", "-1.25e-07"],
    ["0.00001", "1e-05"],
    ["0.0001", "0.0001"],
    ["1e-4", "0.0001"],
    ["0.1", "0.1"],
    ["123456789.125", "123456789.125"],
    ["1.5e300", "1.5e+300"],
    ["1.7976931348623157e308", "1.7976931348623157e+308"],
    ["5e-324", "5e-324"],
    ["1e400", "Infinity"],
    ["-1e400", "-Infinity"],
    ["-0.0", "-0.0"],
    ["0e0", "0.0"],
    ["-0", "0"],
    ["12345678901234567890", "12345678901234567890"],
    ["9007199254740993", "9007199254740993"],
    ["9007199254740993.0", "9007199254740992.0"],
    ['{"b":1,"2":2,"1":3}', '{"b":1,"2":2,"1":3}'], // JSON.parse would move "1" and "2" first
    ['{"a":1,"b":2,"a":3}', '{"a":3,"b":2}'], // first position, last value
    [' { "a" : [ 1 , 2.50 ] }\n', '{"a":[1,2.5]}'],
    ['[true,false,null,{"x":[]}]', '[true,false,null,{"x":[]}]'],
  ])("%s -> %s", (source, expected) => {
    expect(pythonCompactJson(source).text).toBe(expected);
  });

  it("reports what Python treats as falsy, which is then not hashed", () => {
    for (const falsy of ["", "{}", "[]", '""', "0", "-0", "0.0", "-0.0", "0e5", "false", "null", " {} "]) {
      expect(pythonCompactJson(falsy).isEmpty, falsy).toBe(true);
    }
    for (const truthy of ["[0]", '{"a":null}', '"0"', '" "', "1", "0.5", "true", "[[]]"]) {
      expect(pythonCompactJson(truthy).isEmpty, truthy).toBe(false);
    }
  });

  it("rejects what DRF's strict JSON parser rejects (json.loads, plus NaN and Infinity)", () => {
    for (const bad of [
      "{",
      "[1,]",
      '{"a":1,}',
      "{'a':1}",
      "NaN",
      "Infinity",
      "01",
      "1.",
      ".5",
      "+1",
      '"\\x"',
      '"\\u12"',
      '"a\nb"',
      '"tab\there"',
      "tru",
      '{"a" 1}',
      "[1] x",
      "[1][2]",
      '"unterminated',
    ]) {
      expect(() => pythonCompactJson(bad), bad).toThrow(MalformedJsonError);
    }
  });

  it("bounds nesting at 512 levels (a guard: Python itself accepts up to about 1000)", () => {
    expect(pythonCompactJson(`${"[".repeat(512)}${"]".repeat(512)}`).text).toHaveLength(1024);
    expect(() => pythonCompactJson(`${"[".repeat(600)}${"]".repeat(600)}`)).toThrow(MalformedJsonError);
  });
});

// ---------------------------------------------------------------------------------------------------
describe("parseTemplate / renderTemplate", () => {
  const djangoHmac = "{algorithm} {keyId};{signature};{timestamp}";

  it("round-trips django_hmac_authentication's Authorization header", () => {
    const values = { algorithm: "HMAC-SHA512", keyId: "key-1", signature: "c2ln+/==", timestamp: "2023-05-07T14:15:37.862000+00:00" };
    const rendered = renderTemplate(djangoHmac, values);
    expect(rendered).toBe("HMAC-SHA512 key-1;c2ln+/==;2023-05-07T14:15:37.862000+00:00");
    expect(parseTemplate(djangoHmac, rendered)).toEqual(values);
  });

  it("parses prefixes and plain signatures", () => {
    expect(parseTemplate("{signature}", "abc")).toEqual({ signature: "abc" });
    expect(parseTemplate("sha256={signature}", "sha256=abc")).toEqual({ signature: "abc" });
    expect(renderTemplate("sha256={signature}", { signature: "abc" })).toBe("sha256=abc");
    expect(renderTemplate(djangoHmac, { signature: "s" })).toBe(" ;s;"); // missing values render empty
  });

  it("rejects text without the template's shape", () => {
    expect(parseTemplate("sha256={signature}", "sha1=abc")).toBeUndefined();
    expect(parseTemplate("sha256={signature}", "sha256=")).toBeUndefined(); // empty placeholder
    expect(parseTemplate("{signature}", "")).toBeUndefined();
    expect(parseTemplate("{signature};", "abc;x")).toBeUndefined(); // trailing data
    expect(parseTemplate(djangoHmac, "HMAC-SHA512 key;sig")).toBeUndefined();
    expect(parseTemplate(djangoHmac, "HMAC-SHA512key;sig;ts")).toBeUndefined();
    expect(parseTemplate(djangoHmac, " key;sig;ts")).toBeUndefined();
    expect(parseTemplate(djangoHmac, "HMAC-SHA512 ;sig;ts")).toBeUndefined();
  });

  it("splits each placeholder at the first character of the next literal (no backtracking)", () => {
    expect(parseTemplate(djangoHmac, "HMAC-SHA512 k;x;sig;ts")).toEqual({
      algorithm: "HMAC-SHA512",
      keyId: "k",
      signature: "x",
      timestamp: "sig;ts",
    });
  });

  it("refuses overlong input before doing any work", () => {
    expect(parseTemplate("{signature}", "a".repeat(MAX_CARRIER_LENGTH))).toEqual({ signature: "a".repeat(MAX_CARRIER_LENGTH) });
    expect(parseTemplate("{signature}", "a".repeat(MAX_CARRIER_LENGTH + 1))).toBeUndefined();
    expect(parseTemplate(djangoHmac, `HMAC-SHA512 k;${"s".repeat(1_000_000)}`)).toBeUndefined();
  });

  it("algorithm labels", () => {
    expect(algorithmLabel("sha512")).toBe("HMAC-SHA512");
    expect(algorithmFromLabel("HMAC-SHA256")).toBe("sha256");
    expect(algorithmFromLabel("hmac-sha256")).toBeUndefined();
    expect(algorithmFromLabel("HMAC-MD5")).toBeUndefined();
    expect(algorithmFromLabel("toString")).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------
describe("MemoryReplayStore", () => {
  it("remembers a nonce per scope until its TTL has passed", () => {
    let clock = 1000;
    const store = new MemoryReplayStore({ now: () => clock });
    expect(store.claim("s:k", "n1", 500)).toBe(true);
    expect(store.claim("s:k", "n1", 500)).toBe(false);
    expect(store.claim("s:other", "n1", 500)).toBe(true);
    clock = 1500; // the last millisecond of the TTL still counts (inclusive, like the timestamp window)
    expect(store.claim("s:k", "n1", 500)).toBe(false);
    clock = 1501;
    expect(store.claim("s:k", "n1", 500)).toBe(true);
    expect(store.claim("s:k", "n1", 500)).toBe(false);
  });

  it("refuses (throws) when full of live nonces instead of evicting one, and accepts again after expiry", () => {
    let clock = 0;
    const store = new MemoryReplayStore({ maxEntries: 2, now: () => clock });
    expect(store.claim("s", "a", 1000)).toBe(true);
    expect(store.claim("s", "b", 2000)).toBe(true);
    expect(() => store.claim("s", "c", 1000)).toThrow(ReplayStoreUnavailableError);
    expect(store.size).toBe(2);
    // Replays of the live nonces are still recognised while full.
    expect(store.claim("s", "a", 1000)).toBe(false);
    clock = 1000;
    expect(() => store.claim("s", "c", 1000)).toThrow(ReplayStoreUnavailableError);
    clock = 1001; // "a" has expired
    expect(store.claim("s", "c", 1000)).toBe(true);
    expect(store.claim("s", "c", 1000)).toBe(false);
    expect(store.claim("s", "b", 1000)).toBe(false);
    expect(() => store.claim("s", "d", 1000)).toThrow(ReplayStoreUnavailableError);
    clock = 5000;
    expect(store.claim("s", "d", 1000)).toBe(true);
    expect(store.size).toBe(1);
  });

  it("sweeps expired entries even when a longer-lived one is older", () => {
    let clock = 0;
    const store = new MemoryReplayStore({ maxEntries: 2, now: () => clock });
    expect(store.claim("s", "long", 10_000)).toBe(true);
    expect(store.claim("s", "short", 10)).toBe(true);
    clock = 20;
    expect(store.claim("s", "next", 10)).toBe(true);
    expect(store.size).toBe(2);
  });

  it("drops expired nonces as time passes, though claims skip the sweep until the oldest expires", () => {
    let clock = 0;
    const store = new MemoryReplayStore({ now: () => clock });
    for (let i = 0; i < 100; i++) expect(store.claim("s", `n${i}`, 10)).toBe(true);
    expect(store.size).toBe(100);
    clock = 10; // the oldest is still live (inclusive): nothing to drop
    expect(store.claim("s", "m", 10)).toBe(true);
    expect(store.size).toBe(101);
    clock = 11;
    expect(store.claim("s", "later", 10)).toBe(true);
    expect(store.size).toBe(2);
    expect(store.claim("s", "m", 10)).toBe(false);
    expect(store.claim("s", "n0", 10)).toBe(true);
  });

  it("a nonce claimed again after it expired stays refused for its new TTL (its old slot is skipped, not swept)", () => {
    let clock = 0;
    const store = new MemoryReplayStore({ now: () => clock });
    expect(store.claim("s", "n", 10)).toBe(true);
    clock = 11;
    expect(store.claim("s", "n", 10)).toBe(true);
    clock = 15; // the first claim's slot is swept here: it must not take the second claim with it
    expect(store.claim("s", "other", 10)).toBe(true);
    expect(store.claim("s", "n", 10)).toBe(false);
    expect(store.size).toBe(2);
  });

  it("counts and sweeps every scope: a scope's expired nonces go, another's live ones stay refused", () => {
    let clock = 0;
    const store = new MemoryReplayStore({ maxEntries: 3, now: () => clock });
    expect(store.claim("a", "x", 10)).toBe(true);
    expect(store.claim("b", "x", 100)).toBe(true);
    expect(store.claim("b", "y", 100)).toBe(true);
    expect(() => store.claim("c", "z", 10)).toThrow(ReplayStoreUnavailableError);
    clock = 11; // "a" has emptied: its slot is free again, "b" keeps both
    expect(store.claim("c", "z", 10)).toBe(true);
    expect(store.size).toBe(3);
    expect(store.claim("b", "x", 100)).toBe(false);
    // Full of live nonces again: a's expired nonce may be used again, but there is no slot for it.
    expect(() => store.claim("a", "x", 10)).toThrow(ReplayStoreUnavailableError);
    clock = 22;
    expect(store.claim("a", "x", 10)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// verifyRequest reason codes

const SIGNATURE_HEADER: Record<PresetName, string> = {
  "nextcloud-drf": "X-Signature",
  "nextcloud-drf-base64": "X-Signature",
  "django-hmac-authentication": "Authorization",
  "django-api-key": "X-Signature",
  "django-api-signing": "Signature",
};

function scheme(preset: PresetName): HmacScheme {
  const result = resolveScheme(
    { preset },
    { name: preset, pointer: "#", type: "apiKey", in: "header", parameterName: SIGNATURE_HEADER[preset] },
  );
  if (!result.scheme || result.scheme.profile) throw new Error(JSON.stringify(result.issues));
  return result.scheme;
}

const NOW = 1_700_000_000_000; // a whole second: unix timestamps are exact
const NONCE = "0123456789abcdef0123456789abcdef";
const SECRETS = {
  base64: Buffer.from("a 32-byte secret for these tests").toString("base64"),
  utf8: "an api key secret",
  hex: "00112233445566778899aabbccddeeff",
};
const KEY_ID = "client-1";

interface Fixture {
  scheme: HmacScheme;
  request: RequestDescription & { headers: Record<string, string> };
  secret: string;
  signature: string;
  verify(request?: RequestDescription, options?: Partial<VerifyOptions>): Promise<VerifyResult>;
}

async function fixture(
  preset: PresetName,
  init: { method?: string; url?: string; body?: string; nonce?: string; algorithm?: HashAlgorithm } = {},
): Promise<Fixture> {
  const s = scheme(preset);
  const secret = SECRETS[s.secretEncoding];
  const body = init.body === undefined ? undefined : utf8(init.body);
  const method = init.method ?? "POST";
  const url = init.url ?? "/api/v1/items/?b=2&a=1";
  const signed = await signRequest(
    s,
    { method, url, headers: { "Content-Type": "application/json" }, body },
    { keyId: KEY_ID, secret },
    { now: () => NOW, nonce: () => init.nonce ?? NONCE, algorithm: init.algorithm },
  );
  const request = { method, url: signed.url, headers: { "Content-Type": "application/json", ...signed.headers }, body };
  return {
    scheme: s,
    request,
    secret,
    signature: signed.signature,
    verify: (changed = request, options = {}) => verifyRequest(s, changed, { resolveKey: () => secret, now: () => NOW, ...options }),
  };
}

function withHeaders(request: Fixture["request"], changes: Record<string, string | undefined>): Fixture["request"] {
  const headers = { ...request.headers };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return { ...request, headers };
}

const failure = (reason: string, status = 401) => ({ ok: false, reason, status });

describe("verifyRequest: nextcloud-drf", () => {
  it("accepts the signed request", async () => {
    const f = await fixture("nextcloud-drf");
    expect(Object.keys(f.request.headers).sort()).toEqual(["Content-Type", "X-Client-Id", "X-Nonce", "X-Signature", "X-Timestamp"]);
    expect(f.request.headers["X-Timestamp"]).toBe("1700000000");
    expect(await f.verify()).toEqual({ ok: true, scheme: "nextcloud-drf", keyId: KEY_ID, algorithm: "sha256" });
  });

  it("missing or empty credentials -> missing_credentials", async () => {
    const f = await fixture("nextcloud-drf");
    for (const name of ["X-Signature", "X-Client-Id", "X-Timestamp", "X-Nonce"]) {
      expect(await f.verify(withHeaders(f.request, { [name]: undefined })), name).toMatchObject(failure("missing_credentials"));
      expect(await f.verify(withHeaders(f.request, { [name]: "" })), name).toMatchObject(failure("missing_credentials"));
    }
    expect(await f.verify(withHeaders(f.request, { "X-Signature": "   " }))).toMatchObject(failure("missing_credentials"));
  });

  it("a header and its legacy alias with different values -> conflicting_headers", async () => {
    const f = await fixture("nextcloud-drf");
    const sig = f.request.headers["X-Signature"] ?? "";
    const conflicts: Record<string, string> = {
      "X-NC-CLIENT-ID": "client-2",
      "X-NC-TIMESTAMP": "1700000001",
      "X-NC-NONCE": NONCE.replace("0", "f"),
      "X-NC-SIGNATURE": sig.replace(/^./, sig.startsWith("0") ? "1" : "0"),
    };
    for (const [alias, value] of Object.entries(conflicts)) {
      expect(await f.verify(withHeaders(f.request, { [alias]: value })), alias).toMatchObject(failure("conflicting_headers"));
    }
    // Both present and agreeing, as Nextcloud sends them: fine.
    const both = withHeaders(f.request, { "X-NC-CLIENT-ID": KEY_ID, "x-nc-timestamp": "1700000000", "X-NC-NONCE": NONCE });
    expect(await f.verify(both)).toMatchObject({ ok: true });
  });

  it("the legacy X-NC-* names alone are accepted", async () => {
    const f = await fixture("nextcloud-drf");
    const h = f.request.headers;
    const legacy = {
      ...f.request,
      headers: {
        "X-NC-CLIENT-ID": h["X-Client-Id"] ?? "",
        "X-NC-TIMESTAMP": h["X-Timestamp"] ?? "",
        "X-NC-NONCE": h["X-Nonce"] ?? "",
        "X-NC-SIGNATURE": h["X-Signature"] ?? "",
      },
    };
    expect(await f.verify(legacy)).toEqual({ ok: true, scheme: "nextcloud-drf", keyId: KEY_ID, algorithm: "sha256" });
  });

  it("hex is case-insensitive under this preset: an upper-case signature verifies", async () => {
    const f = await fixture("nextcloud-drf");
    expect(f.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(f.signature).toMatch(/[a-f]/);
    expect(await f.verify(withHeaders(f.request, { "X-Signature": f.signature.toUpperCase() }))).toMatchObject({ ok: true });
  });

  it("a signature that is not hex -> malformed_signature", async () => {
    const f = await fixture("nextcloud-drf");
    for (const bad of [`zz${f.signature.slice(2)}`, f.signature.slice(1), `${f.signature} x`, `0x${f.signature}`]) {
      expect(await f.verify(withHeaders(f.request, { "X-Signature": bad })), bad).toMatchObject(failure("malformed_signature"));
    }
    // Well-formed hex of the wrong length is simply a wrong signature.
    expect(await f.verify(withHeaders(f.request, { "X-Signature": f.signature.slice(2) }))).toMatchObject(failure("bad_signature"));
  });

  it("unknown key id -> unknown_key", async () => {
    const f = await fixture("nextcloud-drf");
    const seen: Array<[string | undefined, string]> = [];
    const resolveKey = (keyId: string | undefined, schemeName: string) => {
      seen.push([keyId, schemeName]);
      return undefined;
    };
    expect(await f.verify(f.request, { resolveKey })).toMatchObject(failure("unknown_key"));
    expect(seen).toEqual([[KEY_ID, "nextcloud-drf"]]);
    expect(await f.verify(f.request, { resolveKey: async () => [] })).toMatchObject(failure("unknown_key"));
  });

  it("a malformed key id or nonce -> malformed_header", async () => {
    const f = await fixture("nextcloud-drf");
    expect(await f.verify(withHeaders(f.request, { "X-Client-Id": "client 1" }))).toMatchObject(failure("malformed_header"));
    expect(await f.verify(withHeaders(f.request, { "X-Client-Id": "k".repeat(257) }))).toMatchObject(failure("malformed_header"));
    expect(await f.verify(withHeaders(f.request, { "X-Nonce": "a nonce" }))).toMatchObject(failure("malformed_header"));
    expect(await f.verify(withHeaders(f.request, { "X-Nonce": "é" }))).toMatchObject(failure("malformed_header"));
    expect(await f.verify(withHeaders(f.request, { "X-Signature": "a".repeat(MAX_CARRIER_LENGTH + 2) }))).toMatchObject(
      failure("malformed_header"),
    );
  });

  it("a malformed timestamp -> malformed_timestamp", async () => {
    const f = await fixture("nextcloud-drf");
    for (const bad of ["abc", "1700000000.5", "-1700000000", "1.7e9", "2023-11-14T22:13:20Z", "1700000000000000"]) {
      expect(await f.verify(withHeaders(f.request, { "X-Timestamp": bad })), bad).toMatchObject(failure("malformed_timestamp"));
    }
  });

  it("stale and future timestamps, 300 s either way inclusive", async () => {
    const f = await fixture("nextcloud-drf");
    const at = (now: number) => f.verify(f.request, { now: () => now });
    expect(await at(NOW + 300_000)).toMatchObject({ ok: true });
    expect(await at(NOW + 300_001)).toMatchObject(failure("stale_timestamp"));
    expect(await at(NOW - 300_000)).toMatchObject({ ok: true });
    expect(await at(NOW - 300_001)).toMatchObject(failure("future_timestamp"));
  });

  it("a replay store that cannot answer -> replay_store_unavailable (503), never trust", async () => {
    const f = await fixture("nextcloud-drf");
    const throwing: ReplayStore = {
      claim: () => {
        throw new Error("ECONNREFUSED");
      },
    };
    const rejecting: ReplayStore = { claim: () => Promise.reject(new ReplayStoreUnavailableError("timeout")) };
    const full = new MemoryReplayStore({ maxEntries: 1, now: () => NOW });
    full.claim("other", "nonce", 60_000);
    for (const replayStore of [throwing, rejecting, full]) {
      expect(await f.verify(f.request, { replayStore })).toMatchObject(failure("replay_store_unavailable", 503));
    }
  });

  it("a replayed nonce -> replayed_nonce; a forged request does not reach the store", async () => {
    const f = await fixture("nextcloud-drf");
    const claims: string[] = [];
    const memory = new MemoryReplayStore({ now: () => NOW });
    const replayStore: ReplayStore = {
      claim: (scope, nonce, ttlMs) => {
        claims.push(`${scope} ${nonce} ${ttlMs}`);
        return memory.claim(scope, nonce, ttlMs);
      },
    };
    const forged = withHeaders(f.request, { "X-Signature": "0".repeat(64) });
    expect(await f.verify(forged, { replayStore })).toMatchObject(failure("bad_signature"));
    expect(claims).toEqual([]);
    expect(await f.verify(f.request, { replayStore })).toMatchObject({ ok: true });
    expect(await f.verify(f.request, { replayStore })).toMatchObject(failure("replayed_nonce"));
    // nextcloud-drf does not sign X-Client-Id, so the nonce is claimed scheme-wide, not per key id spelling.
    expect(claims).toEqual([`nextcloud-drf: ${NONCE} 600000`, `nextcloud-drf: ${NONCE} 600000`]);
  });

  it("regression: a nonce is forgotten the millisecond its timestamp is still fresh, so an exact-boundary replay verifies", async () => {
    // The freshness window is closed ([ts - 300 s, ts + 300 s], 600 s + 1 ms) but the nonce TTL is 600 s
    // with an exclusive expiry: first seen at ts - 300 s, replayed at exactly ts + 300 s.
    const f = await fixture("nextcloud-drf");
    let clock = NOW - 300_000;
    const replayStore = new MemoryReplayStore({ now: () => clock });
    expect(await f.verify(f.request, { replayStore, now: () => clock })).toMatchObject({ ok: true });
    clock = NOW + 300_000;
    expect(await f.verify(f.request, { replayStore, now: () => clock })).toMatchObject({ ok: false });
  });

  it("a secret resolveKey returns that is not valid in the scheme's encoding throws KeyConfigurationError, naming no secret", async () => {
    const f = await fixture("nextcloud-drf");
    const error = await f.verify(f.request, { resolveKey: () => "not base64!" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KeyConfigurationError);
    expect(String(error)).not.toContain("not base64!");
  });

  it("the scheme's failure status is used for authentication failures", async () => {
    const f = await fixture("nextcloud-drf");
    const forbidding = { ...f.scheme, failureStatus: 403 as const };
    const forged = withHeaders(f.request, { "X-Signature": "0".repeat(64) });
    const result = await verifyRequest(forbidding, forged, { resolveKey: () => f.secret, now: () => NOW });
    expect(result).toEqual({ ok: false, scheme: "nextcloud-drf", reason: "bad_signature", status: 403 });
  });
});

const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

describe("verifyRequest: nextcloud-drf-base64", () => {
  it("base64 is case-sensitive: an upper-cased signature is never normalised -> bad_signature", async () => {
    // A nonce for which the upper-cased signature is still canonical base64, so only the comparison can fail.
    let f: Fixture | undefined;
    for (let i = 0; i < 50 && !f; i++) {
      const candidate = await fixture("nextcloud-drf-base64", { nonce: NONCE.slice(0, -2) + i.toString(16).padStart(2, "0") });
      if (fromBase64(candidate.signature.toUpperCase()) && candidate.signature.toUpperCase() !== candidate.signature) f = candidate;
    }
    if (!f) throw new Error("no suitable fixture");
    expect(await f.verify()).toMatchObject({ ok: true });
    expect(await f.verify(withHeaders(f.request, { "X-Signature": f.signature.toUpperCase() }))).toMatchObject(failure("bad_signature"));
  });

  it("malformed base64 -> malformed_signature", async () => {
    const f = await fixture("nextcloud-drf-base64");
    expect(f.signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    // 32 bytes leave two zero bits in the last character; setting one of them is non-canonical.
    const last = BASE64_ALPHABET.indexOf(f.signature.charAt(42));
    const nonCanonical = `${f.signature.slice(0, 42)}${BASE64_ALPHABET.charAt(last ^ 1)}=`;
    for (const bad of [
      f.signature.slice(0, -1), // padding stripped
      `${f.signature}=`,
      `-${f.signature.slice(1)}`, // base64url alphabet
      `${f.signature.slice(0, 20)} ${f.signature.slice(20)}`,
      ` ${f.signature.slice(1)}`,
      nonCanonical,
    ]) {
      expect(await f.verify(withHeaders(f.request, { "X-Signature": bad })), bad).toMatchObject(failure("malformed_signature"));
    }
  });
});

describe("verifyRequest: django-hmac-authentication", () => {
  const body = '{"name":"café","size":1.0,"2":"two","1":"one"}';

  it("accepts the signed request, with the algorithm the header names", async () => {
    const f = await fixture("django-hmac-authentication", { body });
    expect(f.request.headers.Authorization).toBe(`HMAC-SHA512 ${KEY_ID};${f.signature};2023-11-14T22:13:20.000000+00:00`);
    expect(await f.verify()).toEqual({ ok: true, scheme: "django-hmac-authentication", keyId: KEY_ID, algorithm: "sha512" });
    const sha256 = await fixture("django-hmac-authentication", { body, algorithm: "sha256" });
    expect(sha256.request.headers.Authorization).toMatch(/^HMAC-SHA256 /);
    expect(await sha256.verify()).toMatchObject({ ok: true, algorithm: "sha256" });
  });

  it("the body is covered as Python re-serialises it: whitespace does not matter, values do", async () => {
    const f = await fixture("django-hmac-authentication", { body });
    const spaced = utf8(' { "name" : "caf\\u00e9", "size" : 1.0, "2" : "two", "1" : "one" } ');
    expect(await f.verify({ ...f.request, body: spaced })).toMatchObject({ ok: true });
    const reordered = utf8('{"1":"one","2":"two","name":"café","size":1.0}'); // what JSON.stringify(JSON.parse(body)) gives
    expect(await f.verify({ ...f.request, body: reordered })).toMatchObject(failure("bad_signature"));
    expect(await f.verify({ ...f.request, body: utf8('{"name":"café","size":1,"2":"two","1":"one"}') })).toMatchObject(
      failure("bad_signature"),
    );
  });

  it("falsy bodies are not hashed: {} signs like no body", async () => {
    const f = await fixture("django-hmac-authentication", { method: "GET" });
    for (const falsy of ["", "{}", "[]", "null", "0"]) {
      expect(await f.verify({ ...f.request, body: utf8(falsy) }), falsy).toMatchObject({ ok: true });
    }
    expect(await f.verify({ ...f.request, body: utf8("[0]") })).toMatchObject(failure("bad_signature"));
  });

  it("signRequest refuses to sign a body the server could not parse", async () => {
    for (const bad of ['{"a":', "not json", "\ufeff{}"]) {
      await expect(fixture("django-hmac-authentication", { body: bad }), bad).rejects.toThrow(SigningError);
    }
  });

  it("a body that is not JSON -> malformed_body (400)", async () => {
    const f = await fixture("django-hmac-authentication", { body });
    for (const bad of [utf8('{"a":'), utf8("not json"), utf8("NaN"), bytes(0x22, 0xff, 0x22)]) {
      expect(await f.verify({ ...f.request, body: bad })).toMatchObject(failure("malformed_body", 400));
    }
  });

  it("an algorithm label it does not accept -> unsupported_algorithm", async () => {
    const f = await fixture("django-hmac-authentication", { body });
    const header = f.request.headers.Authorization ?? "";
    for (const label of ["HMAC-SHA1", "HMAC-MD5", "hmac-sha512", "SHA512"]) {
      const changed = withHeaders(f.request, { Authorization: header.replace("HMAC-SHA512", label) });
      expect(await f.verify(changed), label).toMatchObject(failure("unsupported_algorithm"));
    }
    // A label it accepts, but not the one signed with, is a bad signature.
    const swapped = withHeaders(f.request, { Authorization: header.replace("HMAC-SHA512", "HMAC-SHA256") });
    expect(await f.verify(swapped)).toMatchObject(failure("bad_signature"));
  });

  it("a header without the template's shape -> malformed_header", async () => {
    const f = await fixture("django-hmac-authentication", { body });
    for (const bad of [`HMAC-SHA512 ${KEY_ID};${f.signature}`, `HMAC-SHA512;${KEY_ID};${f.signature};x`, `Bearer ${f.signature}`]) {
      expect(await f.verify(withHeaders(f.request, { Authorization: bad })), bad).toMatchObject(failure("malformed_header"));
    }
  });

  it("naive or impossible timestamps -> malformed_timestamp", async () => {
    const f = await fixture("django-hmac-authentication", { body });
    const header = f.request.headers.Authorization ?? "";
    for (const bad of ["2023-11-14T22:13:20.000000", "2023-02-31T22:13:20.000000+00:00", "1700000000"]) {
      const changed = withHeaders(f.request, { Authorization: header.replace("2023-11-14T22:13:20.000000+00:00", bad) });
      expect(await f.verify(changed), bad).toMatchObject(failure("malformed_timestamp"));
    }
  });

  it("5 s of age allowed, none ahead", async () => {
    const f = await fixture("django-hmac-authentication", { body });
    const at = (now: number) => f.verify(f.request, { now: () => now });
    expect(await at(NOW)).toMatchObject({ ok: true });
    expect(await at(NOW + 5000)).toMatchObject({ ok: true });
    expect(await at(NOW + 5001)).toMatchObject(failure("stale_timestamp"));
    expect(await at(NOW - 1)).toMatchObject(failure("future_timestamp"));
    // The same instant written with another offset is accepted by the clock check but was not what was signed.
    const header = f.request.headers.Authorization ?? "";
    const offset = withHeaders(f.request, {
      Authorization: header.replace("2023-11-14T22:13:20.000000+00:00", "2023-11-15T03:43:20.000000+05:30"),
    });
    expect(await f.verify(offset)).toMatchObject(failure("bad_signature"));
  });
});

describe("sign/verify agreement outside the presets", () => {
  it("signature in the query, as-sent query: a URL whose query ends in '&' verifies", async () => {
    // The signer signs `a=1&` and appends `&sig=...`; the verifier removes the sig pair and gets `a=1&` back.
    const resolved = resolveScheme({}, { name: "q", pointer: "#", type: "apiKey", in: "query", parameterName: "sig" });
    if (!resolved.scheme) throw new Error("unreachable");
    const signed = await signRequest(
      resolved.scheme,
      { method: "GET", url: "/x?a=1&" },
      { keyId: "k", secret: "s" },
      {
        now: () => NOW,
        nonce: () => NONCE,
      },
    );
    expect(signed.url).toMatch(/^\/x\?a=1&&sig=/);
    const request = { method: "GET", url: signed.url, headers: signed.headers };
    expect(await verifyRequest(resolved.scheme, request, { resolveKey: () => "s", now: () => NOW })).toMatchObject({ ok: true });
  });

  it("regression: a parameter appended to a query that ends in '?' is glued onto the last value", async () => {
    // appendQueryParam adds no separator when the URL ends in "?", even when that "?" is inside the
    // query (`next=/y?`): the signed URL is /x?next=/y?sig=..., which carries no sig parameter.
    const resolved = resolveScheme({}, { name: "q", pointer: "#", type: "apiKey", in: "query", parameterName: "sig" });
    if (!resolved.scheme) throw new Error("unreachable");
    const signed = await signRequest(
      resolved.scheme,
      { method: "GET", url: "/x?next=/y?" },
      { keyId: "k", secret: "s" },
      {
        now: () => NOW,
        nonce: () => NONCE,
      },
    );
    const request = { method: "GET", url: signed.url, headers: signed.headers };
    expect(await verifyRequest(resolved.scheme, request, { resolveKey: () => "s", now: () => NOW })).toMatchObject({ ok: true });
  });

  it("regression: signRequest accepts key ids that verifyRequest always rejects", async () => {
    // "client 1" -> malformed_header; "a;b" under django-hmac-authentication -> malformed_timestamp.
    await expect(fixtureWithKeyId("nextcloud-drf", "client 1")).rejects.toThrow(SigningError);
    await expect(fixtureWithKeyId("django-hmac-authentication", "a;b")).rejects.toThrow(SigningError);
  });

  it("signRequest refuses a key id with a space, or one holding the template's separator", async () => {
    await expect(fixtureWithKeyId("nextcloud-drf", "client 1")).rejects.toThrow(SigningError);
    await expect(fixtureWithKeyId("django-hmac-authentication", "a;b")).rejects.toThrow(/separators/);
  });
});

async function fixtureWithKeyId(preset: PresetName, keyId: string) {
  const s = scheme(preset);
  const secret = SECRETS[s.secretEncoding];
  const signed = await signRequest(s, { method: "GET", url: "/x" }, { keyId, secret }, { now: () => NOW, nonce: () => NONCE });
  const request = { method: "GET", url: signed.url, headers: signed.headers };
  return { verify: () => verifyRequest(s, request, { resolveKey: () => secret, now: () => NOW }) };
}

describe("verifyRequest: the seed 001 and 002 presets", () => {
  it("django-api-key covers the API key; django-api-signing needs its Signature header", async () => {
    const apiKey = await fixture("django-api-key", { body: "{}" });
    expect(await apiKey.verify()).toMatchObject({ ok: true, keyId: KEY_ID });
    expect(await apiKey.verify(withHeaders(apiKey.request, { "X-API-Key": "client-2" }))).toMatchObject(failure("bad_signature"));
    const signing = await fixture("django-api-signing", { body: "{}" });
    expect(Object.keys(signing.request.headers).sort()).toEqual(["Content-Type", "Signature"]);
    expect(await signing.verify()).toEqual({ ok: true, scheme: "django-api-signing", keyId: undefined, algorithm: "sha256" });
    expect(await signing.verify(withHeaders(signing.request, { Signature: undefined }))).toMatchObject(failure("missing_credentials"));
  });

  it("rotation: every secret resolveKey returns is tried", async () => {
    const f = await fixture("django-api-key");
    const rotated: Secret[] = ["an older secret", f.secret];
    expect(await f.verify(f.request, { resolveKey: () => rotated })).toMatchObject({ ok: true });
    expect(await f.verify(f.request, { resolveKey: () => [utf8(f.secret)] })).toMatchObject({ ok: true });
    expect(await f.verify(f.request, { resolveKey: () => ["an older secret"] })).toMatchObject(failure("bad_signature"));
  });
});
