/**
 * Where a seed's two sides disagree, the independent oracles disagree exactly there and agree next to it.
 * Each case names the seed line it comes from; the preset's choice for each is in the README's
 * "Cross-language notes". Signing and verifying run in the seed systems' languages only (no hmac-codegen code).
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReferenceProcess } from "../support/reference-process.js";
import { type DjangoSite, startDjangoSite } from "./django-site.js";
import type { ReferenceCase, ReferenceResult } from "./reference-runner.js";

// One long-lived process per language (Django's setup costs a second per start).
const oracles = { python: new ReferenceProcess("python"), php: new ReferenceProcess("php") };
afterAll(() => {
  oracles.python.close();
  oracles.php.close();
});
async function runReference(language: "python" | "php", cases: ReferenceCase[]): Promise<ReferenceResult[]> {
  const results: ReferenceResult[] = [];
  for (const c of cases) results.push(await oracles[language].ask(c));
  return results;
}

const B64_SECRET = Buffer.from("an independent oracle's 32-byte!").toString("base64");
const TEXT_SECRET = "super-secret-key-1";
const T = 1_767_225_600;
const NONCE = "0123456789abcdef0123456789abcdef";

type Signed = Extract<ReferenceResult, { signature: string }>;

async function sign(language: "python" | "php", preset: string, request: Partial<ReferenceCase>): Promise<Signed> {
  const [result] = await runReference(language, [
    {
      op: "sign",
      preset,
      method: "GET",
      url: "/",
      headers: {},
      body_b64: "",
      secret: B64_SECRET,
      key_id: "nc-1",
      timestamp: String(T),
      nonce: NONCE,
      ...request,
    },
  ]);
  if (!result || !("signature" in result)) throw new Error(`${language} did not sign: ${JSON.stringify(result)}`);
  return result;
}

async function verify(
  language: "python" | "php",
  cases: Array<Partial<ReferenceCase> & { headers: Record<string, string> }>,
  preset: string,
) {
  return await runReference(
    language,
    cases.map((c) => ({ op: "verify", preset, method: "GET", url: "/", body_b64: "", secret: B64_SECRET, now: T + 1, ...c })),
  );
}

/** PHP (Nextcloud TokenSigner) signs; Python (DRF integrations/hmac.py on a Django request) verifies. */
async function phpSignsDrfVerifies(preset: string, method: string, url: string, body = ""): Promise<ReferenceResult | undefined> {
  const body_b64 = Buffer.from(body).toString("base64");
  const signed = await sign("php", preset, { method, url, body_b64 });
  return (await verify("python", [{ method, url, body_b64, headers: signed.headers }], preset))[0];
}

describe("seed 004 (Nextcloud TokenSigner, PHP ↔ DRF, Python)", async () => {
  it("%FF in a query: rawurldecode keeps the byte, parse_qsl makes it U+FFFD; valid UTF-8 agrees", async () => {
    // Seed 004: TokenSigner "decode with rawurldecode", DRF "decode using form semantics" (parse_qsl, UTF-8 with
    // errors='replace'): an invalid UTF-8 escape is re-encoded %FF by one and %EF%BF%BD by the other.
    const invalid = "/api/v1/forecast/?city=%FF&q=a+b";
    expect((await sign("php", "nextcloud-drf", { url: invalid })).string_to_sign.split("\n")[2]).toBe("city=%FF&q=a%20b");
    expect((await sign("python", "nextcloud-drf", { url: invalid })).string_to_sign.split("\n")[2]).toBe("city=%EF%BF%BD&q=a%20b");
    expect(await phpSignsDrfVerifies("nextcloud-drf", "GET", invalid)).toEqual({ ok: false, reason: "invalid_signature" });
    // Next to it, valid UTF-8 and the reserved characters both sides encode alike.
    for (const url of ["/api/v1/forecast/?city=%C3%BF&q=a+b", "/api/v1/forecast/?b=2&a=%7E&a=~&a=&c"]) {
      expect(await phpSignsDrfVerifies("nextcloud-drf", "GET", url), url).toEqual({ ok: true });
    }
  });

  it("a percent-encoded path: TokenSigner signs the URL's path, DRF the decoded request.path (reading of 'exact request path')", async () => {
    const encoded = "/api/v1/files/caf%C3%A9/";
    expect((await sign("php", "nextcloud-drf", { url: encoded })).string_to_sign.split("\n")[1]).toBe("/api/v1/files/caf%C3%A9/");
    expect((await sign("python", "nextcloud-drf", { url: encoded })).string_to_sign.split("\n")[1]).toBe("/api/v1/files/café/");
    expect(await phpSignsDrfVerifies("nextcloud-drf", "GET", encoded)).toEqual({ ok: false, reason: "invalid_signature" });
    expect(await phpSignsDrfVerifies("nextcloud-drf", "GET", "/api/v1/files/cafe/")).toEqual({ ok: true });
  });

  it("a GET's body: both sides hash the empty body (the rule hmac-codegen follows: body.emptyFor)", async () => {
    // Seed 004: Nextcloud "for GET, hash the empty body"; DRF "for GET, hash empty bytes". They agree.
    expect(await phpSignsDrfVerifies("nextcloud-drf", "GET", "/api/v1/integrations/nextcloud/ping/", "ignored")).toEqual({ ok: true });
    const signed = await sign("php", "nextcloud-drf", { url: "/p/", body_b64: Buffer.from("ignored").toString("base64") });
    expect(signed.string_to_sign.endsWith("\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")).toBe(true);
    // A POST's body is hashed: change it and DRF refuses.
    const post = await sign("php", "nextcloud-drf", { method: "POST", url: "/p/", body_b64: Buffer.from("a").toString("base64") });
    expect(
      await verify(
        "python",
        [{ method: "POST", url: "/p/", body_b64: Buffer.from("b").toString("base64"), headers: post.headers }],
        "nextcloud-drf",
      ),
    ).toEqual([{ ok: false, reason: "invalid_signature" }]);
  });

  it("TokenSigner signs the timestamp string it sends, DRF str(int(header)): a leading zero breaks the pair", async () => {
    // Seed 004: DRF "TIMESTAMP: header value cast to int"; TokenSigner signs the string it sent.
    const signed = await sign("php", "nextcloud-drf", { url: "/p/", timestamp: `0${T}` });
    expect(signed.string_to_sign.split("\n")[3]).toBe(`0${T}`);
    expect(await verify("python", [{ url: "/p/", headers: signed.headers }], "nextcloud-drf")).toEqual([
      { ok: false, reason: "invalid_signature" },
    ]);
  });
});

describe("seed 000 (the encoding of the digest)", async () => {
  it("PHP's base64 signature fails the hex verifier, passes the fixed base64 one, and fails it once lowercased", async () => {
    const url = "/api/v1/integrations/nextcloud/ping/";
    const base64 = await sign("php", "nextcloud-drf-base64", { url });
    expect(base64.signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const asHex = { ...base64.headers };
    expect(await verify("python", [{ url, headers: asHex }], "nextcloud-drf")).toEqual([{ ok: false, reason: "invalid_signature" }]);
    expect(await verify("python", [{ url, headers: base64.headers }], "nextcloud-drf-base64")).toEqual([{ ok: true }]);
    const lowered = { ...base64.headers, "X-Signature": base64.signature.toLowerCase() };
    expect(await verify("python", [{ url, headers: lowered }], "nextcloud-drf-base64")).toEqual([
      { ok: false, reason: "invalid_signature" },
    ]);
    // The hex contract lowercases before comparing (seed 004), so upper-case hex passes DRF.
    const hex = await sign("php", "nextcloud-drf", { url });
    const upper = { ...hex.headers, "X-Signature": hex.signature.toUpperCase() };
    expect(await verify("python", [{ url, headers: upper }], "nextcloud-drf")).toEqual([{ ok: true }]);
  });
});

describe("seed 001 (the client lines and the middleware, both as printed)", async () => {
  const verify001 = async (c: Partial<ReferenceCase> & { headers: Record<string, string> }) =>
    (
      await runReference("python", [
        {
          op: "verify",
          preset: "django-api-key",
          method: "POST",
          url: "/api/v1/orders",
          body_b64: "",
          secret: TEXT_SECRET,
          key_id: "service-a",
          now: T + 1,
          ...c,
        },
      ])
    )[0];
  const sign001 = async (c: Partial<ReferenceCase>) => {
    const [result] = await runReference("python", [
      {
        op: "sign",
        preset: "django-api-key",
        method: "POST",
        url: "/api/v1/orders",
        headers: {},
        body_b64: "",
        secret: TEXT_SECRET,
        key_id: "service-a",
        timestamp: String(T),
        ...c,
      },
    ]);
    if (!result || !("signature" in result)) throw new Error(JSON.stringify(result));
    return result;
  };
  const body = '{"item": "widget", "qty": 3}';
  const b64 = (text: string) => Buffer.from(text).toString("base64");

  it("the client sends requests.post(json=body) where body is already JSON text: the wire body is a JSON string, refused", async () => {
    const signed = await sign001({ body_b64: b64(body) });
    expect(await verify001({ body_b64: b64(body), headers: signed.headers })).toEqual({ ok: true });
    // json=body serialises the str again: json.dumps('{"item": ...}') (JSON.stringify of a string is the same).
    expect(await verify001({ body_b64: b64(JSON.stringify(body)), headers: signed.headers })).toEqual({ ok: false, reason: "status_401" });
  });

  it("the client signs its method literal; Django verifies request.method, upper-cased", async () => {
    const lower = await sign001({ method: "post", body_b64: b64(body) });
    expect(lower.string_to_sign.startsWith("post\n")).toBe(true);
    expect(await verify001({ method: "post", body_b64: b64(body), headers: lower.headers })).toEqual({ ok: false, reason: "status_401" });
  });

  it("verify_request allows ±300 s; a swapped X-API-Key breaks the signature", async () => {
    const signed = await sign001({ body_b64: b64(body) });
    expect(await verify001({ body_b64: b64(body), headers: signed.headers, now: T + 300 })).toEqual({ ok: true });
    expect(await verify001({ body_b64: b64(body), headers: signed.headers, now: T + 301 })).toEqual({ ok: false, reason: "status_401" });
    expect(await verify001({ body_b64: b64(body), headers: { ...signed.headers, "X-API-Key": "service-b" }, key_id: undefined })).toEqual({
      ok: false,
      reason: "status_401",
    });
  });
});

describe("seed 002 (APISigning as printed)", async () => {
  it("raises TypeError on every request: it joins request.body (bytes) into a str; the text reading accepts", async () => {
    const [signed] = await runReference("python", [
      {
        op: "sign",
        preset: "django-api-signing",
        method: "POST",
        url: "/api/login/",
        headers: {},
        body_b64: Buffer.from("{}").toString("base64"),
        secret: TEXT_SECRET,
      },
    ]);
    if (!signed || !("headers" in signed)) throw new Error(JSON.stringify(signed));
    const request = {
      op: "verify" as const,
      method: "POST",
      url: "/api/login/",
      headers: signed.headers,
      body_b64: Buffer.from("{}").toString("base64"),
      secret: TEXT_SECRET,
    };
    const [asPrinted, asText, tampered] = await runReference("python", [
      { ...request, preset: "django-api-signing-as-printed" },
      { ...request, preset: "django-api-signing" },
      { ...request, preset: "django-api-signing", body_b64: Buffer.from("[]").toString("base64") },
    ]);
    expect(asPrinted).toEqual({ ok: false, reason: "exception:TypeError" });
    expect(asText).toEqual({ ok: true });
    expect(tampered).toEqual({ ok: false, reason: "invalid_signature" });
  });
});

describe("seed 003 (django_hmac_authentication 3.1.0: README example vs authenticate)", async () => {
  const dha = async (now: number, timestamp: string, body = "") => {
    const body_b64 = Buffer.from(body).toString("base64");
    const signed = (
      await runReference("python", [
        {
          op: "sign",
          preset: "django-hmac-authentication",
          method: "POST",
          url: "/v/",
          headers: {},
          body_b64,
          secret: B64_SECRET,
          key_id: "k",
          timestamp,
        },
      ])
    )[0];
    if (!signed || !("headers" in signed)) throw new Error(JSON.stringify(signed));
    return (
      await runReference("python", [
        {
          op: "verify",
          preset: "django-hmac-authentication",
          method: "POST",
          url: "/v/",
          headers: { ...signed.headers, "Content-Type": "application/json" },
          body_b64,
          secret: B64_SECRET,
          now,
        },
      ])
    )[0];
  };
  const iso = (seconds: number, micro: string) => `${new Date(seconds * 1000).toISOString().slice(0, 19)}.${micro}+00:00`;

  it("refuses a timestamp at or after its own microsecond clock; accepts up to 5 s old, refuses beyond", async () => {
    const stamp = iso(T, "862560");
    const at = T + 0.86256;
    expect(await dha(at, stamp)).toEqual({ ok: false, reason: "future_request" });
    expect(await dha(at - 0.000001, stamp)).toEqual({ ok: false, reason: "future_request" });
    expect(await dha(at + 0.00001, stamp)).toEqual({ ok: true });
    expect(await dha(at + 5, stamp)).toEqual({ ok: true });
    expect(await dha(at + 5.00001, stamp)).toEqual({ ok: false, reason: "expired_request" });
  });

  it("the README's form, Z and other offsets are all read by fromisoformat; a naive timestamp is a 500 (TypeError)", async () => {
    const now = T + 1;
    for (const stamp of [iso(T, "862560"), `${iso(T, "862")}`, iso(T, "862560").replace("+00:00", "Z"), "2026-01-01T05:30:00.5+05:30"]) {
      expect(await dha(now, stamp, '{"a":1}'), stamp).toEqual({ ok: true });
    }
    // datetime.utcnow().isoformat() (no tzinfo): comparing it with an aware "now" raises.
    expect(await dha(now, iso(T, "862560").replace("+00:00", ""))).toEqual({ ok: false, reason: "exception:TypeError" });
  });

  it("the server hashes json.dumps(request.data): a client hashing its own JSON text disagrees on non-ASCII and floats", async () => {
    // Seed 003 step 1: "request body (data) -> json string in utf-8 -> hash". The library's client and server
    // both hash json.dumps(data, separators=(',', ':')) (ensure_ascii): "Zoë" is hashed as "Zo\u00eb".
    const signed = (
      await runReference("python", [
        {
          op: "sign",
          preset: "django-hmac-authentication",
          method: "POST",
          url: "/v/",
          headers: {},
          body_b64: Buffer.from('{"n":"Zoë","f":1.0}').toString("base64"),
          secret: B64_SECRET,
          key_id: "k",
          timestamp: iso(T, "1"),
        },
      ])
    )[0] as Signed;
    const bodyHash = signed.string_to_sign.split(";")[0];
    expect(bodyHash).toBe(createHash("sha512").update('{"n":"Zo\\u00eb","f":1.0}').digest("base64"));
    expect(bodyHash).not.toBe(createHash("sha512").update('{"n":"Zoë","f":1}').digest("base64"));
  });
});

describe("seed 003 on the real site: a naive timestamp is answered 500, not 401", async () => {
  let site: DjangoSite;
  beforeAll(async () => {
    site = await startDjangoSite();
  }, 30_000);
  afterAll(() => site?.close());

  it("the library's README form is accepted and the naive form crashes the view", async () => {
    const send = async (timestamp: string) => {
      const [signed] = await runReference("python", [
        {
          op: "sign",
          preset: "django-hmac-authentication",
          method: "GET",
          url: "/accounts/an-authenticated-view/",
          headers: {},
          body_b64: "",
          secret: site.apiSecret,
          key_id: site.apiKey,
          timestamp,
        },
      ]);
      if (!signed || !("headers" in signed)) throw new Error(JSON.stringify(signed));
      return (await fetch(`${site.baseUrl}/accounts/an-authenticated-view/`, { headers: signed.headers })).status;
    };
    const aware = new Date(Date.now() - 500).toISOString().replace("Z", "000+00:00");
    expect(await send(aware)).toBe(200);
    expect(await send(aware.replace("+00:00", ""))).toBe(500);
  });
});
