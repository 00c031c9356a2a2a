/**
 * Per-operation vector requests come from the spec itself: the first server's path, the parameters'
 * examples (or schema samples) in OpenAPI's default styles, and the operation's own media type.
 */
import { describe, expect, it } from "vitest";
import { specVectorRequest } from "../../src/emit/spec-vector-request.js";
import type { Operation } from "../../src/spec/model.js";

const operation = (overrides: Partial<Operation>): Operation => ({
  method: "POST",
  path: "/items/{id}",
  security: [["hmac"]],
  parameters: [],
  requestMediaTypes: [],
  ...overrides,
});

function documentWith(op: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { openapi: "3.1.0", paths: { "/items/{id}": { post: op } }, ...extra };
}

describe("specVectorRequest", () => {
  it.each([
    {
      name: "the first server's path, variables at their defaults, in front",
      document: documentWith(
        {},
        { servers: [{ url: "https://api.example.com/{v}/", variables: { v: { default: "v3", enum: ["v2", "v3"] } } }, { url: "/other" }] },
      ),
      op: operation({}),
      url: "/v3/items/42",
    },
    {
      name: "a path parameter's example, percent-encoded (simple style)",
      document: documentWith({ parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" }, example: "a b/ü" }] }),
      op: operation({}),
      url: "/items/a%20b%2F%C3%BC",
    },
    {
      name: "required and exemplified query parameters, arrays exploded (form style); optional ones left out",
      document: documentWith({
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "integer", minimum: 7 } },
          { name: "tag", in: "query", required: true, schema: { type: "array", items: { type: "string" } }, example: ["x", "y z"] },
          { name: "page", in: "query", schema: { type: "integer" }, example: 2 },
          { name: "debug", in: "query", schema: { type: "boolean" } },
        ],
      }),
      op: operation({}),
      url: "/items/7?tag=x&tag=y%20z&page=2",
    },
  ])("$name", ({ document, op, url }) => {
    expect(specVectorRequest(document, op).url).toBe(url);
  });

  it("sends header parameters and the body in the operation's media type, from its example", () => {
    const document = documentWith({
      parameters: [{ name: "X-Request-Id", in: "header", required: true, schema: { type: "string", format: "uuid" } }],
      requestBody: {
        content: {
          "text/csv": { schema: { type: "string" } },
          "application/vnd.api+json": {
            schema: { type: "object", required: ["n"], properties: { n: { type: "integer" } } },
            example: { n: 5 },
          },
        },
      },
    });
    const request = specVectorRequest(document, operation({ requestMediaTypes: ["text/csv", "application/vnd.api+json"] }));
    expect(request.headers).toEqual({ "X-Request-Id": "00000000-0000-4000-8000-000000000000", "Content-Type": "application/vnd.api+json" });
    expect(request.body).toBe('{"n":5}');
  });

  it("falls back to schema samples, and writes form and multipart bodies as those media types are sent", () => {
    const schema = { type: "object", required: ["title"], properties: { title: { type: "string", example: "Hi" } } };
    const form = specVectorRequest(
      documentWith({ requestBody: { content: { "application/x-www-form-urlencoded": { schema, example: { title: "a b" } } } } }),
      operation({ requestMediaTypes: ["application/x-www-form-urlencoded"] }),
    );
    expect(form.body).toBe("title=a%20b");
    const multipart = specVectorRequest(
      documentWith({ requestBody: { content: { "multipart/form-data": { schema, example: { title: "x" } } } } }),
      operation({ requestMediaTypes: ["multipart/form-data"] }),
    );
    expect(multipart.headers["Content-Type"]).toBe("multipart/form-data; boundary=hmac-codegen-vector");
    expect(multipart.body).toBe(
      '--hmac-codegen-vector\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--hmac-codegen-vector--\r\n',
    );
  });
});
