/** The one place that prints errors: stable prefixes, never a stack trace for an expected failure. */
import { SpecError } from "../scheme/errors.js";
import { EXIT } from "./exit-codes.js";

export class UsageError extends Error {
  constructor(message: string) {
    super(`[hmac-codegen] ${message}`);
    this.name = "UsageError";
  }
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof SpecError || error instanceof UsageError) return EXIT.usage;
  return EXIT.io;
}

export function reportError(error: unknown): void {
  if (error instanceof SpecError || error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
  } else if (error instanceof Error && "code" in error && typeof error.code === "string") {
    process.stderr.write(`[hmac-codegen] ${error.code}: ${error.message}\n`);
  } else {
    process.stderr.write(`[hmac-codegen] unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
}
