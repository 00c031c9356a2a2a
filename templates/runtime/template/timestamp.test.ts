/** Known answers for each timestamp format the template profile writes and reads, and the freshness window. */
import { describe, expect, it } from "vitest";
import type { TimestampFormat, TimestampRule } from "../types.js";
import { checkFreshness, formatTimestamp, parseTimestamp } from "./timestamp.js";

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
    expect(formatTimestamp(at, timestampRule("iso8601", { fractionDigits: 3, utcSuffix: "Z" }))).toBe(
      "2023-05-07T14:15:37.862Z",
    );
    expect(formatTimestamp(at, timestampRule("iso8601", { fractionDigits: 0, utcSuffix: "Z" }))).toBe(
      "2023-05-07T14:15:37Z",
    );
    expect(formatTimestamp(at, timestampRule("iso8601", { fractionDigits: 0, utcSuffix: "+00:00" }))).toBe(
      "2023-05-07T14:15:37+00:00",
    );
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
