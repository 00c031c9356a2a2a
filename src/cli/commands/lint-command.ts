/**
 * `hmac-codegen lint [spec]`: known weaknesses of each x-hmac scheme. The specs, rule settings, strictness
 * and AWS scope come from the config file exactly as generation reads them (jobs.ts), so `lint` in CI
 * reports what `hmac-codegen` would. Exit 1 when a finding is an error, or a warning under strict; 2 when a
 * spec itself is invalid; with several specs, the highest code.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { formatFinding, summarise } from "../../lint/format.js";
import { type LintFinding, lintDocument } from "../../lint/lint.js";
import { loadSpec } from "../../spec/load.js";
import { EXIT } from "../exit-codes.js";
import { type Job, resolveJobs } from "../jobs.js";

interface LintArgs {
  spec?: string;
  config?: string;
  strict?: boolean;
  json: boolean;
}

interface SpecLint {
  spec: string;
  ok: boolean;
  errors: number;
  warnings: number;
  findings: LintFinding[];
}

export const lintCommand: CommandModule<object, LintArgs> = {
  command: "lint [spec]",
  describe: "Check each x-hmac scheme for known weaknesses (unsigned body, no timestamp, key substitution, ...)",
  builder: (yargs) =>
    (yargs as Argv<object>)
      .positional("spec", { type: "string", describe: "OpenAPI 3.x spec (YAML or JSON); default: every spec of the config file" })
      .option("config", { alias: "c", type: "string", describe: "Config file (default: ./hmac-codegen.config.{ts,mts,js,mjs,json})" })
      .option("strict", { type: "boolean", describe: "Fail (exit 1) on warnings too (overrides the config file's lint.strict)" })
      .option("json", { type: "boolean", default: false, describe: "Print findings as JSON" })
      .example("$0 lint specs/django-api-signing.yaml", "List the weaknesses of the django-api-signing preset; exit 1 on errors")
      .example("$0 lint", "Lint every spec of hmac-codegen.config.ts with its rule settings")
      .example("$0 lint api.yaml --strict", "In CI: fail on any warning") as Argv<LintArgs>,
  handler: async (args: ArgumentsCamelCase<LintArgs>) => {
    const { jobs } = await resolveJobs({ spec: args.spec, config: args.config, strict: args.strict }, process.cwd(), {
      output: false,
      usage: "hmac-codegen lint <spec>",
    });
    const results: SpecLint[] = [];
    for (const job of jobs) results.push(await lintJob(job));
    const failed = results.some((result) => !result.ok);
    if (args.json) {
      const findings = results.flatMap((result) => result.findings);
      const { errors, warnings } = summarise(findings);
      process.stdout.write(`${JSON.stringify({ ok: !failed, errors, warnings, findings, results }, null, 2)}\n`);
    } else {
      for (const [index, result] of results.entries()) {
        for (const finding of result.findings) process.stdout.write(`${formatFinding(finding)}\n`);
        const strict = jobs[index]?.strict ? " (strict)" : "";
        process.stdout.write(`[hmac-codegen] lint ${result.spec}: ${result.errors} error(s), ${result.warnings} warning(s)${strict}.\n`);
      }
    }
    if (failed) process.exitCode = EXIT.failed;
  },
};

/** As run-job.ts lints before generating: the job's rules and AWS scope. An invalid spec throws (exit 2). */
async function lintJob(job: Job): Promise<SpecLint> {
  const spec = await loadSpec(job.spec);
  const findings = lintDocument(spec.document, { rules: job.rules, locate: spec.locate, aws: job.aws });
  const { errors, warnings } = summarise(findings);
  return { spec: job.spec, ok: errors === 0 && !(job.strict && warnings > 0), errors, warnings, findings };
}
