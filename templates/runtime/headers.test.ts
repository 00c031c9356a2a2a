/**
 * headerMapOfLines against the Fetch standard's own `Headers` (WHATWG Fetch §5.2: values trimmed of
 * whitespace, repeats combined with ", ", names case-insensitive): node's rawHeaders must read as any
 * web-standard adapter reads the same request, or two adapters would verify different header values.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { headerMap, headerMapOfLines } from "./headers.js";

// Token names (RFC 9110 §5.1) in mixed case, a few so that repeats are common; no set-cookie, which
// Headers keeps apart.
const name = fc.constantFrom(
  "Authorization",
  "authorization",
  "X-Nonce",
  "x-NONCE",
  "Host",
  "Content-Length",
  "X-Client-Id",
);
const value = fc.stringMatching(/^[ \t]{0,2}[!-~]{0,12}(?: [!-~]{1,6})?[ \t]{0,2}$/);

describe("headerMapOfLines", () => {
  it("reads rawHeaders as a Fetch Headers object combines them", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 12 }), (pairs) => {
        const fetchHeaders = new Headers();
        for (const [n, v] of pairs) fetchHeaders.append(n, v);
        const combined: Record<string, string> = {};
        fetchHeaders.forEach((v, n) => {
          combined[n] = v;
        });
        expect(Object.fromEntries(headerMapOfLines(pairs.flat()))).toEqual(combined);
      }),
    );
  });

  it("is taken by headerMap as it is, not copied again", () => {
    const map = headerMapOfLines(["Host", "a.example", "X-Nonce", "1"]);
    expect(headerMap(map)).toBe(map);
  });

  it("ignores a dangling name without a value", () => {
    expect([...headerMapOfLines(["Host", "a.example", "X-Nonce"])]).toEqual([["host", "a.example"]]);
  });
});
