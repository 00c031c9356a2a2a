/**
 * The SigV4 building blocks one by one: canonical URI, query and headers, the Authorization header and
 * credential parsers, X-Amz-Date, the signing key (IAM User Guide's worked example) and its cache.
 */
import { describe, expect, it } from "vitest";
import { defaultCryptoProvider } from "../crypto-provider.js";
import { toHex } from "../encoding.js";
import { amzDateFor, formatAmzDate, parseAmzDate } from "./amz-date.js";
import { parseAuthorization } from "./authorization-header.js";
import { canonicalHeaders, groupHeaders } from "./canonical-headers.js";
import { canonicalQuery } from "./canonical-query.js";
import { canonicalUri } from "./canonical-uri.js";
import { parsePresigned } from "./presign.js";
import { clearSigningKeyCache, signingKey } from "./signing-key.js";

const STANDARD = { normalizePath: true, doubleEncodePath: true };
const S3 = { normalizePath: false, doubleEncodePath: false };

describe("canonicalUri", () => {
  it.each([
    ["/", STANDARD, "/"],
    ["", STANDARD, "/"],
    ["/a/./b/../c/", STANDARD, "/a/c/"],
    ["/a/..", STANDARD, "/"],
    ["//a//b", STANDARD, "/a/b"],
    ["/a%20b/%C3%A9", STANDARD, "/a%2520b/%25C3%25A9"],
    ["/a b/é", STANDARD, "/a%20b/%C3%A9"],
    ["/a%2Fb", STANDARD, "/a%252Fb"],
    ["/a/./b", S3, "/a/./b"],
    ["/a%20b/%c3%a9!", S3, "/a%20b/%C3%A9%21"],
    ["/a%2Fb//c", S3, "/a%2Fb//c"],
  ])("%s -> %s", (path, rule, expected) => {
    expect(canonicalUri(path, rule)).toBe(expected);
  });
});

describe("canonicalQuery", () => {
  it.each([
    ["", ""],
    ["b=2&a=1&a=0", "a=0&a=1&b=2"],
    ["a+b=c+d", "a%2Bb=c%2Bd"],
    ["t=%7Euser&u=~user", "t=~user&u=~user"],
    ["bare&empty=&&x=1", "bare=&empty=&x=1"],
    ["%e1%88%b4=%2f", "%E1%88%B4=%2F"],
    ["X-Amz-Signature=abc&b=1", "X-Amz-Signature=abc&b=1"],
  ])("%s -> %s", (query, expected) => {
    expect(canonicalQuery(query)).toBe(expected);
  });

  it("leaves out the excluded parameter", () => {
    expect(canonicalQuery("X-Amz-Signature=abc&b=1", "X-Amz-Signature")).toBe("b=1");
  });
});

describe("canonicalHeaders", () => {
  it("lower-cases, sorts, trims, collapses spaces and joins repeats with a comma", () => {
    const grouped = groupHeaders([
      ["X-B", "  two   words\t here "],
      ["x-a", "1"],
      ["X-A", "2"],
      ["Host", "h"],
    ]);
    expect(canonicalHeaders(grouped, ["x-b", "host", "x-a"])).toEqual({
      text: "host:h\nx-a:1,2\nx-b:two words here\n",
      signedHeaders: "host;x-a;x-b",
    });
  });
});

describe("parseAuthorization", () => {
  const valid =
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
  it("reads a valid header, parameters in any order and without spaces", () => {
    expect(parseAuthorization(valid)).toMatchObject({
      algorithm: "AWS4-HMAC-SHA256",
      credential: { accessKeyId: "AKIDEXAMPLE", shortDate: "20150830", region: "us-east-1", service: "iam" },
      signedHeaders: ["content-type", "host", "x-amz-date"],
    });
    const reordered =
      "AWS4-HMAC-SHA256 Signature=ab,SignedHeaders=host,Credential=AKID/20150830/us-east-1/iam/aws4_request";
    expect(parseAuthorization(reordered)?.signature).toBe("ab");
  });
  it.each([
    ["a parameter twice", `${valid}, Signature=00`],
    ["an unknown parameter", `${valid}, Extra=1`],
    ["a missing parameter", valid.replace(/, Signature=.*/, "")],
    ["unsorted signed headers", valid.replace("content-type;host", "host;content-type")],
    ["upper-case signed headers", valid.replace("content-type", "Content-Type")],
    ["a repeated signed header", valid.replace("content-type;host", "host;host")],
    ["a scope without aws4_request", valid.replace("/aws4_request", "/aws4")],
    ["a scope with six parts", valid.replace("AKIDEXAMPLE/", "AKID/EXAMPLE/")],
    ["a bad date", valid.replace("20150830", "2015083")],
    ["no space after the algorithm", valid.replace(" ", "")],
  ])("refuses %s", (_name, value) => {
    expect(parseAuthorization(value)).toBeUndefined();
  });
});

describe("parsePresigned", () => {
  const query =
    "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20150830%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=ab";
  it("reads the parameters", () => {
    expect(parsePresigned(query)).toMatchObject({ status: "found", query: { expires: "60", signedHeaders: ["host"] } });
    expect(parsePresigned("a=1")).toEqual({ status: "absent" });
  });
  it("refuses a repeated or missing parameter, and names another algorithm", () => {
    expect(parsePresigned(`${query}&X-Amz-Date=20150830T123601Z`)).toEqual({ status: "malformed" });
    expect(parsePresigned(query.replace(/&X-Amz-Expires=60/, ""))).toEqual({ status: "malformed" });
    expect(parsePresigned(query.replace("AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256"))).toMatchObject({
      status: "unsupported",
    });
  });
});

describe("X-Amz-Date", () => {
  it("formats, parses and refuses dates that do not exist", () => {
    expect(formatAmzDate(Date.UTC(2015, 7, 30, 12, 36))).toEqual({ long: "20150830T123600Z", short: "20150830" });
    expect(parseAmzDate("20150830T123600Z")).toBe(Date.UTC(2015, 7, 30, 12, 36));
    expect(parseAmzDate("20150231T000000Z")).toBeUndefined();
    expect(parseAmzDate("2015-08-30T12:36:00Z")).toBeUndefined();
    expect(amzDateFor("2015-08-30T12:36:00Z", () => 0)?.long).toBe("20150830T123600Z");
    expect(amzDateFor("yesterday", () => 0)).toBeUndefined();
  });
});

describe("signingKey", () => {
  it("derives the IAM User Guide's example key, and the cache returns the same bytes", async () => {
    // IAM User Guide, "Signature Version 4 signing process", example (secret wJalr..., 20150830, us-east-1, iam).
    const expected = "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9";
    clearSigningKeyCache();
    const crypto = defaultCryptoProvider();
    const first = await signingKey(crypto, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "iam");
    expect(toHex(first)).toBe(expected);
    const cached = await signingKey(crypto, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "iam");
    expect(toHex(cached)).toBe(expected);
    const other = await signingKey(crypto, "another-secret", "20150830", "us-east-1", "iam");
    expect(toHex(other)).not.toBe(expected);
    // The secret as UTF-8 bytes is the same secret; a cached text entry must not answer for other bytes.
    const asBytes = await signingKey(
      crypto,
      new TextEncoder().encode("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
      "20150830",
      "us-east-1",
      "iam",
    );
    expect(toHex(asBytes)).toBe(expected);
    const otherBytes = await signingKey(
      crypto,
      new TextEncoder().encode("another-secret"),
      "20150830",
      "us-east-1",
      "iam",
    );
    expect(toHex(otherBytes)).toBe(toHex(other));
  });
});
