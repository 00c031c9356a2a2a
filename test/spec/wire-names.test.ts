/** Header and cookie names on the wire are RFC 9110 tokens (issue 17): each refusal names where the name is written. */
import { describe, expect, it } from "vitest";
import { isHttpToken, wireNameIssues } from "../../src/spec/wire-names.js";

const parameter = (name: string, where: string) => ({ name, in: where, schema: { type: "string" } });

describe("wire names", () => {
  it.each([
    ["X-Request-Id", true],
    ["!#$%&'*+-.^_`|~09azAZ", true],
    ["", false],
    ["X Trace", false],
    ["X-A*/", false],
    ["X-A\r\nX-B: 1", false],
    ["X-\u2028", false],
    ["Ünïcødé", false],
    ['"quoted"', false],
  ])("%j is a token: %s", (name, expected) => {
    expect(isHttpToken(name)).toBe(expected);
  });

  it("points at the name where it is written: the path item, the operation, the $ref'd component, the scheme", () => {
    const document = {
      components: {
        parameters: { Trace: parameter("X Trace", "header") },
        securitySchemes: {
          key: { type: "apiKey", in: "header", name: "Api Key" },
          cookie: { type: "apiKey", in: "cookie", name: "a;b" },
          query: { type: "apiKey", in: "query", name: "api key */" },
        },
      },
      paths: {
        "/a/{id}": {
          parameters: [parameter("X-Ok", "header"), parameter("session;x", "cookie")],
          get: { parameters: [{ $ref: "#/components/parameters/Trace" }, parameter("q */ \n", "query"), parameter("X\n", "header")] },
          post: { parameters: [{ $ref: "#/components/parameters/Trace" }] },
        },
      },
    };
    expect(wireNameIssues(document).map((issue) => issue.pointer)).toEqual([
      "#/components/securitySchemes/key/name",
      "#/components/securitySchemes/cookie/name",
      "#/paths/~1a~1{id}/parameters/1/name",
      // Referenced twice, reported once, at the component.
      "#/components/parameters/Trace/name",
      "#/paths/~1a~1{id}/get/parameters/2/name",
    ]);
    for (const issue of wireNameIssues(document)) expect(issue.code).toBe("E_SPEC_HEADER_NAME");
  });

  it("follows a $ref whose pointer is percent-encoded (RFC 6901 §6), so its name is checked too", () => {
    const document = {
      components: { parameters: { "{trace}": parameter("X Trace", "header") } },
      paths: { "/a": { get: { parameters: [{ $ref: "#/components/parameters/%7Btrace%7D" }] } } },
    };
    expect(wireNameIssues(document).map((issue) => issue.code)).toEqual(["E_SPEC_HEADER_NAME"]);
  });
});
