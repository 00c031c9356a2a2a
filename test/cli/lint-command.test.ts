/** `hmac-codegen lint` as a process: findings, exit codes, --strict, --json, and generation printing them. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

describe("hmac-codegen lint", () => {
  it("seed 002's scheme: an error (no timestamp) and warnings, each with id, location and fix; exit 1", () => {
    const result = runCli(["lint", "specs/django-api-signing.yaml"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("[hmac-codegen] error no-timestamp at specs/django-api-signing.yaml:13:9");
    expect(result.stdout).toContain("warning no-nonce");
    expect(result.stdout).toContain("Fix: ");
    expect(result.stdout).toContain("warning decoded-path");
    expect(result.stdout).toContain("warning content-type-unsigned");
    expect(result.stdout).toContain("1 error(s), 4 warning(s)");
  });

  it("warnings alone exit 0; --strict makes them fail", () => {
    const plain = runCli(["lint", "specs/nextcloud-drf-base64.yaml"]);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain("warning keyid-unsigned");
    const strict = runCli(["lint", "specs/nextcloud-drf-base64.yaml", "--strict"]);
    expect(strict.status).toBe(1);
  });

  it("--json lists findings as data", () => {
    const result = runCli(["lint", "specs/django-hmac-authentication.yaml", "--json"]);
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout) as { ok: boolean; findings: Array<{ rule: string; severity: string; fix: string }> };
    expect(json.ok).toBe(false);
    expect(json.findings.map((finding) => finding.rule)).toEqual(
      expect.arrayContaining(["method-unsigned", "path-unsigned", "query-unsigned", "no-nonce", "keyid-unsigned"]),
    );
  });

  it("a secret in the spec is a lint error, and its value is never printed", () => {
    const dir = tempDir();
    const spec = readFileSync("specs/django-api-key.yaml", "utf8").replace(
      "preset: django-api-key",
      "preset: django-api-key\n        secret: s3cr3t-value-123",
    );
    writeFileSync(join(dir, "api.yaml"), spec);
    const result = runCli(["lint", join(dir, "api.yaml")]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("error secret-in-spec");
    expect(result.stdout + result.stderr).not.toContain("s3cr3t-value-123");
  });

  it("an invalid spec is exit 2, as for generation", () => {
    const result = runCli(["lint", "specs/invalid/bad-encoding.yaml"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("E_XHMAC_VALUE");
  });

  it("generation prints lint warnings on stderr and still writes; --strict refuses to write", () => {
    const dir = tempDir();
    const written = runCli(["specs/django-api-key.yaml", "-o", join(dir, "out")]);
    expect(written.status).toBe(0);
    expect(written.stderr).toContain("warning no-nonce");
    const strict = runCli(["specs/django-api-key.yaml", "-o", join(dir, "strict"), "--strict"]);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain("nothing was written");
    const silent = runCli(["specs/django-api-key.yaml", "-o", join(dir, "silent"), "--silent"]);
    expect(silent.status).toBe(0);
    expect(silent.stdout + silent.stderr).toBe("");
  });

  it("--help has examples", () => {
    const help = runCli(["lint", "--help"]);
    expect(help.stdout).toContain("Examples:");
    expect(help.stdout).toContain("--strict");
  });
});
