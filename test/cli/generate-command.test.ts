import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

/** Generation prints lint warnings on stderr (seed systems have known weaknesses); nothing else. */
function onlyLintWarnings(stderr: string): string[] {
  return stderr.split("\n").filter((line) => line !== "" && !line.startsWith("[hmac-codegen] warning ") && !line.startsWith("  Fix: "));
}

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string): void => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const relative = join(sub, entry.name);
      if (entry.isDirectory()) walk(relative);
      else files[relative] = readFileSync(join(dir, relative), "utf8");
    }
  };
  walk("");
  return files;
}

describe("hmac-codegen <spec> -o <dir>", () => {
  it("writes schema.ts, client.ts, server.ts, security.ts, schemes.ts, vectors.json and the template folders, and exits 0", () => {
    const out = join(tempDir(), "api");
    const result = runCli(["specs/nextcloud-drf.yaml", "-o", out]);
    expect(onlyLintWarnings(result.stderr)).toEqual([]);
    expect(result.status).toBe(0);
    const goldenFiles = readdirSync(join(ROOT, "test/golden/nextcloud-drf"), { recursive: true, withFileTypes: true }).filter((e) =>
      e.isFile(),
    );
    expect(result.stdout).toMatch(new RegExp(`wrote ${goldenFiles.length} files .*1 x-hmac scheme\\(s\\), 4 operation\\(s\\)`));
    const files = Object.keys(snapshot(out));
    expect(files).toContain("schema.ts");
    expect(files).toContain("client.ts");
    expect(files).toContain(join("client", "signing-middleware.ts"));
    expect(files).toContain("server.ts");
    expect(files).toContain(join("server", "fastify.ts"));
    expect(files).toContain("vectors.json");
    expect(files).toContain("schemes.ts");
    expect(files).toContain(join("runtime", "verify.ts"));
  });

  it("is deterministic: a second run changes nothing and --check passes", () => {
    const out = join(tempDir(), "api");
    runCli(["specs/django-hmac-authentication.yaml", "-o", out]);
    const first = snapshot(out);
    expect(runCli(["specs/django-hmac-authentication.yaml", "-o", out]).status).toBe(0);
    expect(snapshot(out)).toEqual(first);
    const check = runCli(["specs/django-hmac-authentication.yaml", "-o", out, "--check"]);
    expect(check.status).toBe(0);
    expect(check.stdout).toContain("up to date");
  });

  it("--check exits 1 and names the stale file, writing nothing", () => {
    const out = join(tempDir(), "api");
    runCli(["specs/django-api-key.yaml", "-o", out]);
    writeFileSync(join(out, "schemes.ts"), "// edited by hand\n");
    writeFileSync(join(out, "client.ts"), `${readFileSync(join(out, "client.ts"), "utf8")}// edited\n`);
    const check = runCli(["specs/django-api-key.yaml", "-o", out, "--check"]);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain("schemes.ts");
    expect(check.stderr).toContain("client.ts");
    expect(readFileSync(join(out, "schemes.ts"), "utf8")).toBe("// edited by hand\n");
  });

  it("leaves files it did not generate alone", () => {
    const out = join(tempDir(), "api");
    runCli(["specs/django-api-key.yaml", "-o", out]);
    writeFileSync(join(out, "my-handlers.ts"), "// user code\n");
    expect(runCli(["specs/django-api-key.yaml", "-o", out]).status).toBe(0);
    expect(readFileSync(join(out, "my-handlers.ts"), "utf8")).toBe("// user code\n");
  });

  it("refuses to replace a file it did not generate at a path it writes, and writes nothing", () => {
    const out = join(tempDir(), "api");
    runCli(["specs/django-api-key.yaml", "-o", out]);
    writeFileSync(join(out, "handlers.ts"), "// my implementation\n");
    const before = snapshot(out);
    const result = runCli(["specs/django-api-key.yaml", "-o", out]);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain("E_OUTPUT_NOT_GENERATED: handlers.ts");
    expect(snapshot(out)).toEqual(before);
  });

  const badSpecs = [
    {
      spec: "specs/invalid/bad-encoding.yaml",
      expected: [
        "E_XHMAC_VALUE",
        "specs/invalid/bad-encoding.yaml:13:21",
        "#/components/securitySchemes/partnerHmac/x-hmac/signature/encoding",
        'Did you mean "base64"?',
      ],
    },
    { spec: "specs/invalid/syntax-error.yaml", expected: ["E_SPEC_SYNTAX", "specs/invalid/syntax-error.yaml:4:"] },
    {
      spec: "specs/invalid/broken-ref.yaml",
      expected: ["E_SPEC_REF", 'cannot resolve $ref "#/components/schemas/Missing"', "broken-ref.yaml:16:"],
    },
    { spec: "specs/invalid/swagger2.yaml", expected: ["E_SPEC_VERSION", "Swagger 2.0"] },
    { spec: "specs/invalid/no-hmac.yaml", expected: ["E_SPEC_NO_HMAC", "#/components/securitySchemes"] },
    { spec: "specs/does-not-exist.yaml", expected: ["E_SPEC_READ", "no such file"] },
  ];

  it.each(badSpecs)("$spec: exit 2 with code and location, old output untouched", ({ spec, expected }) => {
    const out = join(tempDir(), "api");
    runCli(["specs/nextcloud-drf.yaml", "-o", out]);
    const before = snapshot(out);
    const result = runCli([spec, "-o", out]);
    expect(result.status).toBe(2);
    for (const text of expected) expect(result.stderr).toContain(text);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(snapshot(out)).toEqual(before);
  });

  it("resolves external $refs relative to the spec", () => {
    const dir = tempDir();
    cpSync("specs/django-api-key.yaml", join(dir, "api.yaml"));
    const text = readFileSync(join(dir, "api.yaml"), "utf8").replace(
      /Order:\n {6}type: object[\s\S]*?qty: \{ type: integer, minimum: 1 \}\n/,
      'Order: { $ref: "./order.yaml" }\n',
    );
    writeFileSync(join(dir, "api.yaml"), text);
    writeFileSync(join(dir, "order.yaml"), "type: object\nrequired: [item]\nproperties:\n  item: { type: string }\n");
    const result = runCli([join(dir, "api.yaml"), "-o", join(dir, "out")]);
    expect(onlyLintWarnings(result.stderr)).toEqual([]);
    expect(result.status).toBe(0);
  });

  it("--help shows examples and exit codes", () => {
    const help = runCli(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Examples:");
    expect(help.stdout).toContain("Exit codes");
  });

  it("a missing -o is a usage error (exit 2)", () => {
    const result = runCli(["specs/nextcloud-drf.yaml"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("out");
  });
});
