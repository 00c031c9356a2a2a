/**
 * Runs the independent reference implementations (reference.py, reference.php) over a batch of cases in
 * one process each. A missing interpreter is a failure naming the Debian package, never a skip.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface ReferenceCase {
  op: "sign" | "verify";
  preset: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body_b64: string;
  secret: string;
  key_id?: string | undefined;
  timestamp?: string | undefined;
  nonce?: string | undefined;
  algorithm?: string | undefined;
  /** Seed 003 signers without a timestamp: the ISO 8601 form of "now", "<timespec> <zone>" (reference.py styled_utc_now). */
  timestamp_style?: string | undefined;
  /** Verifier clock, unix seconds. */
  now?: number | undefined;
}

export type ReferenceResult =
  | { string_to_sign: string; signature: string; headers: Record<string, string> }
  | { ok: boolean; reason?: string }
  | { error: string };

const LANGUAGES = {
  python: { command: "/usr/bin/python3", script: "reference.py", package: "python3-django python3-djangorestframework" },
  php: { command: "php", script: "reference.php", package: "php-cli" },
} as const;

export function runReference(language: keyof typeof LANGUAGES, cases: ReferenceCase[]): ReferenceResult[] {
  const { command, script, package: debianPackage } = LANGUAGES[language];
  const path = fileURLToPath(new URL(script, import.meta.url));
  const run = spawnSync(command, [path], { input: JSON.stringify({ cases }), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`${command} is not runnable (${run.error.message}); install the Debian package ${debianPackage}`);
  if (run.status !== 0) throw new Error(`${script} failed: ${run.stderr}`);
  const results = (JSON.parse(run.stdout) as { results: ReferenceResult[] }).results;
  if (results.length !== cases.length) throw new Error(`${script} answered ${results.length} of ${cases.length} cases`);
  return results;
}
