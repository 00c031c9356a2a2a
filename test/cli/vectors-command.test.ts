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

const SPECS = [
  { spec: "nextcloud-drf", scheme: "integrationHmac", php: true },
  { spec: "nextcloud-drf-base64", scheme: "integrationHmac", php: true },
  { spec: "django-hmac-authentication", scheme: "hmacAuth", php: false },
  { spec: "django-api-key", scheme: "orderSignature", php: false },
  { spec: "django-api-signing", scheme: "appSignature", php: false },
];

function check(language: "python3" | "php", file: string, scheme: string, preset: string) {
  const script = language === "php" ? "check-vectors.php" : "check_vectors.py";
  // Debian's python3: reference.py runs on Debian's python3-django and python3-djangorestframework.
  const command = language === "php" ? "php" : "/usr/bin/python3";
  const run = spawnSync(command, [join(ROOT, "test/interop", script), file, scheme, preset], { encoding: "utf8" });
  if (run.error) throw new Error(`${language} is not runnable: ${run.error.message}`);
  return run;
}

describe("hmac-codegen vectors", () => {
  it.each(SPECS)("$spec: written vectors agree with the Python (and PHP) reference", ({ spec, scheme, php }) => {
    const dir = tempDir();
    const file = join(dir, "vectors.json");
    const result = runCli(["vectors", `specs/${spec}.yaml`, "-o", file]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/wrote \d+ vectors for 1 scheme/);
    const python = check("python3", file, scheme, spec);
    expect(python.stdout).toMatch(/(\d+)\/\1 vectors agree/);
    expect(python.status).toBe(0);
    if (php) {
      const phpRun = check("php", file, scheme, spec);
      expect(phpRun.stdout).toMatch(/(\d+)\/\1 vectors agree/);
      expect(phpRun.status).toBe(0);
    }
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
