/** Plain (non-x-hmac) credentials as OpenAPI 3.1 security schemes send them: apiKey in header, query or cookie, and http/oauth2 tokens. */
import { describe, expect, it } from "vitest";
import { applyPlainCredential, isPlainCredential, type PlainScheme } from "./plain-credentials.js";
import { BASE, headerPairs } from "./signing.test-support.js";

describe("plain credentials", () => {
  const url = `${BASE}/items?x=1`;

  it("apiKey in a header sets the header and keeps the URL", () => {
    const headers = new Headers({ accept: "application/json" });
    const result = applyPlainCredential({ type: "apiKey", in: "header", name: "X-Api-Key" }, "k-123", url, headers);
    expect(result).toBe(url);
    expect(headers.get("x-api-key")).toBe("k-123");
    expect(headers.get("accept")).toBe("application/json");
  });

  it("apiKey in the query appends name=value, percent-encoded exactly once", () => {
    const scheme: PlainScheme = { type: "apiKey", in: "query", name: "api key" };
    const headers = new Headers();
    const result = applyPlainCredential(scheme, "a b&c", url, headers);
    expect(result).toBe(`${BASE}/items?x=1&api%20key=a%20b%26c`);
    expect(result).not.toContain("%25");
    expect(new URL(result).searchParams.get("api key")).toBe("a b&c");
    expect(applyPlainCredential(scheme, "a b&c", `${BASE}/items`, headers)).toBe(`${BASE}/items?api%20key=a%20b%26c`);
    // The URL parser leaves it as it is: what is signed is what is sent.
    expect(new Request(result).url).toBe(result);
    expect(headerPairs(headers)).toEqual([]);
  });

  it("apiKey in a cookie appends to an existing cookie header", () => {
    const scheme: PlainScheme = { type: "apiKey", in: "cookie", name: "api_key" };
    const fresh = new Headers();
    expect(applyPlainCredential(scheme, "a b;c", url, fresh)).toBe(url);
    expect(fresh.get("cookie")).toBe("api_key=a%20b%3Bc");

    const existing = new Headers({ cookie: "session=s1" });
    applyPlainCredential(scheme, "k", url, existing);
    expect(existing.get("cookie")).toBe("session=s1; api_key=k");
  });

  it("http bearer sends Authorization: Bearer <token>", () => {
    const headers = new Headers();
    expect(applyPlainCredential({ type: "http", scheme: "bearer" }, "tok.en", url, headers)).toBe(url);
    expect(headers.get("authorization")).toBe("Bearer tok.en");
  });

  it("http basic is base64 of user:pass (RFC 7617 §2 and its UTF-8 example)", () => {
    const scheme: PlainScheme = { type: "http", scheme: "basic" };
    const headers = new Headers();
    expect(applyPlainCredential(scheme, { username: "Aladdin", password: "open sesame" }, url, headers)).toBe(url);
    expect(headers.get("authorization")).toBe("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    applyPlainCredential(scheme, { username: "test", password: "123\u00a3" }, url, headers);
    expect(headers.get("authorization")).toBe("Basic dGVzdDoxMjPCow==");
    applyPlainCredential(scheme, { username: "J\u00fcrgen", password: "p:ss w\u00f6rd" }, url, headers);
    expect(headers.get("authorization")).toBe(
      `Basic ${Buffer.from("J\u00fcrgen:p:ss w\u00f6rd", "utf8").toString("base64")}`,
    );
  });

  it("another http scheme is sent under its name, capitalised", () => {
    const headers = new Headers();
    applyPlainCredential({ type: "http", scheme: "digest" }, 'username="u"', url, headers);
    expect(headers.get("authorization")).toBe('Digest username="u"');
  });

  it("oauth2 and openIdConnect tokens are sent as bearer tokens", () => {
    for (const type of ["oauth2", "openIdConnect"] as const) {
      const headers = new Headers();
      expect(applyPlainCredential({ type }, "access-1", url, headers)).toBe(url);
      expect(headers.get("authorization"), type).toBe("Bearer access-1");
    }
  });

  it("isPlainCredential wants a non-empty string, or a username and password for basic", () => {
    const apiKey: PlainScheme = { type: "apiKey", in: "header", name: "X-Api-Key" };
    const bearer: PlainScheme = { type: "http", scheme: "bearer" };
    const basic: PlainScheme = { type: "http", scheme: "basic" };
    expect(isPlainCredential(apiKey, "k")).toBe(true);
    expect(isPlainCredential(apiKey, "")).toBe(false);
    expect(isPlainCredential(apiKey, undefined)).toBe(false);
    expect(isPlainCredential(apiKey, 42)).toBe(false);
    expect(isPlainCredential(bearer, "")).toBe(false);
    expect(isPlainCredential(bearer, { username: "u", password: "p" })).toBe(false);
    expect(isPlainCredential({ type: "oauth2" }, "t")).toBe(true);
    expect(isPlainCredential({ type: "oauth2" }, "")).toBe(false);

    expect(isPlainCredential(basic, { username: "u", password: "p" })).toBe(true);
    expect(isPlainCredential(basic, { username: "u", password: "" })).toBe(true);
    expect(isPlainCredential(basic, { username: "u" })).toBe(false);
    expect(isPlainCredential(basic, { password: "p" })).toBe(false);
    expect(isPlainCredential(basic, { username: 1, password: "p" })).toBe(false);
    expect(isPlainCredential(basic, { username: "u", password: null })).toBe(false);
    expect(isPlainCredential(basic, "u:p")).toBe(false);
    expect(isPlainCredential(basic, null)).toBe(false);
    expect(isPlainCredential(basic, undefined)).toBe(false);
  });

  it("regression: refuses a basic username with a colon (RFC 7617 §2)", () => {
    expect(isPlainCredential({ type: "http", scheme: "basic" }, { username: "a:b", password: "p" })).toBe(false);
  });
});
