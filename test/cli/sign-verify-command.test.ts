import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

const SPEC = "specs/nextcloud-drf.yaml";
const env = { HMAC_SECRET: TEST_SECRETS.base64 };

interface SignOutput {
  headers: Record<string, string>;
  url: string;
  stringToSign: string;
  signature: string;
}

function sign(extra: string[] = []): SignOutput {
  const result = runCli(
    [
      "sign",
      SPEC,
      "--method",
      "GET",
      "--url",
      "/api/v1/forecast/?city=Bern&days=3",
      "--key-id",
      "nc-1",
      "--timestamp",
      "1767225600",
      "--nonce",
      "00112233445566778899aabbccddeeff",
      ...extra,
    ],
    { env },
  );
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as SignOutput;
}

function verifyArgs(signed: SignOutput, overrides: { url?: string; headers?: Record<string, string> } = {}): string[] {
  const headers = { ...signed.headers, ...overrides.headers };
  return [
    "verify",
    SPEC,
    "--method",
    "GET",
    "--url",
    overrides.url ?? signed.url,
    ...Object.entries(headers).flatMap(([name, value]) => ["--header", `${name}: ${value}`]),
    "--now",
    "1767225610",
  ];
}

describe("hmac-codegen sign", () => {
  it("prints headers, url and the string to sign as JSON", () => {
    const signed = sign();
    expect(signed.stringToSign).toBe(
      "GET\n/api/v1/forecast/\ncity=Bern&days=3\n1767225600\n00112233445566778899aabbccddeeff\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(signed.headers).toMatchObject({
      "X-Client-Id": "nc-1",
      "X-Timestamp": "1767225600",
      "X-Nonce": "00112233445566778899aabbccddeeff",
    });
    expect(signed.headers["X-Signature"]).toMatch(/^[0-9a-f]{64}$/);
    expect(signed.url).toBe("/api/v1/forecast/?city=Bern&days=3");
  });

  it("reads the body from --body-file and the secret from --secret-file", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "body.json"), '{"scope":"read"}');
    writeFileSync(join(dir, "secret"), `${TEST_SECRETS.base64}\n`);
    const result = runCli([
      "sign",
      SPEC,
      "--method",
      "POST",
      "--url",
      "/api/v1/integrations/token/",
      "--key-id",
      "nc-1",
      "--body-file",
      join(dir, "body.json"),
      "--secret-file",
      join(dir, "secret"),
    ]);
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout) as SignOutput;
    // sha256('{"scope":"read"}') in hex ends the string to sign.
    expect(output.stringToSign.split("\n").at(-1)).toMatch(/^[0-9a-f]{64}$/);
    expect(output.stringToSign.split("\n").at(-1)).not.toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("without a secret: exit 2, naming HMAC_SECRET and --secret-file", () => {
    const result = runCli(["sign", SPEC, "--method", "GET", "--url", "/x", "--key-id", "k"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("HMAC_SECRET");
    expect(result.stderr).toContain("--secret-file");
  });

  it.each([
    { body: '{"a":1', why: "truncated JSON" },
    { body: '\ufeff{"a":1}', why: "a byte-order mark (DRF answers 400 before any signature check)" },
  ])("django-hmac-authentication refuses to sign $why: exit 2, no stack trace", ({ body }) => {
    const dir = tempDir();
    writeFileSync(join(dir, "body.json"), body);
    const result = runCli(
      [
        "sign",
        "specs/django-hmac-authentication.yaml",
        "--method",
        "POST",
        "--url",
        "/x/",
        "--key-id",
        "k",
        "--body-file",
        join(dir, "body.json"),
      ],
      { env: { HMAC_SECRET: TEST_SECRETS.base64 } },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("signs JSON bodies only");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("an unknown --scheme names the closest one", () => {
    const result = runCli(["sign", SPEC, "--scheme", "integrationHmak", "--method", "GET", "--url", "/x", "--key-id", "k"], { env });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("E_XHMAC_UNKNOWN_SCHEME");
    expect(result.stderr).toContain('Did you mean "integrationHmac"?');
  });

  it("a secret that is not valid base64 is a clear error that does not echo it", () => {
    const result = runCli(["sign", SPEC, "--method", "GET", "--url", "/x", "--key-id", "k"], { env: { HMAC_SECRET: "not base64!" } });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("not valid base64");
    expect(result.stderr).not.toContain("not base64!");
  });
});

describe("hmac-codegen verify", () => {
  it("accepts what sign produced: exit 0, ok true", () => {
    const result = runCli(verifyArgs(sign()), { env });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, scheme: "integrationHmac", keyId: "nc-1", algorithm: "sha256" });
  });

  it("accepts the legacy X-NC-* header names", () => {
    const signed = sign();
    const legacy = Object.fromEntries(
      Object.entries(signed.headers).map(([name, value]) => [name.replace(/^X-/, "X-NC-").toUpperCase(), value]),
    );
    const result = runCli(verifyArgs({ ...signed, headers: legacy }), { env });
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true });
  });

  it.each([
    { change: "a query value", overrides: { url: "/api/v1/forecast/?city=Basel&days=3" }, reason: "bad_signature" },
    { change: "the nonce", overrides: { headers: { "X-Nonce": "ffeeddccbbaa99887766554433221100" } }, reason: "bad_signature" },
    { change: "the timestamp", overrides: { headers: { "X-Timestamp": "1767225601" } }, reason: "bad_signature" },
    { change: "the timestamp to a stale one", overrides: { headers: { "X-Timestamp": "1767000000" } }, reason: "stale_timestamp" },
    { change: "the signature's encoding", overrides: { headers: { "X-Signature": "not-hex" } }, reason: "malformed_signature" },
  ])("changing $change: exit 1 with reason $reason", ({ overrides, reason }) => {
    const result = runCli(verifyArgs(sign(), overrides), { env });
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({ ok: false, reason, status: 401 });
  });

  it("seed 001: where the key id is signed (django-api-key), swapping it breaks the signature", () => {
    const secretEnv = { HMAC_SECRET: TEST_SECRETS.utf8 };
    const signArgs = [
      "sign",
      "specs/django-api-key.yaml",
      "--method",
      "GET",
      "--url",
      "/api/v1/orders",
      "--key-id",
      "service-a",
      "--timestamp",
      "1767225600",
    ];
    const signed = JSON.parse(runCli(signArgs, { env: secretEnv }).stdout) as SignOutput;
    const base = ["verify", "specs/django-api-key.yaml", "--method", "GET", "--url", "/api/v1/orders", "--now", "1767225600"];
    const headers = (apiKey: string): string[] => [
      "--header",
      `X-API-Key: ${apiKey}`,
      "--header",
      `X-Timestamp: 1767225600`,
      "--header",
      `X-Signature: ${signed.headers["X-Signature"]}`,
    ];
    expect(runCli([...base, ...headers("service-a")], { env: secretEnv }).status).toBe(0);
    const swapped = runCli([...base, ...headers("service-b")], { env: secretEnv });
    expect(swapped.status).toBe(1);
    expect(JSON.parse(swapped.stdout)).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("sign masks the secret where the scheme signs it (seed 002, django-api-signing)", () => {
    const secret = "TopSecret-DoNotLog";
    const result = runCli(["sign", "specs/django-api-signing.yaml", "--method", "POST", "--url", "/api/x/"], {
      env: { HMAC_SECRET: secret },
    });
    expect(result.status).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(secret);
    expect((JSON.parse(result.stdout) as SignOutput).stringToSign).toContain("<secret>");
  });

  it("never prints the secret or the expected signature", () => {
    const signed = sign();
    const tampered = runCli(verifyArgs(signed, { url: "/api/v1/forecast/?city=Basel&days=3" }), { env });
    expect(tampered.stdout + tampered.stderr).not.toContain(TEST_SECRETS.base64);
    expect(tampered.stdout + tampered.stderr).not.toMatch(/[0-9a-f]{64}/);
  });
});
