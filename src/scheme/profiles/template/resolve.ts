/**
 * The template profile's resolution: from the x-hmac an author wrote (already validated against X_HMAC_RULE)
 * to the HmacScheme the runtime reads: expand the preset, apply defaults, check that the parts fit together.
 * Every problem is a SpecIssue with a code and pointer; nothing throws.
 */
import { templatePieces } from "../../../../templates/runtime/template/header-template.js";
import type { Carrier, Component, HashAlgorithm, HmacScheme, NonceRule, TimestampRule } from "../../../../templates/runtime/types.js";
import { childPointer, type SpecIssue } from "../../errors.js";
import type { CarrierInput, XHmacInput } from "../../input.js";
import type { ResolveResult } from "../../resolve-result.js";
import type { SecuritySchemeContext } from "../../scheme-context.js";
import { DEFAULTS, mergeInput } from "./defaults.js";
import { PRESETS } from "./presets.js";
import { checkTemplate } from "./rules.js";

/** The x-hmac template model (a preset plus overrides, or every knob written out) resolved to an HmacScheme. */
export function resolveTemplateScheme(written: XHmacInput, context: SecuritySchemeContext): ResolveResult {
  const at = (...tokens: string[]): string => tokens.reduce(childPointer, context.pointer);
  const { preset, ...overrides } = written;
  const input = preset ? mergeInput(PRESETS[preset], overrides) : overrides;

  const issues: SpecIssue[] = [];
  const carrier = signatureCarrier(written, input, context, issues);

  const algorithms = resolveAlgorithms(input);
  if (!algorithms.accept.includes(algorithms.default)) {
    issues.push({
      code: "E_XHMAC_VALUE",
      pointer: at("algorithm", "default"),
      message: `${algorithms.default} is not in algorithm.accept`,
    });
  }

  const signatureInput = input.signature ?? {};
  const template = resolveTemplate(written, input, at, issues);
  const templateFields = new Set(templatePieces(template).flatMap((piece) => ("field" in piece ? [piece.field] : [])));
  const encoding = signatureInput.encoding ?? DEFAULTS.signature.encoding;
  const caseInsensitive = signatureInput.caseInsensitive ?? DEFAULTS.signature.caseInsensitive;
  if (caseInsensitive && encoding !== "hex" && encoding !== "HEX") {
    issues.push({
      code: "E_XHMAC_CASE_INSENSITIVE",
      pointer: at("signature", "caseInsensitive"),
      message: `a ${encoding} signature is case-sensitive; comparing it case-insensitively accepts forged variants and rejects valid ones (seed 000)`,
      hint: "remove caseInsensitive, or use a hex encoding",
    });
  }
  if (algorithms.accept.length > 1 && !templateFields.has("algorithm")) {
    issues.push({
      code: "E_XHMAC_TEMPLATE",
      pointer: at("signature", "template"),
      message: "several accepted algorithms need {algorithm} in the template, so the verifier knows which one was used",
    });
  }

  const keyId = resolveCarrier(input.keyId, DEFAULTS.keyId, "keyId", templateFields, at, issues);
  const timestamp = resolveTimestamp(input, templateFields, at, issues);
  const nonce = resolveNonce(input, timestamp, templateFields, at, issues);
  const carriers: Record<"keyId" | "timestamp" | "nonce", Carrier | null> = {
    keyId,
    timestamp: timestamp?.carrier ?? null,
    nonce: nonce?.carrier ?? null,
  };
  for (const field of templateFields) {
    if (field === "signature" || field === "algorithm") continue;
    const carried = carriers[field as keyof typeof carriers];
    if (carried?.in !== "signature") {
      issues.push({
        code: "E_XHMAC_CARRIER",
        pointer: at("signature", "template"),
        message: `the template carries {${field}}, but ${field} is ${carried ? `in the ${carried.in}` : "turned off"}`,
        hint: `set ${field}: { in: signature }`,
      });
    }
  }

  checkDistinctCarriers(carrier, carriers, at, issues);
  const signedHeaders = input.signedHeaders ?? [];
  const components = resolveComponents(input, { keyId, timestamp, nonce, signedHeaders }, at, issues);

  const signatureReplay = resolveSignatureReplay(input, timestamp, at, issues);
  if (issues.length > 0 || !carrier) return { issues };
  return {
    scheme: {
      name: context.name,
      algorithm: algorithms.default,
      acceptedAlgorithms: algorithms.accept,
      secretEncoding: input.secret?.encoding ?? DEFAULTS.secretEncoding,
      keyId,
      timestamp,
      nonce,
      body: {
        hashAlgorithm: input.body?.hash?.algorithm ?? DEFAULTS.body.hash.algorithm,
        hashEncoding: input.body?.hash?.encoding ?? DEFAULTS.body.hash.encoding,
        empty: input.body?.empty ?? DEFAULTS.body.empty,
        json: input.body?.json ?? DEFAULTS.body.json,
        emptyFor: [...new Set(input.body?.emptyFor ?? DEFAULTS.body.emptyFor)],
      },
      path: { form: input.path?.form ?? DEFAULTS.path.form },
      query: { ...DEFAULTS.query, ...input.query },
      stringToSign: { components, separator: input.stringToSign?.separator ?? DEFAULTS.separator },
      signature: { encoding, carrier, template, caseInsensitive },
      aliases: Object.fromEntries(Object.entries(input.aliases ?? {}).map(([name, names]) => [name.toLowerCase(), names])),
      signedHeaders,
      ...(signatureReplay ? { signatureReplay } : {}),
      failureStatus: input.failureStatus ?? DEFAULTS.failureStatus,
    },
    issues: [],
  };
}

type At = (...tokens: string[]) => string;

function resolveAlgorithms(input: XHmacInput): { default: HashAlgorithm; accept: HashAlgorithm[] } {
  const algorithm = input.algorithm ?? DEFAULTS.algorithm;
  if (typeof algorithm === "string") return { default: algorithm, accept: [algorithm] };
  return { default: algorithm.default, accept: algorithm.accept ?? [algorithm.default] };
}

/**
 * The signature template: the author's template or prefix (setting both is an error), else the preset's,
 * else `{signature}`. A template the author wrote was checked by the rules; one built from a prefix or a
 * preset is checked here, so a prefix cannot smuggle in placeholders.
 */
function resolveTemplate(written: XHmacInput, input: XHmacInput, at: At, issues: SpecIssue[]): string {
  const own = written.signature ?? {};
  if (own.template !== undefined && own.prefix !== undefined) {
    issues.push({ code: "E_XHMAC_TEMPLATE", pointer: at("signature", "prefix"), message: "set either template or prefix, not both" });
  }
  const fromPrefix = (prefix: string | undefined): string | undefined => (prefix === undefined ? undefined : `${prefix}{signature}`);
  const template =
    own.template ??
    fromPrefix(own.prefix) ??
    input.signature?.template ??
    fromPrefix(input.signature?.prefix) ??
    DEFAULTS.signature.template;
  const issue = own.template === undefined ? checkTemplate(template) : undefined;
  if (issue) issues.push({ pointer: at("signature", own.prefix !== undefined ? "prefix" : "template"), ...issue });
  return template;
}

/**
 * Where the signature travels: x-hmac's own signature.in/name, else the apiKey's location (the
 * OpenAPI scheme already says where the credential goes), else the preset's, else the default header.
 */
function signatureCarrier(
  written: XHmacInput,
  input: XHmacInput,
  context: SecuritySchemeContext,
  issues: SpecIssue[],
): HmacScheme["signature"]["carrier"] | undefined {
  const type = context.type;
  if (type !== "apiKey" && type !== "http") {
    issues.push({
      code: "E_XHMAC_SCHEME_TYPE",
      pointer: context.pointer,
      message: `x-hmac needs a security scheme of type apiKey or http, not ${JSON.stringify(type)}`,
      hint: "declare it as type: apiKey, in: header, name: <the signature header>",
    });
    return undefined;
  }
  const fromApiKey =
    type === "apiKey" && (context.in === "header" || context.in === "query") && typeof context.parameterName === "string"
      ? { in: context.in as "header" | "query", name: context.parameterName }
      : undefined;
  if (type === "apiKey" && !fromApiKey) {
    issues.push({
      code: "E_XHMAC_SCHEME_TYPE",
      pointer: context.pointer,
      message: `an apiKey in ${JSON.stringify(context.in)} cannot carry a signature`,
      hint: "use in: header or in: query",
    });
    return undefined;
  }
  const explicit = written.signature;
  const disagrees =
    (explicit?.name !== undefined && explicit.name.toLowerCase() !== fromApiKey?.name.toLowerCase()) ||
    (explicit?.in !== undefined && explicit.in !== fromApiKey?.in);
  if (fromApiKey && explicit && disagrees) {
    issues.push({
      code: "E_XHMAC_CARRIER",
      pointer: childPointer(context.pointer, "signature"),
      message: `x-hmac puts the signature in ${explicit.in ?? fromApiKey.in} ${explicit.name ?? fromApiKey.name}, but the apiKey scheme says ${fromApiKey.in} ${fromApiKey.name}`,
      hint: "make the two agree, or drop signature.in and signature.name and let the apiKey decide",
    });
  }
  if (explicit?.name !== undefined) return { in: explicit.in ?? fromApiKey?.in ?? "header", name: explicit.name };
  if (fromApiKey) return fromApiKey;
  const preset = input.signature;
  return { in: preset?.in ?? "header", name: preset?.name ?? DEFAULTS.signature.headerName };
}

function resolveCarrier(
  value: "none" | Partial<CarrierInput> | undefined,
  fallback: { in: "header"; name: string },
  field: string,
  templateFields: Set<string>,
  at: At,
  issues: SpecIssue[],
): Carrier | null {
  if (value === "none") return null;
  const where = value?.in ?? fallback.in;
  if (where === "signature") {
    if (!templateFields.has(field)) {
      issues.push({
        code: "E_XHMAC_CARRIER",
        pointer: at(field, "in"),
        message: `${field} travels in the signature, but the template has no {${field}}`,
        hint: `add {${field}} to signature.template`,
      });
    }
    return { in: "signature" };
  }
  return { in: where, name: value?.name ?? fallback.name };
}

function resolveTimestamp(input: XHmacInput, templateFields: Set<string>, at: At, issues: SpecIssue[]): TimestampRule | null {
  const value = input.timestamp;
  if (value === "none") return null;
  const defaults = DEFAULTS.timestamp;
  const carrier = resolveCarrier(value ?? {}, defaults, "timestamp", templateFields, at, issues);
  return {
    carrier: carrier ?? { in: "header", name: defaults.name },
    format: value?.format ?? defaults.format,
    fractionDigits: value?.fractionDigits ?? defaults.fractionDigits,
    utcSuffix: value?.utcSuffix ?? defaults.utcSuffix,
    pastSeconds: value?.tolerance?.past ?? defaults.tolerance.past,
    futureSeconds: value?.tolerance?.future ?? defaults.tolerance.future,
  };
}

/**
 * `replay: signature`: a verified signature is remembered for the whole timestamp window, so a
 * replay is stale or seen. Without a timestamp a signature stays valid forever, so it cannot be remembered.
 */
function resolveSignatureReplay(
  input: XHmacInput,
  timestamp: TimestampRule | null,
  at: At,
  issues: SpecIssue[],
): { ttlSeconds: number } | undefined {
  if (input.replay !== "signature") return undefined;
  if (!timestamp) {
    issues.push({
      code: "E_XHMAC_MISSING_PART",
      pointer: at("replay"),
      message: "a signature replay guard needs a timestamp: without one a signature never expires, and no store could remember it for ever",
      hint: "sign a timestamp, or use a nonce",
    });
    return undefined;
  }
  return { ttlSeconds: Math.max(1, timestamp.pastSeconds + timestamp.futureSeconds) };
}

/** A nonce is remembered at least as long as a request can be fresh, so a replay is stale or seen. */
const NONCE_TTL_WITHOUT_TIMESTAMP = 86_400;

function resolveNonce(
  input: XHmacInput,
  timestamp: TimestampRule | null,
  templateFields: Set<string>,
  at: At,
  issues: SpecIssue[],
): NonceRule | null {
  const value = input.nonce;
  if (value === "none") return null;
  const defaults = DEFAULTS.nonce;
  const carrier = resolveCarrier(value ?? {}, defaults, "nonce", templateFields, at, issues);
  const window = timestamp ? Math.max(1, timestamp.pastSeconds + timestamp.futureSeconds) : NONCE_TTL_WITHOUT_TIMESTAMP;
  const ttl = value?.ttl ?? window;
  if (timestamp && ttl < window) {
    issues.push({
      code: "E_XHMAC_RANGE",
      pointer: at("nonce", "ttl"),
      message: `a nonce forgotten after ${ttl} s can be replayed while its timestamp is still fresh (window ${window} s)`,
      hint: `set nonce.ttl to at least ${window}`,
    });
  }
  return {
    carrier: carrier ?? { in: "header", name: defaults.name },
    bytes: value?.bytes ?? defaults.bytes,
    encoding: value?.encoding ?? defaults.encoding,
    ttlSeconds: ttl,
  };
}

function resolveComponents(
  input: XHmacInput,
  parts: { keyId: Carrier | null; timestamp: TimestampRule | null; nonce: NonceRule | null; signedHeaders: string[] },
  at: At,
  issues: SpecIssue[],
): Component[] {
  const enabled: Record<string, boolean> = {
    keyId: parts.keyId !== null,
    timestamp: parts.timestamp !== null,
    nonce: parts.nonce !== null,
    signedHeaders: parts.signedHeaders.length > 0,
  };
  const written = input.stringToSign?.components;
  if (!written) {
    // Defaults cover every part the scheme has; a part turned off simply drops out.
    const defaults: string[] = DEFAULTS.components.filter((component) => enabled[component] ?? true);
    if (enabled.signedHeaders) defaults.push("signedHeaders");
    return defaults as Component[];
  }
  written.forEach((component, index) => {
    if (enabled[component] === false) {
      issues.push({
        code: "E_XHMAC_MISSING_PART",
        pointer: at("stringToSign", "components", String(index)),
        message:
          component === "signedHeaders"
            ? "the signedHeaders component needs a signedHeaders list"
            : `the string to sign uses ${component}, but ${component} is "none"`,
        hint:
          component === "signedHeaders" ? "list the headers in signedHeaders" : `configure ${component}, or remove it from the components`,
      });
    }
  });
  if (enabled.signedHeaders && !written.includes("signedHeaders")) {
    issues.push({
      code: "E_XHMAC_MISSING_PART",
      pointer: at("signedHeaders"),
      message: "signedHeaders lists headers, but the string to sign has no signedHeaders component, so none of them is covered",
      hint: 'add "signedHeaders" to stringToSign.components',
    });
  }
  return written as Component[];
}

/** Two values in one header (or query parameter) would overwrite each other on the wire. */
function checkDistinctCarriers(
  signature: HmacScheme["signature"]["carrier"] | undefined,
  carriers: Record<"keyId" | "timestamp" | "nonce", Carrier | null>,
  at: At,
  issues: SpecIssue[],
): void {
  const taken = new Map<string, string>();
  if (signature) taken.set(`${signature.in}:${signature.name.toLowerCase()}`, "the signature");
  for (const [field, carrier] of Object.entries(carriers)) {
    if (!carrier || carrier.in === "signature") continue;
    const slot = `${carrier.in}:${carrier.name.toLowerCase()}`;
    const owner = taken.get(slot);
    if (owner) {
      issues.push({
        code: "E_XHMAC_CARRIER",
        pointer: at(field, "name"),
        message: `${field} and ${owner} both travel in ${carrier.in} ${carrier.name}`,
        hint: `give ${field} its own ${carrier.in === "header" ? "header" : "parameter"}, or carry it inside the signature template`,
      });
    }
    taken.set(slot, field);
  }
}
