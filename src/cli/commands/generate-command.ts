/** `hmac-codegen <spec> -o <dir> [--check]`: the main job. */
import { basename } from "node:path";
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { loadSpec } from "../../spec/load.js";
import { buildModel } from "../../spec/model.js";
import { EXIT } from "../exit-codes.js";
import { staleFiles, writeOutput } from "../write-output.js";

interface GenerateArgs {
  spec: string;
  out: string;
  check: boolean;
  "aws-region"?: string | undefined;
  "aws-service"?: string | undefined;
}

export const generateCommand: CommandModule<object, GenerateArgs> = {
  command: "$0 <spec>",
  describe: "Generate the signing runtime, resolved schemes and golden vectors from an OpenAPI spec",
  builder: (yargs) =>
    (yargs as Argv<object>)
      .positional("spec", { type: "string", demandOption: true, describe: "OpenAPI 3.x spec (YAML or JSON)" })
      .option("out", { alias: "o", type: "string", demandOption: true, describe: "Output folder" })
      .option("check", { type: "boolean", default: false, describe: "Write nothing; exit 1 if the output on disk is stale" })
      .option("aws-region", { type: "string", describe: "aws-sigv4 schemes: the signing region (overrides x-hmac and the spec's servers)" })
      .option("aws-service", { type: "string", describe: "aws-sigv4 schemes: the signing service name (overrides the spec)" })
      .example("$0 specs/nextcloud-drf.yaml -o generated/nextcloud-drf", "Generate into a folder")
      .example("$0 specs/nextcloud-drf.yaml -o src/api --check", "In CI: fail when the committed output is stale") as Argv<GenerateArgs>,
  handler: async (args: ArgumentsCamelCase<GenerateArgs>) => {
    const spec = await loadSpec(args.spec);
    const model = buildModel(spec.document, spec.locate, { aws: { region: args.awsRegion, service: args.awsService } });
    // Loaded on demand: the emitters pull in TypeScript (openapi-typescript, ts-morph), about a second
    // of start-up that `sign`, `verify` and `--help` do not need.
    const { generate } = await import("../../generate.js");
    const files = await generate(model, { specName: basename(args.spec) });
    if (args.check) {
      const stale = await staleFiles(args.out, files);
      if (stale.length > 0) {
        process.stderr.write(`[hmac-codegen] ${args.out} is stale: ${stale.join(", ")}. Run hmac-codegen ${args.spec} -o ${args.out}.\n`);
        process.exitCode = EXIT.failed;
        return;
      }
      process.stdout.write(`[hmac-codegen] ${args.out} is up to date (${files.length} files).\n`);
      return;
    }
    await writeOutput(args.out, files);
    const operations = model.operations.length;
    process.stdout.write(
      `[hmac-codegen] wrote ${files.length} files to ${args.out} (${model.hmacSchemes.length} x-hmac scheme(s), ${operations} operation(s)).\n`,
    );
  },
};
