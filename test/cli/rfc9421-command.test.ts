/**
 * RFC 9421 Appendix B.2.5 through the built CLI: `sign` reproduces the RFC's Signature-Input and Signature
 * byte for byte from specs/rfc9421-example.yaml (scheme rfcExample), and `verify` accepts the RFC's own
 * signature and refuses it when a covered field changes.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { B25_SIGNATURE, B25_SIGNATURE_BASE, B25_SIGNATURE_INPUT, TEST_CREATED, TEST_SHARED_SECRET } from "../support/rfc9421-examples.js";
import { runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

const SPEC = "specs/rfc9421-example.yaml";
const env = { HMAC_SECRET: TEST_SHARED_SECRET };
const RFC_HEADERS = ["Host: example.com", "Date: Tue, 20 Apr 2021 02:07:55 GMT", "Content-Type: application/json"];

function bodyFile(): string {
  const path = join(tempDir(), "body.json");
  writeFileSync(path, '{"hello": "world"}');
  return path;
}

function requestArgs(headers: string[]): string[] {
  return [
    "--scheme",
    "rfcExample",
    "--method",
    "POST",
    "--url",
    "/foo?param=Value&Pet=dog",
    ...headers.flatMap((header) => ["--header", header]),
    "--body-file",
    bodyFile(),
  ];
}

describe("hmac-codegen sign / verify with profile: rfc9421", () => {
  it("sign reproduces RFC 9421 Appendix B.2.5 byte for byte", () => {
    const result = runCli(
      ["sign", SPEC, ...requestArgs(RFC_HEADERS), "--key-id", "test-shared-secret", "--timestamp", String(TEST_CREATED)],
      { env },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const signed = JSON.parse(result.stdout) as { headers: Record<string, string>; stringToSign: string; signature: string; url: string };
    expect(signed.headers).toEqual({ "Signature-Input": B25_SIGNATURE_INPUT, Signature: B25_SIGNATURE });
    expect(signed.stringToSign).toBe(B25_SIGNATURE_BASE);
    expect(signed.signature).toBe("pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=");
    expect(signed.url).toBe("/foo?param=Value&Pet=dog");
  });

  it("verify accepts the RFC's signature, and refuses it with the Date changed or too late", () => {
    const signature = [`Signature-Input: ${B25_SIGNATURE_INPUT}`, `Signature: ${B25_SIGNATURE}`];
    const verify = (headers: string[], now: number) =>
      runCli(["verify", SPEC, ...requestArgs([...headers, ...signature]), "--now", String(now)], { env });

    const good = verify(RFC_HEADERS, TEST_CREATED + 1);
    expect(good.stderr).toBe("");
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout)).toEqual({ ok: true, scheme: "rfcExample", keyId: "test-shared-secret", algorithm: "sha256" });

    const tampered = verify(
      ["Host: example.com", "Date: Tue, 20 Apr 2021 02:07:56 GMT", "Content-Type: application/json"],
      TEST_CREATED + 1,
    );
    expect(tampered.status).toBe(1);
    expect(JSON.parse(tampered.stdout)).toEqual({ ok: false, reason: "bad_signature", status: 401 });

    const stale = verify(RFC_HEADERS, TEST_CREATED + 301);
    expect(stale.status).toBe(1);
    expect(JSON.parse(stale.stdout)).toMatchObject({ reason: "stale_timestamp" });
  });

  it("sign refuses a request without a covered field (exit 2, naming it)", () => {
    const result = runCli(["sign", SPEC, ...requestArgs(["Host: example.com"]), "--key-id", "k", "--timestamp", "1"], { env });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('covers "date", which this request does not have');
  });
});
