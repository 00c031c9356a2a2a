import { describe, expect, it } from "vitest";
import { createRouteMatcher } from "./route-matcher.js";

const keyOf = (keys: string[], method: string, url: string) => createRouteMatcher(keys).match(method, url)?.key;

describe("route matcher: path templates beyond whole-segment params", () => {
  it("matches segments that mix a parameter with text", () => {
    const keys = ["GET /files/{name}.{ext}", "GET /reports/{id}.json", "POST /jobs/{id}:cancel", "GET /Users('{id}')"];
    const matcher = createRouteMatcher(keys);
    expect(matcher.match("GET", "/files/report.pdf")).toMatchObject({
      key: "GET /files/{name}.{ext}",
      params: { name: "report", ext: "pdf" },
    });
    expect(matcher.match("GET", "/reports/42.json")).toMatchObject({
      key: "GET /reports/{id}.json",
      params: { id: "42" },
    });
    expect(matcher.match("POST", "/jobs/7:cancel")).toMatchObject({
      key: "POST /jobs/{id}:cancel",
      params: { id: "7" },
    });
    expect(matcher.match("GET", "/Users('ab')")).toMatchObject({ key: "GET /Users('{id}')", params: { id: "ab" } });
    // A client that percent-encodes the quotes still reaches the operation (loose form).
    expect(matcher.match("GET", "/Users(%27ab%27)")?.key).toBe("GET /Users('{id}')");
    expect(matcher.match("GET", "/reports/42.xml")).toBeUndefined();
  });

  it("a greedy {name+} spans segments; a plain param never does, even through a decoded %2F", () => {
    const keys = ["GET /{Bucket}/{Key+}", "GET /{Bucket}", "GET /one/{id}"];
    const matcher = createRouteMatcher(keys);
    expect(matcher.match("GET", "/b/a/b/c.txt")).toMatchObject({
      key: "GET /{Bucket}/{Key+}",
      params: { Bucket: "b", Key: "a/b/c.txt" },
    });
    expect(matcher.match("GET", "/b")?.key).toBe("GET /{Bucket}");
    expect(matcher.match("GET", "/one/a%2Fb")).toMatchObject({ key: "GET /one/{id}", params: { id: "a/b" } });
    expect(createRouteMatcher(["GET /one/{id}"]).match("GET", "/one/a/b")).toBeUndefined();
  });

  it("ignores a #fragment disambiguator and picks ?query-qualified operations by their parameter", () => {
    const keys = ["GET /{Bucket}", "GET /{Bucket}?list-type=2", "POST /{Bucket}?delete", "POST /#X-Amz-Target=Svc.Op"];
    const matcher = createRouteMatcher(keys);
    expect(matcher.match("GET", "/b?list-type=2&prefix=x")?.key).toBe("GET /{Bucket}?list-type=2");
    expect(matcher.match("GET", "/b?prefix=x")?.key).toBe("GET /{Bucket}");
    expect(matcher.match("POST", "/b?delete")?.key).toBe("POST /{Bucket}?delete");
    expect(matcher.match("POST", "/b")).toBeUndefined();
    expect(matcher.match("POST", "/")?.key).toBe("POST /#X-Amz-Target=Svc.Op");
  });

  it("orders literal before mixed before param before greedy, whatever the declaration order", () => {
    const keys = ["GET /a/{rest+}", "GET /a/{id}", "GET /a/{id}.json", "GET /a/me.json"];
    for (const order of [keys, [...keys].reverse()]) {
      const matcher = createRouteMatcher(order);
      expect(matcher.match("GET", "/a/me.json")?.key).toBe("GET /a/me.json");
      expect(matcher.match("GET", "/a/x.json")?.key).toBe("GET /a/{id}.json");
      expect(matcher.match("GET", "/a/x")?.key).toBe("GET /a/{id}");
      expect(matcher.match("GET", "/a/x/y")?.key).toBe("GET /a/{rest+}");
    }
  });

  it("keeps the loose fallbacks: case, trailing slash, HEAD as GET", () => {
    expect(keyOf(["GET /Files/{name}.{ext}"], "HEAD", "/files/a.b/")).toBe("GET /Files/{name}.{ext}");
  });
});

describe("route matcher: corpus shapes", () => {
  it("a query suffix with templated values requires those parameters; a templated name constrains nothing", () => {
    const matcher = createRouteMatcher(["GET /export?filename={filename}", "GET /numbers/{c}?{search}=1"]);
    expect(matcher.match("GET", "/export?filename=a.csv")?.key).toBe("GET /export?filename={filename}");
    expect(matcher.match("GET", "/export")).toBeUndefined();
    expect(matcher.match("GET", "/numbers/nz?anything=1")?.key).toBe("GET /numbers/{c}?{search}=1");
  });

  it("among mixed segments, more literal text is more specific (OData functions, double extensions)", () => {
    const keys = [
      "GET /image(width={w})",
      "GET /image(width={w},height={h})",
      "GET /r/{id}.jsonld",
      "GET /r/{id}.schema.jsonld",
    ];
    const matcher = createRouteMatcher(keys);
    expect(matcher.match("GET", "/image(width=1,height=2)")?.key).toBe("GET /image(width={w},height={h})");
    expect(matcher.match("GET", "/image(width=1)")?.key).toBe("GET /image(width={w})");
    expect(matcher.match("GET", "/r/x.schema.jsonld")?.key).toBe("GET /r/{id}.schema.jsonld");
  });
});
