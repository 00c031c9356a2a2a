/**
 * Choosing the outputs (config `outputs`, `--outputs`): a browser app that asks for the client alone gets
 * no msw, no server/, no mocks and no vectors, and its folder type-checks with only openapi-fetch (and
 * the helper types it depends on) installed.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";
import { USER_COMPILER_OPTIONS } from "../support/typecheck-output.js";

/** The generated files: the CLI's manifest of what it wrote (write-output.ts) is not an output. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== ".hmac-codegen-manifest.json")
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
}

const BROWSER_APP = `import { createClient } from "./api/client.js";

const api = createClient({ baseUrl: "https://cloud.example.com", credentials: { integrationHmac: { keyId: "nc-1", secret: "c2VjcmV0" } } });
export async function token(): Promise<unknown> {
  const { data } = await api.POST("/api/v1/integrations/token/", { body: { scope: "read" } });
  return data;
}
`;

/** A project whose node_modules holds openapi-fetch and its helper types, nothing else; tsc comes from here. */
function typecheckWithOnlyOpenapiFetch(project: string): string {
  mkdirSync(join(project, "node_modules"));
  for (const name of ["openapi-fetch", "openapi-typescript-helpers"]) {
    symlinkSync(join(ROOT, "node_modules", name), join(project, "node_modules", name), "dir");
  }
  writeFileSync(join(project, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { ...USER_COMPILER_OPTIONS, noEmit: true },
      include: ["**/*.ts"],
    }),
  );
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(project, "tsconfig.json")], {
      encoding: "utf8",
    });
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describe("choosing the outputs", () => {
  it("--outputs client writes the client and what it imports: no msw, server/, mocks or vectors; strict tsc passes with only openapi-fetch", () => {
    const project = tempDir();
    const out = join(project, "api");
    const result = runCli(["specs/nextcloud-drf.yaml", "-o", out, "--outputs", "client", "--silent"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const files = listFiles(out);
    expect(files).toContain("client.ts");
    expect(files).toContain("client/signing-middleware.ts");
    expect(files).toContain("runtime/sign.ts");
    for (const absent of ["server.ts", "handlers.ts", "mocks.ts", "vectors.json"]) expect(files).not.toContain(absent);
    expect(files.filter((path) => path.startsWith("server/") || path.startsWith("mocks/"))).toEqual([]);
    for (const path of files) expect(readFileSync(join(out, path), "utf8"), path).not.toMatch(/from "msw"/);

    writeFileSync(join(project, "app.ts"), BROWSER_APP);
    expect(typecheckWithOnlyOpenapiFetch(project)).toBe("");
  }, 120_000);

  it("the same folder with every output does not compile there (the test can tell)", () => {
    const project = tempDir();
    expect(runCli(["specs/nextcloud-drf.yaml", "-o", join(project, "api"), "--silent"]).status).toBe(0);
    writeFileSync(join(project, "app.ts"), BROWSER_APP);
    expect(typecheckWithOnlyOpenapiFetch(project)).toMatch(/Cannot find module 'msw'/);
  }, 120_000);

  it("--outputs takes a comma list or repeats; vectors alone is vectors.json", () => {
    const dir = tempDir();
    expect(runCli(["specs/nextcloud-drf.yaml", "-o", join(dir, "v"), "--outputs", "vectors"]).status).toBe(0);
    expect(listFiles(join(dir, "v"))).toEqual(["vectors.json"]);
    expect(runCli(["specs/nextcloud-drf.yaml", "-o", join(dir, "a"), "--outputs", "client,vectors"]).status).toBe(0);
    expect(runCli(["--outputs", "client", "specs/nextcloud-drf.yaml", "--outputs", "vectors", "-o", join(dir, "b")]).status).toBe(0);
    expect(listFiles(join(dir, "b"))).toEqual(listFiles(join(dir, "a")));
    expect(listFiles(join(dir, "a"))).toContain("vectors.json");
    expect(listFiles(join(dir, "a"))).not.toContain("server.ts");
  }, 120_000);

  it("an unknown name on the command line is E_OUTPUTS with a did-you-mean (exit 2), and nothing is written", () => {
    const out = join(tempDir(), "api");
    const result = runCli(["specs/nextcloud-drf.yaml", "-o", out, "--outputs", "client,sever"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('E_OUTPUTS --outputs: unknown output "sever"; did you mean "server"?');
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it("the config file chooses per spec and for all; an entry wins over the file, --outputs over both", () => {
    const dir = tempDir();
    cpSync(join(ROOT, "specs/nextcloud-drf.yaml"), join(dir, "specs/partner.yaml"));
    writeFileSync(
      join(dir, "hmac-codegen.config.json"),
      JSON.stringify({
        outputs: ["server"],
        specs: [
          { spec: "specs/partner.yaml", output: "web", outputs: ["client"] },
          { spec: "specs/partner.yaml", output: "backend" },
        ],
      }),
    );
    expect(runCli(["--silent"], { cwd: dir }).status).toBe(0);
    expect(existsSync(join(dir, "web/client.ts"))).toBe(true);
    expect(existsSync(join(dir, "web/server.ts"))).toBe(false);
    expect(existsSync(join(dir, "backend/server.ts"))).toBe(true);
    expect(existsSync(join(dir, "backend/mocks.ts"))).toBe(false);
    expect(existsSync(join(dir, "backend/vectors.json"))).toBe(false);
    expect(runCli(["--check"], { cwd: dir }).status).toBe(0);
    expect(runCli(["specs/partner.yaml", "-o", "all", "--outputs", "mocks", "--silent"], { cwd: dir }).status).toBe(0);
    expect(existsSync(join(dir, "all/mocks.ts"))).toBe(true);
    expect(existsSync(join(dir, "all/client.ts"))).toBe(false);
  }, 120_000);

  it("an unknown name in the config file is E_CONFIG naming the field, with a did-you-mean", () => {
    const dir = tempDir();
    cpSync(join(ROOT, "specs/nextcloud-drf.yaml"), join(dir, "specs/partner.yaml"));
    writeFileSync(
      join(dir, "hmac-codegen.config.json"),
      JSON.stringify({ specs: [{ spec: "specs/partner.yaml", output: "web", outputs: ["client", "mock"] }] }),
    );
    const result = runCli([], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("[hmac-codegen] E_CONFIG at ");
    expect(result.stderr).toContain('hmac-codegen.config.json specs[0].outputs[1]: unknown output "mock"; did you mean "mocks"?');
    writeFileSync(
      join(dir, "hmac-codegen.config.json"),
      JSON.stringify({ outputs: [], specs: [{ spec: "specs/partner.yaml", output: "web" }] }),
    );
    expect(runCli([], { cwd: dir }).stderr).toContain("hmac-codegen.config.json outputs: expected a non-empty list");
  }, 60_000);
});
