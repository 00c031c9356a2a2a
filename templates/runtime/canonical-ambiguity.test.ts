/**
 * Canonical forms a framework reads differently from the signed line: each attack is refused, or the
 * handler of a real node:http server (127.0.0.1, port 0) receives exactly what was signed.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { resolveScheme } from "../../src/scheme/resolve.js";
import { ambiguousPathEscape } from "./canonical-path.js";
import { canonicalDuplicateOrder } from "./duplicate-order.js";
import { signRequest } from "./sign.js";
import { ambiguousSigV4Query, signableSigV4Url } from "./sigv4/canonical-query.js";
import { uriReencode } from "./sigv4/uri-encode.js";
import type { HmacScheme } from "./types.js";
import { verifyRequest } from "./verify.js";

const SECRET = Buffer.from("a 32-byte secret for these tests").toString("base64");

function nextcloud(): HmacScheme {
  const result = resolveScheme(
    { preset: "nextcloud-drf" },
    { name: "nc", pointer: "#", type: "apiKey", in: "header", parameterName: "X-Signature" },
  );
  if (!result.scheme || result.scheme.profile) throw new Error(JSON.stringify(result.issues));
  return result.scheme;
}

async function signed(url: string): Promise<Record<string, string>> {
  const out = await signRequest(nextcloud(), { method: "GET", url, headers: {}, body: new Uint8Array() }, { keyId: "k1", secret: SECRET });
  return out.headers;
}

const verify = (url: string, headers: Record<string, string>) =>
  verifyRequest(nextcloud(), { method: "GET", url, headers, body: new Uint8Array() }, { resolveKey: () => SECRET });

describe("ambiguousPathEscape", () => {
  it.each(["/files/a%2Fb", "/files/a%2fb", "/files/a%5Cb", "/files/a%00", "/files/a%0Ab", "/files/%2E%2E", "/files/%2e", "/files/%FF"])(
    "refuses %s under decoded",
    (path) => expect(ambiguousPathEscape(path, "decoded")).toBe(true),
  );
  it.each(["/files/caf%C3%A9", "/files/a%20b", "/files/a%252F", "/files/..x", "/files/a/b"])("keeps %s under decoded", (path) =>
    expect(ambiguousPathEscape(path, "decoded")).toBe(false),
  );
  it("reencoded keeps %2F encoded, so only dot segments are refused; as-sent refuses nothing", () => {
    expect(ambiguousPathEscape("/files/a%2Fb", "reencoded")).toBe(false);
    expect(ambiguousPathEscape("/files/%2E%2E", "reencoded")).toBe(true);
    expect(ambiguousPathEscape("/files/a%2Fb", "as-sent")).toBe(false);
  });
});

describe("canonicalDuplicateOrder", () => {
  it("moves only a repeated name's values, into ascending encoded order, and returns the same string when in order", () => {
    expect(canonicalDuplicateOrder("b=2&a=1&a=0", uriReencode)).toBe("b=2&a=0&a=1");
    expect(canonicalDuplicateOrder("a=2&b=9&a=1&c", uriReencode)).toBe("a=1&b=9&a=2&c");
    const sorted = "a=0&a=1&b=2";
    expect(canonicalDuplicateOrder(sorted, uriReencode)).toBe(sorted);
    expect(canonicalDuplicateOrder("b=1&a=2", uriReencode)).toBe("b=1&a=2");
  });
});

describe("SigV4 raw plus", () => {
  it("refuses a raw + and out-of-order duplicates; signers send %20 (as aws4 does) and sorted values", () => {
    expect(ambiguousSigV4Query("q=a+b")).toBe(true);
    expect(ambiguousSigV4Query("q=a%2Bb")).toBe(false);
    expect(ambiguousSigV4Query("a=2&a=1")).toBe(true);
    expect(signableSigV4Url("https://h/p?q=a+b&a=2&a=1#f")).toBe("https://h/p?q=a%20b&a=1&a=2#f");
  });
});

describe("template verifier (nextcloud-drf: decoded path, sorted query)", () => {
  it("a signature over /files/a/b does not verify /files/a%2Fb; the signer refuses to sign %2F", async () => {
    const headers = await signed("/files/a/b");
    expect((await verify("/files/a/b", headers)).ok).toBe(true);
    expect(await verify("/files/a%2Fb", headers)).toMatchObject({ ok: false, reason: "ambiguous_path" });
    await expect(signed("/files/a%2Fb")).rejects.toThrow(/decoded path/);
  });

  it("reordered duplicates are refused; the signer sends them sorted", async () => {
    const out = await signRequest(
      nextcloud(),
      { method: "GET", url: "/items?a=2&a=1", headers: {}, body: new Uint8Array() },
      { keyId: "k1", secret: SECRET },
    );
    expect(out.url).toBe("/items?a=1&a=2");
    expect((await verify("/items?a=1&a=2", out.headers)).ok).toBe(true);
    expect(await verify("/items?a=2&a=1", out.headers)).toMatchObject({ ok: false, reason: "ambiguous_query" });
  });

  it("through a real node:http server, the handler sees exactly the signed order or is not reached", async () => {
    const seen: string[][] = [];
    const server = createServer((req, res) => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
      void verify(req.url ?? "/", headers).then((result) => {
        if (!result.ok) {
          res.writeHead(401).end(result.reason);
          return;
        }
        seen.push(new URL(req.url ?? "/", "http://x").searchParams.getAll("a"));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const out = await signRequest(
        nextcloud(),
        { method: "GET", url: "/items?a=2&a=1", headers: {}, body: new Uint8Array() },
        { keyId: "k1", secret: SECRET },
      );
      const honest = await fetch(`http://127.0.0.1:${port}${out.url}`, { headers: out.headers });
      expect(honest.status).toBe(200);
      const attack = await fetch(`http://127.0.0.1:${port}/items?a=2&a=1`, { headers: out.headers });
      expect(attack.status).toBe(401);
      expect(await attack.text()).toBe("ambiguous_query");
      const pathHeaders = await signed("/files/a/b");
      expect((await fetch(`http://127.0.0.1:${port}/files/a%2Fb`, { headers: pathHeaders })).status).toBe(401);
      expect(seen).toEqual([["1", "2"]]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
