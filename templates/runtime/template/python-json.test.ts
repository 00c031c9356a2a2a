/** Known answers for pythonCompactJson: the body as Python's json.dumps(json.loads(body), separators=(",", ":")) writes it. */
import { describe, expect, it } from "vitest";
import { MalformedJsonError, pythonCompactJson } from "./python-json.js";

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
