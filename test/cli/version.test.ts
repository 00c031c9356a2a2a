/**
 * `hmac-codegen --version` prints this package's version, also when npm has hoisted yargs into the user's
 * project: there yargs' own guess reads the project's package.json. The installed layout is built from
 * symlinks and run with node's --preserve-symlinks, so modules resolve from the project as after `npm i -D`.
 */
import { mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

const own = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

/** A user's project at version 9.9.9 with hmac-codegen and its dependencies side by side in node_modules. */
function installedProject(): string {
  const project = tempDir();
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "user-app", version: "9.9.9", type: "module" }));
  const modules = join(project, "node_modules");
  mkdirSync(join(modules, "hmac-codegen"), { recursive: true });
  for (const name of readdirSync(join(ROOT, "node_modules"))) {
    if (name.startsWith(".")) continue;
    symlinkSync(realpathSync(join(ROOT, "node_modules", name)), join(modules, name));
  }
  for (const entry of ["bin", "dist", "templates", "schema", "package.json"]) {
    symlinkSync(join(ROOT, entry), join(modules, "hmac-codegen", entry));
  }
  return project;
}

describe("hmac-codegen --version", () => {
  it("prints package.json's version", () => {
    const result = runCli(["--version"]);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(own);
  });

  it("prints its own version, not the project's, when yargs is hoisted beside it", () => {
    const project = installedProject();
    const result = runCli(["--version"], {
      cwd: project,
      bin: join(project, "node_modules/hmac-codegen/bin/hmac-codegen.js"),
      nodeArgs: ["--preserve-symlinks", "--preserve-symlinks-main"],
    });
    expect(result.stderr).toBe("");
    expect(own).not.toBe("9.9.9");
    expect(result.stdout.trim()).toBe(own);
  });
});
