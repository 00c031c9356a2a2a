/**
 * `hmac-codegen vectors` as a process, and the vectors checked the way a peer team would: by the
 * independent Python and PHP references, through the check scripts the README shows.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

/**
 * The vectors each client-side oracle is known to sign differently, because the seed's two sides disagree
 * there (test/interop/seed-disagreements.test.ts): TokenSigner signs a percent-encoded path as written where
 * DRF verifies the decoded request.path; seed 001's client signs its method literal where Django verifies
 * request.method upper-cased. Every other vector must agree.
 */
const SPECS = [
  { spec: "nextcloud-drf", scheme: "integrationHmac", php: true, pythonDiffers: [], phpDiffers: ["unicode path segment"] },
  { spec: "nextcloud-drf-base64", scheme: "integrationHmac", php: true, pythonDiffers: [], phpDiffers: ["unicode path segment"] },
  { spec: "django-hmac-authentication", scheme: "hmacAuth", php: false, pythonDiffers: [], phpDiffers: [] },
  { spec: "django-api-key", scheme: "orderSignature", php: false, pythonDiffers: ["lower-case method"], phpDiffers: [] },
  { spec: "django-api-signing", scheme: "appSignature", php: false, pythonDiffers: [], phpDiffers: [] },
];

const mismatches = (stdout: string): string[] => [...stdout.matchAll(/^MISMATCH (.*)$/gm)].map((match) => match[1] ?? "");

function expectAgreement(run: { stdout: string; status: number | null }, differs: string[]): void {
  expect(mismatches(run.stdout)).toEqual(differs);
  const [, agreed, total] = /^(\d+)\/(\d+) vectors agree/m.exec(run.stdout) ?? [];
  expect(Number(total) - Number(agreed)).toBe(differs.length);
  expect(Number(total)).toBeGreaterThan(differs.length);
  expect(run.status).toBe(differs.length > 0 ? 1 : 0);
}

function check(language: "python3" | "php", file: string, scheme: string, preset: string) {
  const script = language === "php" ? "check-vectors.php" : "check_vectors.py";
  // Debian's python3: reference.py runs on Debian's python3-django and python3-djangorestframework.
  const command = language === "php" ? "php" : "/usr/bin/python3";
  const run = spawnSync(command, [join(ROOT, "test/interop", script), file, scheme, preset], { encoding: "utf8" });
  if (run.error) throw new Error(`${language} is not runnable: ${run.error.message}`);
  return run;
}

describe("hmac-codegen vectors", () => {
  it.each(SPECS)("$spec: written vectors agree with the Python (and PHP) reference", ({ spec, scheme, php, pythonDiffers, phpDiffers }) => {
    const dir = tempDir();
    const file = join(dir, "vectors.json");
    const result = runCli(["vectors", `specs/${spec}.yaml`, "-o", file]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/wrote \d+ vectors for 1 scheme/);
    expectAgreement(check("python3", file, scheme, spec), pythonDiffers);
    if (php) expectAgreement(check("php", file, scheme, spec), phpDiffers);
  });

  it("prints to stdout without -o, the same vectors generation writes", () => {
    const result = runCli(["vectors", "specs/nextcloud-drf.yaml"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(ROOT, "test/golden/nextcloud-drf/vectors.json"), "utf8"));
  });

  it("a tampered vector fails both checks (the check can fail)", () => {
    const dir = tempDir();
    const file = join(dir, "vectors.json");
    runCli(["vectors", "specs/nextcloud-drf.yaml", "-o", file]);
    const document = JSON.parse(readFileSync(file, "utf8")) as { schemes: { integrationHmac: { vectors: Array<{ signature: string }> } } };
    const first = document.schemes.integrationHmac.vectors[0];
    if (!first) throw new Error("no vectors");
    first.signature = first.signature.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    writeFileSync(file, JSON.stringify(document));
    expect(check("python3", file, "integrationHmac", "nextcloud-drf").status).toBe(1);
    const php = check("php", file, "integrationHmac", "nextcloud-drf");
    expect(php.status).toBe(1);
    expect(php.stdout).toContain("MISMATCH");
  });

  it("an invalid spec: exit 2; --help has examples", () => {
    expect(runCli(["vectors", "specs/invalid/no-hmac.yaml"]).status).toBe(2);
    expect(runCli(["vectors", "--help"]).stdout).toContain("Examples:");
  });
});
