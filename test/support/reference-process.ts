/**
 * A long-lived reference implementation (test/interop/reference.py or .php in --lines mode), so a test
 * server can have each request it receives verified by the independent Python or PHP code.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { ReferenceCase, ReferenceResult } from "../interop/reference-runner.js";

const COMMANDS = {
  python: ["/usr/bin/python3", "reference.py"],
  php: ["php", "reference.php"],
} as const;

export class ReferenceProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: Array<(result: ReferenceResult) => void> = [];

  constructor(readonly language: keyof typeof COMMANDS) {
    const [command, script] = COMMANDS[language];
    this.child = spawn(command, [fileURLToPath(new URL(`../interop/${script}`, import.meta.url)), "--lines"]);
    createInterface({ input: this.child.stdout }).on("line", (line) => this.pending.shift()?.(JSON.parse(line) as ReferenceResult));
    this.child.on("error", (error) => {
      throw new Error(`${command} is not runnable (${error.message})`);
    });
  }

  /** One case at a time, answered in order. */
  ask(referenceCase: ReferenceCase): Promise<ReferenceResult> {
    const answer = new Promise<ReferenceResult>((resolve) => {
      this.pending.push(resolve);
    });
    this.child.stdin.write(`${JSON.stringify(referenceCase)}\n`);
    return answer;
  }

  close(): void {
    this.child.stdin.end();
  }
}
