/**
 * Decoded-path ambiguity (path-ambiguity.ts) over the real route matcher: a request is refused when the
 * route a framework takes is not the one its decoded path (what the signature covers) stands for.
 */
import { describe, expect, it } from "vitest";
import { presetScheme } from "../../test/support/preset-scheme.js";
import { sigV4Scheme } from "../../test/support/sigv4-scheme.js";
import { ambiguousDecodedPath, pathIsAmbiguous, unreservedEscapeMovesRoute } from "./path-ambiguity.js";
import { createRouteMatcher } from "./route-matcher.js";

const matcher = createRouteMatcher([
  "GET /docs/{id}",
  "GET /docs/{a}/{b}",
  "GET /q/{id}",
  "GET /q/{a}/{b}/extra",
  "GET /q/{a}/{b}",
  "GET /documents/{folder}/metadata",
  "GET /tree/{dir+}",
]);
const route = (method: string, url: string) => matcher.match(method, url);
const ambiguous = (path: string, query = "") => ambiguousDecodedPath(route, "GET", path, query);

describe("an escaped slash under a decoded-path scheme", () => {
  it("is refused when the decoded path names another route (Django would route it there)", () => {
    expect(ambiguous("/docs/x%2Fy")).toBe(true);
    expect(ambiguous("/docs/x%2fy")).toBe(true);
  });
  it("is served when its route is the only one any spelling of its slashes reaches", () => {
    // The document-store client's folder "my folder/ü": no route takes the decoded path's extra segment.
    expect(ambiguous("/documents/my%20folder%2F%C3%BC/metadata")).toBe(false);
    // A greedy parameter takes the slash either way: one route, one value.
    expect(ambiguous("/tree/a%2Fb")).toBe(false);
  });
  it("is refused when another spelling of the same decoded path reaches another route", () => {
    // /q/x/y/z names no route, but /q/x%2Fy%2Fz is /q/{id} and /q/x/y%2Fz is /q/{a}/{b}.
    expect(ambiguous("/q/x%2Fy%2Fz")).toBe(true);
    expect(ambiguous("/q/x/y%2Fz")).toBe(true);
  });
  it("is refused beyond eight slashes rather than trying 2^n spellings", () => {
    expect(ambiguous(`/documents/${"s%2F".repeat(9)}x/metadata`)).toBe(true);
  });
  it("leaves a path without escaped slashes alone: its route is the one its decoded path names", () => {
    expect(ambiguous("/docs/x/y")).toBe(false);
    expect(ambiguous("/docs/caf%C3%A9")).toBe(false);
  });
  it("refuses dot segments, raw or escaped (URL parsers resolve them, the signature does not)", () => {
    for (const path of ["/docs/%2e%2e", "/docs/%2E", "/docs/x/../y", "/docs/./x", "/docs/x%2F..%2Fy"])
      expect(ambiguous(path)).toBe(true);
    expect(ambiguous("/docs/..x")).toBe(false);
  });
});

describe("which schemes can be ambiguous", () => {
  const drf = presetScheme("nextcloud-drf");
  const sigv4 = (normalizePath: boolean) => sigV4Scheme({ normalizePath, doubleEncodePath: normalizePath });
  it("a decoded path: escaped slashes and dot segments", () => {
    expect(pathIsAmbiguous(drf, route, "GET", "/docs/x%2Fy", "")).toBe(true);
  });
  it("every decoding form refuses a malformed escape, which it signs like %25", () => {
    expect(pathIsAmbiguous(drf, route, "GET", "/docs/%2B%a", "")).toBe(true);
    expect(pathIsAmbiguous({ ...drf, path: { form: "reencoded" as const } }, route, "GET", "/docs/%zz", "")).toBe(true);
    expect(pathIsAmbiguous(sigv4(false), route, "GET", "/docs/100%", "")).toBe(true);
    expect(pathIsAmbiguous({ ...drf, path: { form: "as-sent" as const } }, route, "GET", "/docs/%a", "")).toBe(false);
  });
  it("a path signed as sent: never (each spelling is its own signature)", () => {
    const asSent = { ...drf, path: { form: "as-sent" as const } };
    expect(pathIsAmbiguous(asSent, route, "GET", "/docs/x%2Fy", "")).toBe(false);
    expect(pathIsAmbiguous(asSent, route, "GET", "/docs/x/../y", "")).toBe(false);
  });
  it("a re-encoded path keeps %2F but decodes %2E", () => {
    const reencoded = { ...drf, path: { form: "reencoded" as const } };
    expect(pathIsAmbiguous(reencoded, route, "GET", "/docs/x%2Fy", "")).toBe(false);
    expect(pathIsAmbiguous(reencoded, route, "GET", "/docs/%2e%2e/y", "")).toBe(true);
  });
  it("SigV4 outside S3 resolves dot segments before signing; S3 signs them as sent", () => {
    expect(pathIsAmbiguous(sigv4(true), route, "GET", "/docs/x/../y", "")).toBe(true);
    expect(pathIsAmbiguous(sigv4(true), route, "GET", "/docs//y", "")).toBe(true);
    expect(pathIsAmbiguous(sigv4(false), route, "GET", "/docs/x/../y", "")).toBe(false);
    expect(pathIsAmbiguous(sigv4(false), route, "GET", "/docs//y", "")).toBe(false);
  });
});

describe("an escaped unreserved character", () => {
  const users = createRouteMatcher(["GET /users/me", "GET /users/{id}", "GET /files/{name}"]);
  const byUsers = (method: string, url: string) => users.match(method, url);
  it("is refused when decoding it moves the request to another operation (Fastify and Hono decode before routing)", () => {
    expect(unreservedEscapeMovesRoute(byUsers, "GET", "/users/%6De", "")).toBe(true);
    expect(unreservedEscapeMovesRoute(byUsers, "GET", "/users/%6d%65", "")).toBe(true);
  });
  it("is served when the operation stays the same (an old client's %7E for ~)", () => {
    expect(unreservedEscapeMovesRoute(byUsers, "GET", "/files/a%7Eb", "")).toBe(false);
    expect(unreservedEscapeMovesRoute(byUsers, "GET", "/users/%37", "")).toBe(false);
    expect(unreservedEscapeMovesRoute(byUsers, "GET", "/users/me", "")).toBe(false);
  });
  it("caps the spellings' work by the number of routes", () => {
    expect(ambiguousDecodedPath(route, "GET", "/documents/a%2Fb%2Fc%2Fd/metadata", "", 10)).toBe(false);
    expect(ambiguousDecodedPath(route, "GET", "/documents/a%2Fb%2Fc%2Fd/metadata", "", 10_000)).toBe(true);
  });
});
