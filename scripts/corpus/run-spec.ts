/**
 * One corpus spec, three questions: does openapi-typescript accept it (the baseline: the issue's target is
 * to succeed wherever it does); does our generator, given the spec as published (no x-hmac), refuse it
 * with a clear E_SPEC_NO_HMAC; and does it generate every output once an x-hmac scheme is added, the way
 * test/support/github-spec.ts adds one to GitHub's spec. Each spec gets one of the presets, picked by
 * its name, so all five signing contracts meet real-world operations, parameters and bodies.
 */
import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import type { GeneratedFile } from "../../src/generate.js";
import { generate } from "../../src/generate.js";
import { SpecError } from "../../src/scheme/errors.js";
import { PRESET_NAMES, type PresetName } from "../../src/scheme/profiles/template/preset-names.js";
import { loadSpec } from "../../src/spec/load.js";
import { buildModel } from "../../src/spec/model.js";
import { stableRank } from "./specs.js";

/** Where each preset's seed system carries the signature (as test/support/preset-scheme.ts). */
const SIGNATURE_HEADER: Record<PresetName, string> = {
  "nextcloud-drf": "X-Signature",
  "nextcloud-drf-base64": "X-Signature",
  "django-hmac-authentication": "Authorization",
  "django-api-key": "X-Signature",
  "django-api-signing": "Signature",
};

export const INJECTED_SCHEME = "corpusHmac";

export type Outcome =
  | { ok: true; ms: number; files: number; operations: number }
  /** A SpecError: coded, pointed; `clear` when every line has the `[hmac-codegen] E_... at ...` shape. */
  | { ok: false; kind: "spec-error"; codes: string[]; message: string; clear: boolean; ms: number }
  /** Anything else thrown: a bug in the generator. */
  | { ok: false; kind: "crash"; message: string; ms: number };

export type BaselineOutcome = { ok: true; ms: number } | { ok: false; message: string; ms: number };

export function presetFor(name: string): PresetName {
  return PRESET_NAMES[stableRank(name, "preset:") % PRESET_NAMES.length] as PresetName;
}

/** openapi-typescript 7 as its CLI runs it (Redocly lint + bundle, transform, print), console silenced. */
export async function runBaseline(file: string): Promise<BaselineOutcome> {
  const start = performance.now();
  const restore = silenceConsole();
  try {
    astToString(await openapiTS(pathToFileURL(file), { silent: true }));
    return { ok: true, ms: performance.now() - start };
  } catch (error) {
    return { ok: false, message: firstLine(error), ms: performance.now() - start };
  } finally {
    restore();
  }
}

/** The spec as published has no x-hmac: the generator must say so (E_SPEC_NO_HMAC), not crash. */
export async function runUnmodified(file: string): Promise<Outcome> {
  return outcomeOf(async () => {
    const spec = await loadSpec(file);
    buildModel(spec.document, spec.locate);
    return { files: 0, operations: 0 };
  });
}

/** The spec with an x-hmac scheme added and made the document's default security. */
export async function runWithHmac(file: string, name: string): Promise<{ outcome: Outcome; files?: GeneratedFile[] }> {
  let generated: GeneratedFile[] | undefined;
  const outcome = await outcomeOf(async () => {
    const spec = await loadSpec(file);
    injectHmac(spec.document, presetFor(name));
    const model = buildModel(spec.document, spec.locate);
    generated = await generate(model, { specName: basename(file) });
    return { files: generated.length, operations: model.operations.length };
  });
  return generated ? { outcome, files: generated } : { outcome };
}

/**
 * Adds the scheme beside the spec's own (operations that name those keep them, so plain API keys and
 * OAuth schemes are exercised too) and makes it the document default.
 */
export function injectHmac(document: Record<string, unknown>, preset: PresetName): void {
  const components = (isRecord(document.components) ? document.components : {}) as Record<string, unknown>;
  const schemes = (isRecord(components.securitySchemes) ? components.securitySchemes : {}) as Record<string, unknown>;
  schemes[INJECTED_SCHEME] = { type: "apiKey", in: "header", name: SIGNATURE_HEADER[preset], "x-hmac": { preset } };
  components.securitySchemes = schemes;
  document.components = components;
  document.security = [{ [INJECTED_SCHEME]: [] }];
}

async function outcomeOf(run: () => Promise<{ files: number; operations: number }>): Promise<Outcome> {
  const start = performance.now();
  try {
    const { files, operations } = await run();
    return { ok: true, ms: performance.now() - start, files, operations };
  } catch (error) {
    const ms = performance.now() - start;
    if (error instanceof SpecError) {
      const lines = error.message.split("\n");
      return {
        ok: false,
        kind: "spec-error",
        codes: [...new Set(error.issues.map((issue) => issue.code))],
        message: error.message.slice(0, 2000),
        clear: lines.every((line) => /^\[hmac-codegen\] E_[A-Z_]+ at \S.*: \S/.test(line)),
        ms,
      };
    }
    return {
      ok: false,
      kind: "crash",
      message: error instanceof Error ? (error.stack ?? error.message).slice(0, 2000) : String(error),
      ms,
    };
  }
}

/** openapi-typescript prints Redocly's problems even when `silent` (its redoc.ts `error()`). */
function silenceConsole(): () => void {
  const target = globalThis.console as unknown as Record<string, unknown>;
  const names = ["error", "warn", "log", "info"];
  const saved = names.map((name) => target[name]);
  for (const name of names) target[name] = () => {};
  return () => {
    names.forEach((name, index) => {
      target[name] = saved[index];
    });
  };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split("\n")[0] ?? text).slice(0, 500);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
