/** Every command's --help shows examples, and the top-level help lists the commands and exit codes. */
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

describe("--help", () => {
  it.each(["explain", "lint", "sign", "verify", "vectors"])("%s --help has examples", (command) => {
    const help = runCli([command, "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Examples:");
    expect(help.stdout).toContain(`hmac-codegen ${command}`);
  });

  it("the top level lists every command, the generation examples and the exit codes", () => {
    const help = runCli(["--help"]);
    for (const command of ["explain", "lint", "sign", "verify", "vectors"]) expect(help.stdout).toContain(`hmac-codegen ${command}`);
    expect(help.stdout).toContain("--watch");
    expect(help.stdout).toContain("Exit codes: 0 ok; 1 a check failed");
  });
});
