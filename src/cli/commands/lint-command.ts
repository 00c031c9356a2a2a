/**
 * `hmac-codegen lint <spec>`: known weaknesses of each x-hmac scheme. Exit 1 when a finding is an
 * error, or a warning under --strict; 0 otherwise; 2 when the spec itself is invalid.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { formatFinding, summarise } from "../../lint/format.js";
import { lintDocument } from "../../lint/lint.js";
import { loadSpec } from "../../spec/load.js";
import { EXIT } from "../exit-codes.js";

interface LintArgs {
  spec: string;
  strict: boolean;
  json: boolean;
}

export const lintCommand: CommandModule<object, LintArgs> = {
  command: "lint <spec>",
  describe: "Check each x-hmac scheme for known weaknesses (unsigned body, no timestamp, key substitution, ...)",
  builder: (yargs) =>
    (yargs as Argv<object>)
      .positional("spec", { type: "string", demandOption: true, describe: "OpenAPI 3.x spec (YAML or JSON)" })
      .option("strict", { type: "boolean", default: false, describe: "Fail (exit 1) on warnings too" })
      .option("json", { type: "boolean", default: false, describe: "Print findings as JSON" })
      .example("$0 lint specs/django-api-signing.yaml", "List the weaknesses of seed 002's scheme; exit 1 on errors")
      .example("$0 lint api.yaml --strict", "In CI: fail on any warning") as Argv<LintArgs>,
  handler: async (args: ArgumentsCamelCase<LintArgs>) => {
    const spec = await loadSpec(args.spec);
    const findings = lintDocument(spec.document, { locate: spec.locate });
    const { errors, warnings } = summarise(findings);
    const failed = errors > 0 || (args.strict && warnings > 0);
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ ok: !failed, errors, warnings, findings }, null, 2)}\n`);
    } else {
      for (const finding of findings) process.stdout.write(`${formatFinding(finding)}\n`);
      process.stdout.write(
        `[hmac-codegen] lint ${args.spec}: ${errors} error(s), ${warnings} warning(s)${args.strict ? " (strict)" : ""}.\n`,
      );
    }
    if (failed) process.exitCode = EXIT.failed;
  },
};
