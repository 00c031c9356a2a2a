/** Known answers for the canonical query (sorted, percent-encoded as RFC 3986 §2.1 with upper-case hex) and its knobs. */
import { describe, expect, it } from "vitest";
import { presetScheme } from "../../test/support/preset-scheme.js";
import { canonicalQuery } from "./canonical-query.js";
import type { QueryRule } from "./types.js";

describe("canonicalQuery", () => {
  const nextcloudRule: QueryRule = {
    form: "canonical",
    plus: "space",
    safe: "-_.~",
    hexCase: "upper",
    sort: true,
    blanks: "keep",
  };

  it("the nextcloud presets use this rule", () => {
    expect(presetScheme("nextcloud-drf").query).toEqual(nextcloudRule);
    expect(presetScheme("nextcloud-drf-base64").query).toEqual(nextcloudRule);
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
    expect(canonicalQuery(raw, nextcloudRule)).toBe(expected);
  });

  it("honours the other knobs", () => {
    expect(canonicalQuery("a=&b&c=1", { ...nextcloudRule, blanks: "drop" })).toBe("c=1");
    expect(canonicalQuery("q=a+b", { ...nextcloudRule, plus: "literal" })).toBe("q=a%2Bb");
    expect(canonicalQuery("q=%c3%A9", { ...nextcloudRule, hexCase: "lower" })).toBe("q=%c3%a9");
    expect(canonicalQuery("b=2&a=1", { ...nextcloudRule, sort: false })).toBe("b=2&a=1");
    // Segments with and without "=" mixed, and "=" inside a value: the remembered next "=" must not leak
    // from one segment into another.
    expect(canonicalQuery("b&a=1&c=2=3&&d&", nextcloudRule)).toBe("a=1&b=&c=2%3D3&d=");

    expect(canonicalQuery("b=%7e&a=1+", { ...nextcloudRule, form: "as-sent" })).toBe("b=%7e&a=1+");
  });
});
