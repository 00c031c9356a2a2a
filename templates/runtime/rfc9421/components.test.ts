/**
 * Component values (RFC 9421 §2.1-2.2) with the RFC's own examples, the signature bases of Appendix
 * B.2.2 and B.2.3 (RSA examples: their bases are algorithm-independent), and Content-Digest (RFC 9530).
 */
import { describe, expect, it } from "vitest";
import { TEST_REQUEST } from "../../../test/support/rfc9421-examples.js";
import { nodeCryptoProvider, webCryptoProvider } from "../crypto-provider.js";
import { headerMap } from "../headers.js";
import type { Rfc9421Component } from "../types.js";
import {
  type ComponentSource,
  componentFromItem,
  componentValue,
  formDecode,
  formEncode,
  queryParamValue,
} from "./components.js";
import { contentDigestHeader, contentDigestMatches } from "./content-digest.js";
import { buildSignatureBase } from "./signature-base.js";
import { type InnerList, parseDictionary, serializeInnerList } from "./structured-fields.js";

const derived = (name: string, params: Array<[string, string]> = []): Rfc9421Component => ({ name, params });
const source = (url: string, headers: Record<string, string> = {}, method = "POST"): ComponentSource => ({
  method,
  url,
  headers: headerMap(headers),
});

describe("derived components (§2.2), with the RFC's examples", () => {
  const request = source("https://www.example.com/path?param=value");
  it.each([
    ["@method", "POST"],
    ["@target-uri", "https://www.example.com/path?param=value"],
    ["@authority", "www.example.com"],
    ["@scheme", "https"],
    ["@request-target", "/path?param=value"],
    ["@path", "/path"],
    ["@query", "?param=value"],
  ])("%s: %s", (name, value) => {
    expect(componentValue(derived(name), request)).toBe(value);
  });

  it("@query: a bare query, an empty query and no query (§2.2.7)", () => {
    expect(componentValue(derived("@query"), source("/path?queryString"))).toBe("?queryString");
    expect(componentValue(derived("@query"), source("/path?"))).toBe("?");
    expect(componentValue(derived("@query"), source("/path"))).toBe("?");
  });

  it("@authority: lower case, default port removed, from Host for a request-target alone (§2.2.3)", () => {
    expect(componentValue(derived("@authority"), source("HTTPS://WWW.Example.COM:443/x"))).toBe("www.example.com");
    expect(componentValue(derived("@authority"), source("http://example.com:8080/x"))).toBe("example.com:8080");
    expect(componentValue(derived("@authority"), source("http://example.com:443/x"))).toBe("example.com:443");
    expect(componentValue(derived("@authority"), source("/x", { Host: "Example.com:8080" }))).toBe("example.com:8080");
    expect(componentValue(derived("@authority"), source("/x"))).toBeUndefined();
  });

  it("@scheme and @target-uri need an absolute URL: a request-target alone does not say https", () => {
    expect(componentValue(derived("@scheme"), source("/x", { Host: "example.com" }))).toBeUndefined();
    expect(componentValue(derived("@target-uri"), source("/x", { Host: "example.com" }))).toBeUndefined();
  });

  it("@method is not upper-cased (methods are case-sensitive, RFC 9110 §9.1)", () => {
    expect(componentValue(derived("@method"), source("/", {}, "patch"))).toBe("patch");
  });

  it("@path is as sent, not decoded; an empty path is /", () => {
    expect(componentValue(derived("@path"), source("https://e.com/a%2Fb/c%20d?x"))).toBe("/a%2Fb/c%20d");
    expect(componentValue(derived("@path"), source("https://e.com?x=1"))).toBe("/");
  });
});

describe("@query-param (§2.2.8)", () => {
  it.each([
    ["/path?param=value&foo=bar&baz=batman&qux=", "baz", "batman"],
    ["/path?param=value&foo=bar&baz=batman&qux=", "qux", ""],
    ["/path?param=value&foo=bar&baz=batman&qux=", "param", "value"],
    [
      "/parameters?var=this%20is%20a%20big%0Avalue&bar=with+plus+whitespace&fa%C3%A7ade%22%3A%20=something",
      "var",
      "this%20is%20a%20big%0Avalue",
    ],
    [
      "/parameters?var=this%20is%20a%20big%0Avalue&bar=with+plus+whitespace&fa%C3%A7ade%22%3A%20=something",
      "bar",
      "with%20plus%20whitespace",
    ],
    [
      "/parameters?var=this%20is%20a%20big%0Avalue&bar=with+plus+whitespace&fa%C3%A7ade%22%3A%20=something",
      "fa%C3%A7ade%22%3A%20",
      "something",
    ],
    ["/p?a=%7E~&b", "a", "~~".replace(/~/g, "%7E")],
    ["/p?a=%7E~&b", "b", ""],
  ])("%s name=%s: %s", (url, name, value) => {
    expect(componentValue(derived("@query-param", [["name", name]]), source(url))).toBe(value);
  });

  it("a parameter that is absent or repeated has no value", () => {
    expect(queryParamValue("a=1&b=2", "c")).toBeUndefined();
    expect(queryParamValue("a=1&a=2", "a")).toBeUndefined();
  });

  it("decoding keeps a stray %, re-encoding leaves only ALPHA DIGIT *-._", () => {
    expect(formDecode("100%+sure%zz%4")).toBe("100% sure%zz%4");
    expect(formEncode("a b~!'()/é*-._")).toBe("a%20b%7E%21%27%28%29%2F%C3%A9*-._");
  });
});

describe("fields (§2.1)", () => {
  it("values are trimmed and repeated fields joined with a comma and a space", () => {
    const request = source("/", {});
    request.headers = headerMap([
      ["X-Multi", " a "],
      ["x-multi", "b"],
    ]);
    expect(componentValue(derived("x-multi"), request)).toBe("a, b");
    expect(componentValue(derived("x-absent"), request)).toBeUndefined();
  });
});

describe("componentFromItem: what a received Signature-Input may cover", () => {
  const first = (field: string) => {
    const member = parseDictionary(`s=(${field})`)?.[0]?.[1] as InnerList;
    return member.items[0] ? componentFromItem(member.items[0]) : undefined;
  };
  it.each([
    ['"@method"', { name: "@method", params: [] }],
    ['"content-type"', { name: "content-type", params: [] }],
    ['"@query-param";name="id"', { name: "@query-param", params: [["name", "id"]] }],
  ])("%s", (field, component) => {
    expect(first(field)).toEqual(component);
  });
  it.each([
    '"@status"',
    '"@query-param"',
    '"@query-param";name=id',
    '"Content-Type"',
    '"example-dict";sf',
    "method",
    '"@method";req',
  ])("refuses %s", (field) => {
    expect(first(field)).toBeUndefined();
  });
});

describe("signature bases of Appendix B.2.2 and B.2.3", () => {
  const headers = TEST_REQUEST.headers as Array<[string, string]>;
  const base = (signatureInput: string): string | undefined => {
    const member = parseDictionary(signatureInput)?.[0]?.[1] as InnerList;
    const components = member.items.map((item) => componentFromItem(item) as Rfc9421Component);
    const result = buildSignatureBase(
      components,
      { method: "POST", url: TEST_REQUEST.url, headers: headerMap(headers) },
      serializeInnerList(member),
    );
    return result.ok ? result.base.text : undefined;
  };

  it('B.2.2: @authority, content-digest and @query-param;name="Pet"', () => {
    expect(
      base(
        'sig-b22=("@authority" "content-digest" "@query-param";name="Pet");created=1618884473;keyid="test-key-rsa-pss";tag="header-example"',
      ),
    ).toBe(
      [
        '"@authority": example.com',
        '"content-digest": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
        '"@query-param";name="Pet": dog',
        '"@signature-params": ("@authority" "content-digest" "@query-param";name="Pet");created=1618884473;keyid="test-key-rsa-pss";tag="header-example"',
      ].join("\n"),
    );
  });

  it("B.2.3: every component of the request", () => {
    expect(
      base(
        'sig-b23=("date" "@method" "@path" "@query" "@authority" "content-type" "content-digest" "content-length");created=1618884473;keyid="test-key-rsa-pss"',
      ),
    ).toBe(
      [
        '"date": Tue, 20 Apr 2021 02:07:55 GMT',
        '"@method": POST',
        '"@path": /foo',
        '"@query": ?param=Value&Pet=dog',
        '"@authority": example.com',
        '"content-type": application/json',
        '"content-digest": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
        '"content-length": 18',
        '"@signature-params": ("date" "@method" "@path" "@query" "@authority" "content-type" "content-digest" "content-length");created=1618884473;keyid="test-key-rsa-pss"',
      ].join("\n"),
    );
  });

  it("a missing component is an error, not an empty line (§2.5)", () => {
    const result = buildSignatureBase([derived("x-absent")], source("/"), "()");
    expect(result).toMatchObject({ ok: false, problem: "missing" });
  });

  it("a value past U+00FF cannot be in a base", () => {
    const result = buildSignatureBase([derived("x-text")], source("/", { "X-Text": "€" }), "()");
    expect(result).toMatchObject({ ok: false, problem: "invalid" });
  });
});

describe("Content-Digest (RFC 9530)", () => {
  const body = new TextEncoder().encode('{"hello": "world"}');
  it.each([nodeCryptoProvider(), webCryptoProvider()])("RFC 9530 §B.1's values, with $name", async (crypto) => {
    expect(await contentDigestHeader("sha-256", body, crypto)).toBe(
      "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
    );
    expect(await contentDigestHeader("sha-512", body, crypto)).toBe(
      "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:",
    );
    // A Blob is hashed as a stream, to the same value.
    expect(await contentDigestHeader("sha-256", new Blob([body]), crypto)).toBe(
      "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
    );
    expect(await contentDigestHeader("sha-256", undefined, crypto)).toBe(
      "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:",
    );
  });

  it("matches the scheme's algorithm among several, and refuses a wrong or missing one", async () => {
    const crypto = nodeCryptoProvider();
    const both = `sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:, sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:`;
    expect(await contentDigestMatches("sha-256", both, body, crypto)).toBe(true);
    expect(await contentDigestMatches("sha-512", both, body, crypto)).toBe(true);
    expect(await contentDigestMatches("sha-256", both, new TextEncoder().encode('{"hello": "World"}'), crypto)).toBe(
      false,
    );
    expect(
      await contentDigestMatches(
        "sha-256",
        "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:",
        body,
        crypto,
      ),
    ).toBe(false);
    expect(
      await contentDigestMatches("sha-256", 'sha-256="X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE="', body, crypto),
    ).toBe(false);
    expect(await contentDigestMatches("sha-256", "not a dictionary", body, crypto)).toBe(false);
  });
});
