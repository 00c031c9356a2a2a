/**
 * `hmac-codegen [spec] [-o dir]`: the main job, for one spec or every spec of the config file, with
 * --outputs to choose what is generated, --check for CI, --watch while editing, --strict lint, and
 * --silent / --json for machines.
 */
import { resolve } from "node:path";
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { EXIT } from "../exit-codes.js";
import { generationReporter, type OutputMode } from "../generation-report.js";
import { type Job, type JobFlags, type ResolvedJobs, resolveJobs } from "../jobs.js";
import { parseOutputsFlag } from "../outputs-flag.js";
import { reportError, UsageError } from "../report.js";
import { type JobResult, runJob } from "../run-job.js";
import { watchFiles } from "../watch-files.js";

interface GenerateArgs {
  spec?: string;
  out?: string;
  config?: string;
  outputs?: string | string[];
  crypto?: string | undefined;
  check: boolean;
  watch: boolean;
  strict?: boolean;
  silent: boolean;
  json: boolean;
  "aws-region"?: string | undefined;
  "aws-service"?: string | undefined;
}

export const generateCommand: CommandModule<object, GenerateArgs> = {
  command: "$0 [spec]",
  describe: "Generate the typed client, server verifiers, mocks, signing runtime and golden vectors from an OpenAPI spec",
  builder: (yargs) =>
    (yargs as Argv<object>)
      .positional("spec", { type: "string", describe: "OpenAPI 3.x spec (YAML or JSON); default: every spec of the config file" })
      .option("out", { alias: "o", type: "string", describe: "Output folder (overrides the config file's)" })
      .option("config", { alias: "c", type: "string", describe: "Config file (default: ./hmac-codegen.config.{ts,mts,js,mjs,json})" })
      .option("outputs", {
        type: "string",
        requiresArg: true,
        describe: "What to generate, comma-separated: client, server, mocks, vectors (default: all; overrides the config file's)",
      })
      .option("crypto", {
        type: "string",
        choices: ["auto", "web"],
        describe:
          "Default crypto provider: auto (node:crypto where it exists, else Web Crypto) or web (a browser bundle without node:crypto's)",
      })
      .option("check", { type: "boolean", default: false, describe: "Write nothing; exit 1 if the output on disk is stale" })
      .option("watch", { alias: "w", type: "boolean", default: false, describe: "Regenerate when the spec or a file it $refs changes" })
      .option("strict", { type: "boolean", describe: "Fail (exit 1, write nothing) on any lint finding" })
      .option("silent", { type: "boolean", default: false, describe: "Print nothing but errors" })
      .option("json", { type: "boolean", default: false, describe: "Print one JSON result on stdout" })
      .option("aws-region", { type: "string", describe: "aws-sigv4 schemes: the signing region (overrides x-hmac and the spec's servers)" })
      .option("aws-service", { type: "string", describe: "aws-sigv4 schemes: the signing service name (overrides the spec)" })
      .example("$0 specs/nextcloud-drf.yaml -o generated/nextcloud-drf", "Generate into a folder")
      .example("$0 specs/nextcloud-drf.yaml -o src/api --check", "In CI: fail when the committed output is stale")
      .example(
        "$0 specs/nextcloud-drf.yaml -o web/src/api --outputs client --crypto web",
        "A browser app: the client alone (no msw, no server/), Web Crypto only",
      )
      .example("$0", "Generate every spec listed in hmac-codegen.config.ts")
      .example("$0 --watch", "Regenerate while you edit the spec or a file it $refs")
      .example("$0 --json --strict", "For build tools: a JSON result, failing on lint warnings") as Argv<GenerateArgs>,
  handler: async (args: ArgumentsCamelCase<GenerateArgs>) => {
    if (args.watch && args.check) throw new UsageError("--watch and --check do not go together: --check is a one-off for CI");
    const mode: OutputMode = args.json ? "json" : args.silent ? "silent" : "human";
    const flags: JobFlags = {
      spec: args.spec,
      out: args.out,
      config: args.config,
      strict: args.strict,
      aws: { region: args.awsRegion, service: args.awsService },
      outputs: parseOutputsFlag(args.outputs),
      crypto: args.crypto === "web" || args.crypto === "auto" ? args.crypto : undefined,
    };
    const resolved = await resolveJobs(flags);
    const results = await runAll(resolved.jobs, mode, args.check);
    process.exitCode = Math.max(0, ...results.map((result) => result.exitCode));
    if (args.watch) await watchForever(flags, resolved, results, mode);
  },
};

async function runAll(jobs: readonly Job[], mode: OutputMode, check: boolean): Promise<JobResult[]> {
  const reporter = generationReporter(mode);
  const started = performance.now();
  const results: JobResult[] = [];
  for (const job of jobs) {
    const result = await runJob(job, { check }, { onProgress: reporter.progress });
    reporter.job(result);
    results.push(result);
  }
  reporter.done(results, Math.round(performance.now() - started));
  return results;
}

/**
 * Keeps regenerating until interrupted. A save that breaks the spec prints its error and keeps the
 * last good output and the last known set of files; the next good save regenerates.
 */
async function watchForever(flags: JobFlags, initial: ResolvedJobs, firstResults: JobResult[], mode: OutputMode): Promise<void> {
  let current = initial;
  const known = new Map<string, string[]>();
  const watchedFiles = (results: readonly JobResult[]): Set<string> => {
    const files = new Set<string>();
    for (const result of results) {
      const sources = result.sources.length > 0 ? result.sources : (known.get(result.job.spec) ?? []);
      if (result.sources.length > 0) known.set(result.job.spec, result.sources);
      for (const file of [resolve(result.job.spec), ...sources]) files.add(file);
    }
    if (current.configFile) files.add(current.configFile);
    return files;
  };
  const say = (text: string): void => {
    if (mode === "human") process.stderr.write(`[hmac-codegen] ${text}\n`);
  };
  const watcher = watchFiles(watchedFiles(firstResults), async (changed) => {
    say(`changed: ${changed.map((file) => file.replace(`${process.cwd()}/`, "")).join(", ")}; regenerating`);
    if (current.configFile && changed.includes(current.configFile)) {
      try {
        current = await resolveJobs(flags);
      } catch (error) {
        reportError(error);
      }
    }
    const results = await runAll(current.jobs, mode, false);
    process.exitCode = Math.max(0, ...results.map((result) => result.exitCode));
    return watchedFiles(results);
  });
  say(`watching ${watcher.files().size} file(s); Ctrl-C to stop`);
  await new Promise<void>((done) => {
    const stop = (): void => {
      watcher.close();
      done();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  process.exitCode = EXIT.ok;
}
