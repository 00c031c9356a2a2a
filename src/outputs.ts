/**
 * The outputs a user can choose (config `outputs`, CLI `--outputs`), and the generated files each one
 * starts from. Everything else in the folder (schema.ts, security.ts, runtime/, client/, server/, ...) is
 * there because one of these imports it: generate() adds the import closure, so a browser app that asks
 * for the client alone gets no msw, no server/ and no vectors.
 */
import { closest } from "./scheme/did-you-mean.js";

export const OUTPUT_NAMES = ["client", "server", "mocks", "vectors"] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

/**
 * Entry files per output. schema.ts is listed although the closure would find it, so that it is printed
 * before the ts-morph emitters are loaded (the memory ordering in generate.ts).
 */
export const OUTPUT_ENTRIES: Readonly<Record<OutputName, readonly string[]>> = {
  client: ["schema.ts", "client.ts"],
  server: ["schema.ts", "server.ts", "handlers.ts"],
  mocks: ["schema.ts", "mocks.ts"],
  vectors: ["vectors.json"],
};

export function isOutputName(value: unknown): value is OutputName {
  return typeof value === "string" && (OUTPUT_NAMES as readonly string[]).includes(value);
}

/** Why a name is not an output, with a did-you-mean: the message of E_CONFIG and of --outputs. */
export function unknownOutputMessage(name: string): string {
  const suggestion = closest(name, OUTPUT_NAMES);
  return `unknown output "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ""} (choose from ${OUTPUT_NAMES.join(", ")})`;
}
