/** The prefixes the verifier strips, read from a spec's `servers` (OpenAPI 3.1 §4.8.5, server variables). */
import { describe, expect, it } from "vitest";
import { serverBasePaths } from "../../src/spec/server-base-paths.js";

describe("serverBasePaths", () => {
  it("takes every server URL's path, absolute or relative, without the root or a trailing slash, longest first", () => {
    const document = {
      servers: [{ url: "https://api.example.com/v1/" }, { url: "/" }, { url: "https://example.com" }, { url: "/api/v10" }, { url: "v1" }],
    };
    expect(serverBasePaths(document)).toEqual(["/api/v10", "/v1"]);
  });

  it("expands server variables to their default and every enum value", () => {
    const document = {
      servers: [
        {
          url: "https://{region}.example.com/{stage}/{version}",
          variables: { region: { default: "eu" }, stage: { default: "prod", enum: ["prod", "beta"] }, version: { default: "v2" } },
        },
      ],
    };
    expect(serverBasePaths(document)).toEqual(["/beta/v2", "/prod/v2"]);
  });

  it("gives no prefix for a URL whose variable has no value, and none for a spec without servers", () => {
    expect(serverBasePaths({ servers: [{ url: "https://example.com/{stage}" }] })).toEqual([]);
    expect(serverBasePaths({})).toEqual([]);
    expect(serverBasePaths({ servers: "nonsense" })).toEqual([]);
  });
});
