/**
 * What a generation run does: one job per spec, from the command line, the config file, or both
 * (flags override the file: a spec given on the command line picks or adds its entry, -o replaces the
 * output, --strict the lint setting, --outputs what is generated).
 */
import { dirname, relative, resolve } from "node:path";
import type { LintConfig } from "../config/define-config.js";
import { findConfig, type LoadedConfig, loadConfig } from "../config/load-config.js";
import type { CryptoDefault } from "../crypto-default.js";
import type { LintRuleSettings } from "../lint/lint.js";
import { OUTPUT_NAMES, type OutputName } from "../outputs.js";
import type { AwsSigningOverrides } from "../scheme/profiles/aws-sigv4/spec-metadata.js";
import { UsageError } from "./report.js";

export interface Job {
  /** The spec's path as the user wrote it (relative to the working directory where possible). */
  spec: string;
  out: string;
  strict: boolean;
  rules: LintRuleSettings;
  /** aws-sigv4 signing region and service: --aws-region/--aws-service over the config entry's `aws`. */
  aws: AwsSigningOverrides;
  /** What to generate: --outputs, else the entry's `outputs`, else the file's, else all. */
  outputs: readonly OutputName[];
  /** The default crypto provider: --crypto, else the entry's `crypto`, else the file's, else "auto". */
  crypto: CryptoDefault;
}

export interface JobFlags {
  spec?: string | undefined;
  out?: string | undefined;
  config?: string | undefined;
  strict?: boolean | undefined;
  aws?: AwsSigningOverrides | undefined;
  outputs?: readonly OutputName[] | undefined;
  crypto?: CryptoDefault | undefined;
}

export interface ResolvedJobs {
  jobs: Job[];
  /** The config file, when one was read (watched too). */
  configFile: string | undefined;
}

/** How a command reads its jobs: `lint` takes the same ones as generation but writes no output folder. */
export interface JobNeeds {
  /** false: a spec named on the command line needs no -o or config entry (its `out` is then ""). */
  output: boolean;
  /** What to suggest when there is neither a spec nor a config file. */
  usage: string;
}

const GENERATION: JobNeeds = { output: true, usage: "hmac-codegen <spec> -o <dir>" };

export async function resolveJobs(flags: JobFlags, cwd = process.cwd(), needs: JobNeeds = GENERATION): Promise<ResolvedJobs> {
  const configPath = flags.config ?? findConfig(cwd);
  const loaded: LoadedConfig | undefined = configPath ? await loadConfig(configPath) : undefined;
  const fromConfig = loaded ? configJobs(loaded, cwd) : [];
  const override = (job: Job): Job => ({
    ...job,
    strict: flags.strict ?? job.strict,
    aws: { region: flags.aws?.region ?? job.aws.region, service: flags.aws?.service ?? job.aws.service },
    outputs: flags.outputs ?? job.outputs,
    crypto: flags.crypto ?? job.crypto,
  });

  if (flags.spec !== undefined) {
    const wanted = resolve(cwd, flags.spec);
    const entry = fromConfig.find((job) => resolve(cwd, job.spec) === wanted);
    const out = flags.out ?? entry?.out ?? (needs.output ? undefined : "");
    if (out === undefined) {
      throw new UsageError(
        `no output folder for ${flags.spec}: pass -o/--out <dir>${loaded ? `, or add it to ${relative(cwd, loaded.file)}` : ""}`,
      );
    }
    return {
      jobs: [
        override({
          spec: flags.spec,
          out,
          strict: entry?.strict ?? false,
          rules: entry?.rules ?? {},
          aws: entry?.aws ?? {},
          outputs: entry?.outputs ?? loaded?.config.outputs ?? OUTPUT_NAMES,
          crypto: entry?.crypto ?? loaded?.config.crypto ?? "auto",
        }),
      ],
      configFile: loaded?.file,
    };
  }
  if (!loaded) {
    throw new UsageError(`no spec given and no hmac-codegen.config.ts (.js, .mjs, .json) here: run ${needs.usage}`);
  }
  if (flags.out !== undefined) {
    const [only, ...more] = fromConfig;
    if (!only || more.length > 0)
      throw new UsageError(`-o applies to one spec, but ${relative(cwd, loaded.file)} lists ${fromConfig.length}`);
    return { jobs: [override({ ...only, out: flags.out })], configFile: loaded.file };
  }
  return { jobs: fromConfig.map(override), configFile: loaded.file };
}

function configJobs(loaded: LoadedConfig, cwd: string): Job[] {
  const base = dirname(loaded.file);
  const shared: LintConfig = loaded.config.lint ?? {};
  const display = (path: string): string => relative(cwd, resolve(base, path)) || ".";
  return loaded.config.specs.map((entry) => ({
    spec: display(entry.spec),
    out: display(entry.output),
    strict: entry.lint?.strict ?? shared.strict ?? false,
    rules: { ...shared.rules, ...entry.lint?.rules },
    aws: entry.aws ?? {},
    outputs: entry.outputs ?? loaded.config.outputs ?? OUTPUT_NAMES,
    crypto: entry.crypto ?? loaded.config.crypto ?? "auto",
  }));
}
