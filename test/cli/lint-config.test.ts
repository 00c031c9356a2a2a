/** `hmac-codegen lint` reads the config file as generation does: its specs, rule settings and strictness. */
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

const CONFIG = `import { defineConfig } from "hmac-codegen";

export default defineConfig({
  specs: [
    { spec: "specs/partner.yaml", output: "generated/partner" },
    { spec: "specs/orders.yaml", output: "generated/orders", lint: { rules: { "no-nonce": "off" } } },
  ],
});
`;

function project(config: string): string {
  const dir = tempDir();
  cpSync(join(ROOT, "specs/nextcloud-drf-base64.yaml"), join(dir, "specs/partner.yaml"));
  cpSync(join(ROOT, "specs/django-api-key.yaml"), join(dir, "specs/orders.yaml"));
  writeFileSync(join(dir, "hmac-codegen.config.ts"), config);
  return dir;
}

describe("hmac-codegen lint and the config file", () => {
  it("with no spec lints every spec of the config file, with each entry's rule settings", () => {
    const dir = project(CONFIG);
    const result = runCli(["lint"], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("lint specs/partner.yaml: 0 error(s)");
    expect(result.stdout).toMatch(/lint specs\/orders\.yaml: \d+ error\(s\)/);
    expect(result.stdout).toContain("warning query-unsigned at specs/orders.yaml");
    expect(result.stdout).not.toContain("no-nonce"); // orders turned it off
    // The same findings generation prints for the same config.
    const generated = runCli([], { cwd: dir });
    const findingLines = (text: string): string[] => text.split("\n").filter((line) => / (warning|error) [a-z-]+ at /.test(line));
    expect(findingLines(result.stdout).sort()).toEqual(findingLines(generated.stderr).sort());
    expect(result.status).toBe(generated.status === 0 ? 0 : 1);
  });

  it("a spec named on the command line uses its config entry; one outside it needs no output folder", () => {
    const dir = project(CONFIG);
    const named = runCli(["lint", "specs/orders.yaml"], { cwd: dir });
    expect(named.stdout).toContain("warning query-unsigned");
    expect(named.stdout).not.toContain("no-nonce");
    cpSync(join(ROOT, "specs/django-api-key.yaml"), join(dir, "other.yaml"));
    const outside = runCli(["lint", "other.yaml"], { cwd: dir });
    expect(outside.stderr).toBe("");
    expect(outside.stdout).toContain("warning no-nonce");
  });

  it("the file's lint.strict fails on warnings; --no-strict overrides it", () => {
    const dir = project(CONFIG.replace("  ],\n});", "  ],\n  lint: { strict: true },\n});"));
    const strict = runCli(["lint", "--json"], { cwd: dir });
    expect(strict.status).toBe(1);
    const json = JSON.parse(strict.stdout) as { ok: boolean; results: Array<{ spec: string; ok: boolean }> };
    expect(json.ok).toBe(false);
    expect(json.results.map((result) => result.spec)).toEqual(["specs/partner.yaml", "specs/orders.yaml"]);
    expect(json.results.find((result) => result.spec === "specs/partner.yaml")?.ok).toBe(false); // warnings only
    const relaxed = runCli(["lint", "specs/partner.yaml", "--no-strict"], { cwd: dir });
    expect(relaxed.status).toBe(0);
  });

  it("a config mistake is E_CONFIG (exit 2); no spec and no config names the lint usage", () => {
    const dir = project(CONFIG.replace('output: "generated/partner"', 'outptu: "generated/partner"'));
    const broken = runCli(["lint"], { cwd: dir });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain("E_CONFIG");
    const empty = runCli(["lint"], { cwd: tempDir() });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain("run hmac-codegen lint <spec>");
  });
});
