/** The config file, run as a process from the project's folder: .ts with defineConfig, .json, overrides. */
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

function project(): string {
  const dir = tempDir();
  cpSync(join(ROOT, "specs/nextcloud-drf.yaml"), join(dir, "specs/partner.yaml"));
  cpSync(join(ROOT, "specs/django-api-key.yaml"), join(dir, "specs/orders.yaml"));
  return dir;
}

const TS_CONFIG = `import { defineConfig, type HmacCodegenConfig } from "hmac-codegen";

const config: HmacCodegenConfig = defineConfig({
  specs: [
    { spec: "specs/partner.yaml", output: "generated/partner" },
    { spec: "specs/orders.yaml", output: "generated/orders", lint: { rules: { "no-nonce": "off" } } },
  ],
});
export default config;
`;

describe("hmac-codegen.config.ts", () => {
  it("generates every spec it lists, with per-spec lint settings, and prints a total", () => {
    const dir = project();
    writeFileSync(join(dir, "hmac-codegen.config.ts"), TS_CONFIG);
    const result = runCli([], { cwd: dir });
    expect(result.status).toBe(0);
    expect(existsSync(join(dir, "generated/partner/client.ts"))).toBe(true);
    expect(existsSync(join(dir, "generated/orders/client.ts"))).toBe(true);
    expect(result.stdout).toMatch(/wrote \d+ files to generated\/partner/);
    expect(result.stdout).toMatch(/2 specs, \d+ files, 6 operations in/);
    expect(result.stderr).toContain("warning query-unsigned"); // orders still warns about its query...
    expect(result.stderr).not.toContain("no-nonce"); // ...but not about the rule its entry turned off
    // No temporary module is left beside the config.
    expect(readFileSync(join(dir, "hmac-codegen.config.ts"), "utf8")).toBe(TS_CONFIG);
    expect(runCli(["--check"], { cwd: dir }).status).toBe(0);
  });

  it("flags override the file: a spec picks its entry, -o its output, --strict its lint", () => {
    const dir = project();
    writeFileSync(join(dir, "hmac-codegen.config.ts"), TS_CONFIG);
    const one = runCli(["specs/orders.yaml", "-o", "elsewhere"], { cwd: dir });
    expect(one.status).toBe(0);
    expect(existsSync(join(dir, "elsewhere/client.ts"))).toBe(true);
    expect(existsSync(join(dir, "generated"))).toBe(false);
    const fromEntry = runCli(["specs/orders.yaml"], { cwd: dir });
    expect(fromEntry.status).toBe(0);
    expect(existsSync(join(dir, "generated/orders/client.ts"))).toBe(true);
    expect(runCli(["--strict"], { cwd: dir }).status).toBe(1);
  });

  it("per-spec aws options set the SigV4 signing region; --aws-region overrides them", () => {
    const dir = tempDir();
    cpSync(join(ROOT, "specs/aws-sigv4-example.yaml"), join(dir, "specs/aws.yaml"));
    writeFileSync(
      join(dir, "hmac-codegen.config.json"),
      JSON.stringify({ specs: [{ spec: "specs/aws.yaml", output: "out", aws: { region: "eu-west-3" } }] }),
    );
    expect(runCli([], { cwd: dir }).status).toBe(0);
    expect(readFileSync(join(dir, "out/schemes.ts"), "utf8")).toContain('region: "eu-west-3"');
    expect(runCli(["--aws-region", "ap-south-2"], { cwd: dir }).status).toBe(0);
    expect(readFileSync(join(dir, "out/schemes.ts"), "utf8")).toContain('region: "ap-south-2"');
    writeFileSync(
      join(dir, "hmac-codegen.config.json"),
      JSON.stringify({ specs: [{ spec: "specs/aws.yaml", output: "out", aws: { regoin: "eu-west-3" } }] }),
    );
    const typo = runCli([], { cwd: dir });
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain("E_CONFIG");
    expect(typo.stderr).toContain('"region"');
  });

  it("a .json config, named with --config, and --json output for build tools", () => {
    const dir = project();
    writeFileSync(
      join(dir, "codegen.json"),
      JSON.stringify({ specs: [{ spec: "specs/partner.yaml", output: "out" }], lint: { strict: false } }),
    );
    const result = runCli(["--config", "codegen.json", "--json"], { cwd: dir });
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as { ok: boolean; results: Array<{ status: string; files: number; operations: number }> };
    expect(json.ok).toBe(true);
    expect(json.results).toMatchObject([{ status: "written", operations: 4 }]);
    expect(result.stderr).toBe("");
  });

  it.each([
    { name: "an unknown option", text: `export default { specs: [{ spec: "a.yaml", outptu: "x" }] };`, expected: 'did you mean "output"?' },
    {
      name: "an unknown lint rule",
      text: `export default { specs: [{ spec: "a.yaml", output: "x" }], lint: { rules: { "no-nonse": "off" } } };`,
      expected: 'did you mean "no-nonce"?',
    },
    { name: "a TypeScript syntax error", text: "export default {\n  specs: [,\n", expected: "hmac-codegen.config.ts:" },
    { name: "no default export", text: "export const specs = [];", expected: "must export a config object" },
  ])("$name: exit 2 with E_CONFIG", ({ text, expected }) => {
    const dir = project();
    writeFileSync(join(dir, "hmac-codegen.config.ts"), text);
    const result = runCli([], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("E_CONFIG");
    expect(result.stderr).toContain(expected);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("no spec and no config: exit 2 saying what to do", () => {
    const result = runCli([], { cwd: tempDir() });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("hmac-codegen <spec> -o <dir>");
  });
});
