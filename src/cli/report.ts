/** The one place that prints errors: stable prefixes, never a stack trace for an expected failure. */
import { SigningError } from "../../templates/runtime/sign.js";
import { KeyConfigurationError } from "../../templates/runtime/verify.js";
import { ConfigError } from "../config/validate-config.js";
import { ExplainError } from "../explain/explain.js";
import { UnsupportedProfileError } from "../explain/profile.js";
import { SpecError } from "../scheme/errors.js";
import { EXIT } from "./exit-codes.js";

export class UsageError extends Error {
  constructor(message: string) {
    super(`[hmac-codegen] ${message}`);
    this.name = "UsageError";
  }
}

/** Errors whose message is the whole story: the input was wrong, so no stack trace is printed. */
function isInputError(error: unknown): error is Error {
  return (
    error instanceof SpecError ||
    error instanceof UsageError ||
    error instanceof SigningError ||
    error instanceof KeyConfigurationError ||
    error instanceof ExplainError ||
    error instanceof UnsupportedProfileError ||
    error instanceof ConfigError
  );
}

export function exitCodeFor(error: unknown): number {
  return isInputError(error) ? EXIT.usage : EXIT.io;
}

/** The error as one message, without a stack trace unless it is unexpected. */
export function errorMessage(error: unknown): string {
  if (isInputError(error)) return error.message;
  if (error instanceof Error && "code" in error && typeof error.code === "string") return `[hmac-codegen] ${error.code}: ${error.message}`;
  return `[hmac-codegen] unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

export function reportError(error: unknown): void {
  process.stderr.write(`${errorMessage(error)}\n`);
}
