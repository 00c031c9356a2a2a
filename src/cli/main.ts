/**
 * The command line: yargs wiring only. Commands live in commands/, one per file; this is the only
 * layer that prints, sets exit codes or writes files (DESIGN §2).
 */
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { explainCommand } from "./commands/explain-command.js";
import { generateCommand } from "./commands/generate-command.js";
import { lintCommand } from "./commands/lint-command.js";
import { signCommand } from "./commands/sign-command.js";
import { vectorsCommand } from "./commands/vectors-command.js";
import { verifyCommand } from "./commands/verify-command.js";
import { EXIT } from "./exit-codes.js";
import { ownVersion } from "./own-version.js";
import { exitCodeFor, reportError } from "./report.js";

export async function main(argv: string[]): Promise<void> {
  try {
    await yargs(argv)
      .scriptName("hmac-codegen")
      .command(explainCommand)
      .command(lintCommand)
      .command(signCommand)
      .command(verifyCommand)
      .command(vectorsCommand)
      .command(generateCommand)
      .strict()
      .help()
      .version(ownVersion())
      .epilogue(
        "Exit codes: 0 ok; 1 a check failed (verify: not verified; explain: the received signature differs; lint: errors, or warnings\n" +
          "with --strict; --check: stale output); 2 bad spec, config or usage; 3 I/O error.\nDocs: README.md and docs/ (docs/cli.md for every command)",
      )
      .fail((message, error) => {
        throw error ?? new UsageFailure(message);
      })
      .parseAsync();
  } catch (error) {
    if (error instanceof UsageFailure) {
      process.stderr.write(`[hmac-codegen] ${error.message}\nRun hmac-codegen --help for usage.\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    reportError(error);
    process.exitCode = exitCodeFor(error);
  }
}

class UsageFailure extends Error {}

await main(hideBin(process.argv));
