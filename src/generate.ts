/**
 * The pipeline's pure core: an ApiModel in, generated files out. Writes nothing, prints nothing
 * (STYLE 1); the CLI decides what to do with the files.
 */
import type { CryptoDefault } from "./crypto-default.js";
import type { GeneratedFile } from "./emit/banner.js";
import { emitDefaultCrypto } from "./emit/emit-default-crypto.js";
import { emitJsonForms } from "./emit/emit-json-forms.js";
import { emitProfiles } from "./emit/emit-profiles.js";
import { emitRequestBodies } from "./emit/emit-request-bodies.js";
import { emitRuntime } from "./emit/emit-runtime.js";
import { emitSchema } from "./emit/emit-schema.js";
import { emitSchemes } from "./emit/emit-schemes.js";
import { emitVectors } from "./emit/emit-vectors.js";
import { emitWebhooks, signedWebhooks } from "./emit/emit-webhooks.js";
import { ImportClosure } from "./import-closure.js";
import { OUTPUT_ENTRIES, OUTPUT_NAMES, type OutputName } from "./outputs.js";
import { SpecError } from "./scheme/errors.js";
import type { ApiModel } from "./spec/model.js";

export interface GenerateOptions {
  /** The spec's file name, for banners; never a full path, so output does not depend on where it ran. */
  specName: string;
  /** What to generate (default: all). The folder holds these and what they import, nothing else. */
  outputs?: readonly OutputName[] | undefined;
  /** The crypto provider used when the caller passes none (default "auto": node:crypto where it exists, else Web Crypto). */
  crypto?: CryptoDefault | undefined;
  /** Called before each output is emitted, so a CLI can show progress on a large spec. Prints nothing itself. */
  onProgress?: ((output: string, index: number, total: number) => void) | undefined;
}

export async function generate(model: ApiModel, options: GenerateOptions): Promise<GeneratedFile[]> {
  try {
    return await emitAll(model, options);
  } catch (error) {
    // An emitter can find a spec problem the model did not (emit-schema.ts): say where it is in the file.
    if (error instanceof SpecError && model.locate) {
      const locate = model.locate;
      throw new SpecError(error.issues.map((issue) => ({ ...issue, location: issue.location ?? locate(issue.pointer) })));
    }
    throw error;
  }
}

async function emitAll(model: ApiModel, options: GenerateOptions): Promise<GeneratedFile[]> {
  // Each step is deferred, so progress can be reported between them, and only the steps whose file the
  // chosen outputs import run. The ts-morph emitters are imported only once schema.ts is printed: ts-morph
  // brings its own copy of TypeScript, and compiled before schema.ts (the largest live set of the run: the
  // whole spec as a TypeScript AST) it adds to that peak. GitHub's spec: peak RSS 502 -> 473 MiB, median of 5.
  const hooks = signedWebhooks(model.webhooks, model.webhookSchemes);
  const steps: Array<[string, () => GeneratedFile | Promise<GeneratedFile>]> = [
    ["schema.ts", () => emitSchema(options.specName, model.document)],
    ["client.ts", async () => (await import("./emit/emit-client.js")).emitClient(options.specName, model)],
    ["secured-paths.ts", async () => (await import("./emit/emit-secured-paths.js")).emitSecuredPaths(options.specName, model)],
    ["security.ts", async () => (await import("./emit/emit-security.js")).emitSecurity(options.specName, model)],
    ["server.ts", async () => (await import("./emit/emit-server.js")).emitServer(options.specName, model)],
    ["handlers.ts", async () => (await import("./emit/emit-handlers.js")).emitHandlers(options.specName, model)],
    ["mocks.ts", async () => (await import("./emit/emit-mocks.js")).emitMocks(options.specName, model)],
    ["schemes.ts", () => emitSchemes(options.specName, model.hmacSchemes)],
    ["vectors.json", async () => emitVectors(options.specName, model)],
    ["webhooks.ts", () => emitWebhooks(options.specName, hooks)],
  ];
  // The template copies (runtime/, client/, server/, mocks/) cost nothing to produce: they are all at hand.
  const available = new Map(emitRuntime(options.specName).map((file) => [file.path, file]));
  // Only the profiles the spec's schemes use: the closure then leaves the others' folders out.
  const profiles = emitProfiles(options.specName, model.hmacSchemes);
  available.set(profiles.path, profiles);
  // Likewise the JSON re-serialisation (python-json.ts) only where a scheme signs python-compact bodies.
  const jsonForms = emitJsonForms(options.specName, model.hmacSchemes);
  available.set(jsonForms.path, jsonForms);
  // And the client's body writing: openapi-fetch's JSON alone where every request body is application/json.
  const requestBodies = emitRequestBodies(options.specName, model);
  available.set(requestBodies.path, requestBodies);
  // And the default crypto: Web Crypto alone when the user asked for it (a browser app).
  const defaultCrypto = emitDefaultCrypto(options.specName, options.crypto ?? "auto");
  available.set(defaultCrypto.path, defaultCrypto);
  const closure = new ImportClosure((path) => available.get(path)?.contents);
  const outputs = options.outputs ?? OUTPUT_NAMES;
  for (const output of outputs) for (const entry of OUTPUT_ENTRIES[output]) closure.want(entry);
  // webhooks.ts (receivers and the provider's senders) only for a spec with signed webhooks, so no other
  // output carries the webhook runtime.
  if (hooks.length > 0 && (outputs.includes("server") || outputs.includes("client"))) closure.want("webhooks.ts");
  closure.expand();

  // A later step can import an earlier one that was not wanted yet (mocks.ts imports server.ts): go round
  // again until a pass emits nothing new. With every output chosen, one pass in the order above does it.
  const emitted = new Set<string>();
  for (let emittedThisPass = true; emittedThisPass; ) {
    emittedThisPass = false;
    for (const [index, [path, emit]] of steps.entries()) {
      if (emitted.has(path) || !closure.has(path)) continue;
      options.onProgress?.(path, index, steps.length);
      const file = await emit();
      available.set(file.path, file);
      emitted.add(path);
      emittedThisPass = true;
      closure.expand();
    }
  }
  const [missing] = closure.missing();
  if (missing) throw new Error(`${missing.importer ?? "an output"} imports ${missing.path}, which hmac-codegen does not generate`);
  return closure
    .paths()
    .map((path) => available.get(path) as GeneratedFile)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export type { GeneratedFile };
