/**
 * django_hmac_authentication compares microsecond datetimes (datetime.fromisoformat against the UTC now);
 * the verifier's clock reads whole milliseconds. A request signed earlier in the clock's millisecond must
 * never be refused as future_timestamp. Requests here are signed with node:crypto directly, as the
 * library's example client does (base64(hmac(";" + iso8601)) for an empty body), not with signRequest.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { resolveScheme } from "../../../src/scheme/resolve.js";
import type { HmacScheme } from "../types.js";
import { verifyRequest } from "../verify.js";

const SECRET = Buffer.from("a 32-byte secret for these tests");
const KEY_ID = "aa733037-e4c0-4f75-a864-df6c1966481b";

function djangoScheme(): HmacScheme {
  const result = resolveScheme(
    { preset: "django-hmac-authentication" },
    { name: "django", pointer: "#", type: "apiKey", in: "header", parameterName: "Authorization" },
  );
  if (!result.scheme || result.scheme.profile) throw new Error(JSON.stringify(result.issues));
  return result.scheme;
}

function verifyAt(timestamp: string, nowMs: number) {
  const signature = createHmac("sha512", SECRET).update(`;${timestamp}`).digest("base64");
  return verifyRequest(
    djangoScheme(),
    { method: "GET", url: "/api/", headers: { Authorization: `HMAC-SHA512 ${KEY_ID};${signature};${timestamp}` } },
    { resolveKey: () => SECRET, now: () => nowMs },
  );
}

const MS = Date.parse("2023-05-07T14:15:37.862Z");

describe("django-hmac-authentication timestamps at the clock's precision", () => {
  const sameInstant: [string, string][] = [
    ["microseconds, +00:00", "2023-05-07T14:15:37.862560+00:00"],
    ["microseconds, Z", "2023-05-07T14:15:37.862560Z"],
    ["microseconds, +05:30", "2023-05-07T19:45:37.862560+05:30"],
    ["microseconds, -03:00", "2023-05-07T11:15:37.862560-03:00"],
    ["last microsecond of the millisecond", "2023-05-07T14:15:37.862999+00:00"],
    ["milliseconds", "2023-05-07T14:15:37.862+00:00"],
  ];
  for (const [label, timestamp] of sameInstant) {
    it(`${label}: accepted in the millisecond it was signed`, async () => {
      expect(await verifyAt(timestamp, MS)).toMatchObject({ ok: true });
    });
  }

  it("no fraction: accepted at its own second", async () => {
    expect(await verifyAt("2023-05-07T14:15:37+00:00", Date.parse("2023-05-07T14:15:37Z"))).toMatchObject({ ok: true });
  });

  it("the first microsecond of the next millisecond is in the future", async () => {
    expect(await verifyAt("2023-05-07T14:15:37.863000+00:00", MS)).toMatchObject({
      ok: false,
      reason: "future_timestamp",
    });
    expect(await verifyAt("2023-05-07T14:15:37.863001+00:00", MS)).toMatchObject({
      ok: false,
      reason: "future_timestamp",
    });
    expect(await verifyAt("2023-05-07T14:15:37.863+00:00", MS)).toMatchObject({
      ok: false,
      reason: "future_timestamp",
    });
    expect(await verifyAt("2023-05-07T19:45:37.863+05:30", MS)).toMatchObject({
      ok: false,
      reason: "future_timestamp",
    });
  });

  it("5 s of age: exactly at the edge accepted, 1 µs and 1 ms past it refused", async () => {
    expect(await verifyAt("2023-05-07T14:15:37.862000+00:00", MS + 5000)).toMatchObject({ ok: true });
    expect(await verifyAt("2023-05-07T14:15:37.862+00:00", MS + 5000)).toMatchObject({ ok: true });
    expect(await verifyAt("2023-05-07T14:15:37.861999+00:00", MS + 5000)).toMatchObject({
      ok: false,
      reason: "stale_timestamp",
    });
    expect(await verifyAt("2023-05-07T14:15:37.861+00:00", MS + 5000)).toMatchObject({
      ok: false,
      reason: "stale_timestamp",
    });
    expect(await verifyAt("2023-05-07T14:15:37.862000Z", MS + 5001)).toMatchObject({
      ok: false,
      reason: "stale_timestamp",
    });
  });
});
