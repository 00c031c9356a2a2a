/**
 * The published package, as a user gets it: `npm pack`, install the tarball into a fresh folder, and
 * there run `npx hmac-codegen` on a spec and on a config file that imports defineConfig, import the
 * package as ESM, and type-check a consumer against its declarations with the installed TypeScript.
 * dist/ is built by the suite's global setup, so the pack skips `prepare`.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const CONSUMER = `import { defineConfig, type HmacCodegenConfig, type LintFinding, lintDocument, loadSpec } from "hmac-codegen";
import schema from "hmac-codegen/x-hmac.schema.json" with { type: "json" };

const config: HmacCodegenConfig = defineConfig({ specs: [{ spec: "specs/nextcloud-drf.yaml", output: "out" }] });
const spec = await loadSpec(config.specs[0]?.spec ?? "");
const findings: LintFinding[] = lintDocument(spec.document);
// @ts-expect-error: every spec needs an output folder
defineConfig({ specs: [{ spec: "x.yaml" }] });
export const summary = [findings.length, typeof schema];
`;

describe("npm pack", () => {
  it("installs into a fresh folder and runs there: CLI, config file, ESM import and types", () => {
    const dir = tempDir();
    const pack = run("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], ROOT);
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = readdirSync(dir).find((name) => name.endsWith(".tgz"));
    if (!tarball) throw new Error("npm pack wrote no tarball");
    expect(statSync(join(dir, tarball)).size).toBeLessThan(2_000_000);

    const consumer = join(dir, "consumer");
    mkdirSync(join(consumer, "specs"), { recursive: true });
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    const install = run("npm", ["install", join(dir, tarball), "--prefer-offline", "--no-audit", "--no-fund"], consumer);
    expect(install.status, install.stderr).toBe(0);
    expect(existsSync(join(consumer, "node_modules/hmac-codegen/schema/x-hmac.schema.json"))).toBe(true);
    expect(existsSync(join(consumer, "node_modules/hmac-codegen/templates/runtime/sign.ts"))).toBe(true);
    expect(existsSync(join(consumer, "node_modules/hmac-codegen/templates/runtime/encoding.test.ts"))).toBe(false);
    expect(existsSync(join(consumer, "node_modules/hmac-codegen/templates/runtime/template/presets.test-support.ts"))).toBe(false);
    // The vector checkers a partner runs on its side (docs/cross-language.md).
    expect(existsSync(join(consumer, "node_modules/hmac-codegen/checkers/check_vectors.py"))).toBe(true);
    expect(existsSync(join(consumer, "node_modules/hmac-codegen/checkers/check-vectors.php"))).toBe(true);

    cpSync(join(ROOT, "specs/nextcloud-drf.yaml"), join(consumer, "specs/nextcloud-drf.yaml"));
    const generated = run("npx", ["hmac-codegen", "specs/nextcloud-drf.yaml", "-o", "out"], consumer);
    expect(generated.status, generated.stderr).toBe(0);
    expect(generated.stdout).toMatch(/wrote \d+ files to out/);
    expect(existsSync(join(consumer, "out/runtime/sign.ts"))).toBe(true);

    writeFileSync(
      join(consumer, "hmac-codegen.config.ts"),
      'import { defineConfig } from "hmac-codegen";\nexport default defineConfig({ specs: [{ spec: "specs/nextcloud-drf.yaml", output: "from-config" }] });\n',
    );
    const fromConfig = run("npx", ["hmac-codegen", "--silent"], consumer);
    expect(fromConfig.status, fromConfig.stderr).toBe(0);
    expect(existsSync(join(consumer, "from-config/client.ts"))).toBe(true);

    const imported = run(
      process.execPath,
      ["--input-type=module", "-e", 'const m = await import("hmac-codegen"); console.log(typeof m.defineConfig, typeof m.generate)'],
      consumer,
    );
    expect(imported.stdout.trim()).toBe("function function");

    writeFileSync(join(consumer, "check.ts"), CONSUMER);
    writeFileSync(
      join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2022",
          strict: true,
          noEmit: true,
          types: [],
          lib: ["ES2023", "DOM"],
          resolveJsonModule: true,
        },
        files: ["check.ts"],
      }),
    );
    // typescript is one of the package's dependencies, so the consumer has it.
    const tsc = run(process.execPath, [join(consumer, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], consumer);
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  }, 120_000);
});
