/** Runs the built CLI as a separate process, the way a build step does. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = `${ROOT}bin/hmac-codegen.js`;

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Another copy of bin/hmac-codegen.js (an installed layout), and node's own flags for it. */
  bin?: string;
  nodeArgs?: string[];
}

export function runCli(args: string[], options: CliOptions = {}): CliResult {
  const { HMAC_SECRET: _unused, ...inherited } = process.env;
  const run = spawnSync(process.execPath, [...(options.nodeArgs ?? []), options.bin ?? BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...inherited, ...options.env },
    encoding: "utf8",
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
