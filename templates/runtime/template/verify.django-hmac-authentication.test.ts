/** The django-hmac-authentication preset: its Authorization template, Python-compatible body, algorithm labels and 5 s window. */
import { describe, expect, it } from "vitest";
import { utf8 } from "../encoding.js";
import { SigningError } from "../sign.js";
import { failure, fixture, KEY_ID, NOW, withHeaders } from "./presets.test-support.js";

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe("verifyRequest: django-hmac-authentication", () => {
  const body = '{"name":"café","size":1.0,"2":"two","1":"one"}';

  it("accepts the signed request, with the algorithm the header names", async () => {
    const f = await fixture("django-hmac-authentication", { body });
    expect(f.request.headers.Authorization).toBe(
      `HMAC-SHA512 ${KEY_ID};${f.signature};2023-11-14T22:13:20.000000+00:00`,
    );
    expect(await f.verify()).toEqual({
      ok: true,
      scheme: "django-hmac-authentication",
      keyId: KEY_ID,
      algorithm: "sha512",
    });
    const sha256 = await fixture("django-hmac-authentication", { body, algorithm: "sha256" });
    expect(sha256.request.headers.Authorization).toMatch(/^HMAC-SHA256 /);
    expect(await sha256.verify()).toMatchObject({ ok: true, algorithm: "sha256" });
  });

  it("the body is covered as Python re-serialises it: whitespace does not matter, values do", async () => {
    const f = await fixture("django-hmac-authentication", { body });
    const spaced = utf8(' { "name" : "caf\\u00e9", "size" : 1.0, "2" : "two", "1" : "one" } ');
    expect(await f.verify({ ...f.request, body: spaced })).toMatchObject({ ok: true });
    const reordered = utf8('{"1":"one","2":"two","name":"café","size":1.0}'); // what JSON.stringify(JSON.parse(body)) gives
    expect(await f.verify({ ...f.request, body: reordered })).toMatchObject(failure("bad_signature"));
    expect(await f.verify({ ...f.request, body: utf8('{"name":"café","size":1,"2":"two","1":"one"}') })).toMatchObject(
      failure("bad_signature"),
    );
  });

  it("falsy bodies are not hashed: {} signs like no body", async () => {
    const f = await fixture("django-hmac-authentication", { method: "GET" });
    for (const falsy of ["", "{}", "[]", "null", "0"]) {
      expect(await f.verify({ ...f.request, body: utf8(falsy) }), falsy).toMatchObject({ ok: true });
    }
    expect(await f.verify({ ...f.request, body: utf8("[0]") })).toMatchObject(failure("bad_signature"));
  });

  it("signRequest refuses to sign a body the server could not parse", async () => {
    for (const bad of ['{"a":', "not json", "\ufeff{}"]) {
      await expect(fixture("django-hmac-authentication", { body: bad }), bad).rejects.toThrow(SigningError);
    }
  });

  it("a body that is not JSON -> malformed_body (400)", async () => {
    const f = await fixture("django-hmac-authentication", { body });
    for (const bad of [utf8('{"a":'), utf8("not json"), utf8("NaN"), bytes(0x22, 0xff, 0x22)]) {
      expect(await f.verify({ ...f.request, body: bad })).toMatchObject(failure("malformed_body", 400));
    }
  });

  it("an algorithm label it does not accept -> unsupported_algorithm", async () => {
    const f = await fixture("django-hmac-authentication", { body });
    const header = f.request.headers.Authorization ?? "";
    for (const label of ["HMAC-SHA1", "HMAC-MD5", "hmac-sha512", "SHA512"]) {
      const changed = withHeaders(f.request, { Authorization: header.replace("HMAC-SHA512", label) });
      expect(await f.verify(changed), label).toMatchObject(failure("unsupported_algorithm"));
    }
    // A label it accepts, but not the one signed with, is a bad signature.
    const swapped = withHeaders(f.request, { Authorization: header.replace("HMAC-SHA512", "HMAC-SHA256") });
    expect(await f.verify(swapped)).toMatchObject(failure("bad_signature"));
  });

  it("a header without the template's shape -> malformed_header", async () => {
    const f = await fixture("django-hmac-authentication", { body });
    for (const bad of [
      `HMAC-SHA512 ${KEY_ID};${f.signature}`,
      `HMAC-SHA512;${KEY_ID};${f.signature};x`,
      `Bearer ${f.signature}`,
    ]) {
      expect(await f.verify(withHeaders(f.request, { Authorization: bad })), bad).toMatchObject(
        failure("malformed_header"),
      );
    }
  });

  it("naive or impossible timestamps -> malformed_timestamp", async () => {
    const f = await fixture("django-hmac-authentication", { body });
    const header = f.request.headers.Authorization ?? "";
    for (const bad of ["2023-11-14T22:13:20.000000", "2023-02-31T22:13:20.000000+00:00", "1700000000"]) {
      const changed = withHeaders(f.request, {
        Authorization: header.replace("2023-11-14T22:13:20.000000+00:00", bad),
      });
      expect(await f.verify(changed), bad).toMatchObject(failure("malformed_timestamp"));
    }
  });

  it("5 s of age allowed, none ahead", async () => {
    const f = await fixture("django-hmac-authentication", { body });
    const at = (now: number) => f.verify(f.request, { now: () => now });
    expect(await at(NOW)).toMatchObject({ ok: true });
    expect(await at(NOW + 5000)).toMatchObject({ ok: true });
    expect(await at(NOW + 5001)).toMatchObject(failure("stale_timestamp"));
    expect(await at(NOW - 1)).toMatchObject(failure("future_timestamp"));
    // The same instant written with another offset is accepted by the clock check but was not what was signed.
    const header = f.request.headers.Authorization ?? "";
    const offset = withHeaders(f.request, {
      Authorization: header.replace("2023-11-14T22:13:20.000000+00:00", "2023-11-15T03:43:20.000000+05:30"),
    });
    expect(await f.verify(offset)).toMatchObject(failure("bad_signature"));
  });
});
