/**
 * `hmac-codegen vectors <spec>`: the golden vectors alone (the same vectors.json generation writes),
 * for a PHP, Python or Go peer to check its signer against: inputs, string to sign, signature and
 * headers for every x-hmac scheme, signed with published test-only credentials.
 */
import { basename, dirname } from "node:path";
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { emitVectors } from "../../emit/emit-vectors.js";
import { loadSpec } from "../../spec/load.js";
import { buildModel } from "../../spec/model.js";
import { writeOutput } from "../write-output.js";

interface VectorsArgs {
  spec: string;
  out?: string;
}

export const vectorsCommand: CommandModule<object, VectorsArgs> = {
  command: "vectors <spec>",
  describe: "Write golden test vectors (inputs, string to sign, signature, headers) for every x-hmac scheme",
  builder: (yargs) =>
    (yargs as Argv<object>)
      .positional("spec", { type: "string", demandOption: true, describe: "OpenAPI 3.x spec (YAML or JSON)" })
      .option("out", { alias: "o", type: "string", describe: "File to write (default: print to stdout)" })
      .example("$0 vectors specs/nextcloud-drf.yaml -o vectors.json", "Write the vectors for the PHP and Python teams")
      .example("$0 vectors api.yaml | python3 check_vectors.py - partnerHmac", "Pipe them into a peer's check") as Argv<VectorsArgs>,
  handler: async (args: ArgumentsCamelCase<VectorsArgs>) => {
    const spec = await loadSpec(args.spec);
    const model = buildModel(spec.document, spec.locate);
    const file = await emitVectors(basename(args.spec), model);
    if (args.out === undefined) {
      process.stdout.write(file.contents);
      return;
    }
    // Atomic like generation: a folder-level write of this one file (its banner marks it as ours).
    await writeOutput(dirname(args.out), [{ path: basename(args.out), contents: file.contents }]);
    const count = (JSON.parse(file.contents) as { schemes: Record<string, { vectors: unknown[] }> }).schemes;
    const total = Object.values(count).reduce((sum, scheme) => sum + scheme.vectors.length, 0);
    process.stdout.write(`[hmac-codegen] wrote ${total} vectors for ${model.hmacSchemes.length} scheme(s) to ${args.out}.\n`);
  },
};
