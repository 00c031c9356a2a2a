/**
 * The query handed to a handler (handed-query.ts): the canonical one whenever the one sent is not it byte
 * for byte; the query as sent otherwise.
 */
import { describe, expect, it } from "vitest";
import { presetScheme } from "../../test/support/preset-scheme.js";
import { sigV4Scheme } from "../../test/support/sigv4-scheme.js";
import { handedQuery, withQuery } from "./handed-query.js";

const drf = presetScheme("nextcloud-drf");
const SIGV4 = sigV4Scheme();

describe("under a sorted canonical query (nextcloud-drf)", () => {
  it("hands repeated values in the signed order, whatever order they came in", () => {
    expect(handedQuery(drf, "a=1&a=0")).toBe("a=0&a=1");
    expect(handedQuery(drf, "tag=z&x=1&tag=y")).toBe("tag=y&tag=z&x=1");
  });
  it("leaves a query alone only when it is the canonical query byte for byte", () => {
    expect(handedQuery(drf, "a=0&a=1")).toBeUndefined();
    expect(handedQuery(drf, "")).toBeUndefined();
    // Every other spelling of the same signature is handed the one canonical string, whatever the parser.
    expect(handedQuery(drf, "b=1&a=2")).toBe("a=2&b=1");
    expect(handedQuery(drf, "q=a+b&r=%7e")).toBe("q=a%20b&r=~");
    expect(handedQuery(drf, "x=%ff")).toBe("x=%FF"); // fast-querystring would hand %ff and %FF apart
  });
  it("drops blanks the signature does not cover, under blanks: drop", () => {
    const dropping = { ...drf, query: { ...drf.query, blanks: "drop" as const } };
    expect(handedQuery(dropping, "admin=&b=1")).toBe("b=1");
    expect(handedQuery(drf, "admin=&b=1")).toBeUndefined();
  });
  it("hands nothing when the query is signed as sent or not signed", () => {
    expect(handedQuery({ ...drf, query: { ...drf.query, form: "as-sent" } }, "a=1&a=0")).toBeUndefined();
    const unsigned = {
      ...drf,
      stringToSign: { ...drf.stringToSign, components: drf.stringToSign.components.filter((c) => c !== "query") },
    };
    expect(handedQuery(unsigned, "a=1&a=0")).toBeUndefined();
  });
});

describe("under SigV4", () => {
  it("a raw + is the literal plus the signature covers, not the space a framework reads", () => {
    expect(handedQuery(SIGV4, "q=a+b")).toBe("q=a%2Bb");
    expect(handedQuery(SIGV4, "q=a%2Bb")).toBeUndefined();
    expect(handedQuery(SIGV4, "q=a%20b")).toBeUndefined();
  });
  it("repeated values in the signed order", () => {
    expect(handedQuery(SIGV4, "a=1&a=0")).toBe("a=0&a=1");
  });
});

describe("withQuery", () => {
  it("replaces the query of an origin-form or absolute-form target, keeping the path as sent", () => {
    expect(withQuery("/x/a%2Fb?a=1&a=0", "a=0&a=1")).toBe("/x/a%2Fb?a=0&a=1");
    expect(withQuery("http://h/x?q", "")).toBe("http://h/x");
    expect(withQuery("/x", "a=1")).toBe("/x?a=1");
  });
});
