/** Known answers for the canonical path in each form: decoded, as sent, and re-encoded (RFC 3986 §6.2.2). */
import { describe, expect, it } from "vitest";
import { canonicalPath } from "./canonical-path.js";

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
