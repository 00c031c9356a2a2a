/**
 * x-hmac with `profile: rfc9421` to the runtime's Rfc9421Scheme: the rfc9421 block with its defaults
 * applied, and every combination that cannot work reported as a coded SpecIssue (the block's own shape
 * was already checked by RFC9421_RULE).
 */
import { parseItem } from "../../../../templates/runtime/rfc9421/structured-fields.js";
import type { Rfc9421Component, Rfc9421Parameter, Rfc9421Scheme } from "../../../../templates/runtime/types.js";
import { childPointer, type SpecIssue } from "../../errors.js";
import type { XHmacInput } from "../../input.js";
import type { SecuritySchemeContext } from "../../scheme-context.js";
import { RFC9421_DEFAULTS } from "./defaults.js";
import type { Rfc9421Input } from "./rules.js";

/** x-hmac properties that mean something with profile: rfc9421; the rest belong to the template model. */
const PROFILE_KNOBS = new Set(["profile", "secret", "failureStatus", "rfc9421"]);

/** Where each template knob's job is done in this profile, for the error's hint. */
const INSTEAD: Record<string, string> = {
  preset: "a preset describes a template scheme; remove it",
  algorithm: "RFC 9421 signs with hmac-sha256 (§3.3.3); remove algorithm",
  keyId: 'the key id travels as the keyid parameter: list "keyid" in rfc9421.parameters',
  timestamp: 'the time travels as the created parameter: list "created" in rfc9421.parameters and set rfc9421.tolerance',
  nonce: 'use rfc9421.nonce and list "nonce" in rfc9421.parameters',
  body: 'the body is covered through Content-Digest: list "content-digest" in rfc9421.components',
  path: 'cover "@path" (as sent) in rfc9421.components',
  query: 'cover "@query" or "@query-param;name=..." in rfc9421.components',
  stringToSign: "the signature base is built from rfc9421.components (RFC 9421 §2.5)",
  signature: "Signature-Input and Signature carry the signature (RFC 9421 §4); set rfc9421.label",
  signedHeaders: "list header fields in rfc9421.components",
  aliases: "RFC 9421 fields have no aliases; remove it",
  awsSigV4: "awsSigV4 belongs to profile: aws-sigv4",
};

type Result = { scheme: Rfc9421Scheme; issues: [] } | { scheme?: undefined; issues: SpecIssue[] };

export function resolveRfc9421(written: XHmacInput, context: SecuritySchemeContext): Result {
  const at = (...tokens: string[]): string => tokens.reduce(childPointer, context.pointer);
  const issues: SpecIssue[] = [];
  checkCarrier(context, issues);
  for (const key of Object.keys(written)) {
    if (PROFILE_KNOBS.has(key)) continue;
    issues.push({
      code: "E_XHMAC_PROFILE",
      pointer: at(key),
      message: `${key} is a knob of the template model and does not apply to profile: rfc9421`,
      hint: INSTEAD[key],
    });
  }

  const block = (written.rfc9421 ?? {}) as Rfc9421Input;
  const components = resolveComponents(block.components ?? [...RFC9421_DEFAULTS.components], at, issues);
  const parameters = resolveParameters(block.parameters ?? [...RFC9421_DEFAULTS.parameters], at, issues);
  const has = (name: Rfc9421Parameter): boolean => parameters.includes(name);
  const requires = (present: boolean, key: string, parameter: Rfc9421Parameter): void => {
    if (present && !has(parameter)) {
      issues.push({
        code: "E_XHMAC_MISSING_PART",
        pointer: at("rfc9421", key),
        message: `rfc9421.${key} is set, but ${parameter} is not a signature parameter, so it would do nothing`,
        hint: `add "${parameter}" to rfc9421.parameters, or remove ${key}`,
      });
    }
  };
  requires(block.expiresIn !== undefined, "expiresIn", "expires");
  requires(block.tag !== undefined, "tag", "tag");
  requires(block.nonce !== undefined, "nonce", "nonce");
  requires(block.tolerance !== undefined, "tolerance", "created");
  if (has("tag") && block.tag === undefined) {
    issues.push({
      code: "E_XHMAC_REQUIRED",
      pointer: at("rfc9421", "tag"),
      message: "tag is a signature parameter, but the scheme names no tag",
      hint: "set rfc9421.tag to your application's tag, e.g. my-app",
    });
  }
  const coversBody = components.some((component) => component.name === "content-digest");
  if (block.contentDigest !== undefined && !coversBody) {
    issues.push({
      code: "E_XHMAC_MISSING_PART",
      pointer: at("rfc9421", "contentDigest"),
      message: "contentDigest is set, but content-digest is not covered, so the body is not signed",
      hint: 'add "content-digest" to rfc9421.components',
    });
  }

  const pastSeconds = block.tolerance?.past ?? RFC9421_DEFAULTS.tolerance.past;
  const futureSeconds = block.tolerance?.future ?? RFC9421_DEFAULTS.tolerance.future;
  const nonce = has("nonce") ? resolveNonce(block, has("created") ? pastSeconds + futureSeconds : undefined, at, issues) : null;

  if (issues.length > 0) return { issues };
  return {
    scheme: {
      profile: "rfc9421",
      name: context.name,
      algorithm: "sha256",
      secretEncoding: written.secret?.encoding ?? "utf8",
      label: block.label ?? RFC9421_DEFAULTS.label,
      components,
      parameters,
      expiresInSeconds: block.expiresIn ?? RFC9421_DEFAULTS.expiresIn,
      tag: block.tag ?? null,
      contentDigest: block.contentDigest ?? RFC9421_DEFAULTS.contentDigest,
      pastSeconds,
      futureSeconds,
      nonce,
      failureStatus: written.failureStatus ?? 401,
    },
    issues: [],
  };
}

/**
 * RFC 9421 §4 fixes the fields: Signature-Input and Signature. The OpenAPI scheme that hosts x-hmac must
 * say so (apiKey in header `Signature`), so the spec documents what clients really send.
 */
function checkCarrier(context: SecuritySchemeContext, issues: SpecIssue[]): void {
  const schemePointer = context.pointer.replace(/\/x-hmac$/, "");
  const field = RFC9421_DEFAULTS.signatureField;
  if (context.type !== "apiKey") {
    issues.push({
      code: "E_XHMAC_SCHEME_TYPE",
      pointer: context.pointer,
      message: `profile: rfc9421 needs a security scheme of type apiKey, not ${JSON.stringify(context.type)}`,
      hint: `declare it as type: apiKey, in: header, name: ${field}`,
    });
    return;
  }
  const name = typeof context.parameterName === "string" ? context.parameterName : "";
  if (context.in !== "header" || name.toLowerCase() !== field.toLowerCase()) {
    issues.push({
      code: "E_XHMAC_CARRIER",
      pointer: childPointer(schemePointer, context.in !== "header" ? "in" : "name"),
      message: `RFC 9421 signatures travel in the ${field} and ${field}-Input header fields (§4), not in ${String(context.in)} ${JSON.stringify(name)}`,
      hint: `set in: header and name: ${field}`,
    });
  }
}

function resolveComponents(written: readonly string[], at: (...tokens: string[]) => string, issues: SpecIssue[]): Rfc9421Component[] {
  const components: Rfc9421Component[] = [];
  const seen = new Map<string, number>();
  written.forEach((text, index) => {
    const component = parseComponent(text);
    if (!component) return; // RFC9421_RULE already reported it
    const key = JSON.stringify(component);
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        code: "E_XHMAC_COMPONENT",
        pointer: at("rfc9421", "components", String(index)),
        message: `${text} is covered twice (also at index ${first}); RFC 9421 §2.5 forbids duplicates`,
        hint: "remove one of them",
      });
      return;
    }
    seen.set(key, index);
    components.push(component);
  });
  return components;
}

/** `@query-param;name="id"` -> { name: "@query-param", params: [["name", "id"]] }; field names lower-cased (§2.1). */
export function parseComponent(text: string): Rfc9421Component | undefined {
  const semicolon = text.indexOf(";");
  const rawName = semicolon < 0 ? text : text.slice(0, semicolon);
  const name = rawName.startsWith("@") ? rawName : rawName.toLowerCase();
  const item = parseItem(`"${name}"${semicolon < 0 ? "" : text.slice(semicolon)}`);
  if (!item) return undefined;
  const params: Array<[string, string | true]> = [];
  for (const [key, value] of item.params) {
    if (value.type === "string") params.push([key, value.value]);
    else if (value.type === "boolean" && value.value) params.push([key, true]);
    else return undefined;
  }
  return { name, params };
}

function resolveParameters(
  written: ReadonlyArray<Rfc9421Parameter>,
  at: (...tokens: string[]) => string,
  issues: SpecIssue[],
): Rfc9421Parameter[] {
  const parameters: Rfc9421Parameter[] = [];
  written.forEach((name, index) => {
    if (parameters.includes(name)) {
      issues.push({ code: "E_XHMAC_VALUE", pointer: at("rfc9421", "parameters", String(index)), message: `${name} is listed twice` });
    } else {
      parameters.push(name);
    }
  });
  return parameters;
}

/** Without created there is no window, so a nonce is remembered a day, as in the template model. */
const NONCE_TTL_WITHOUT_CREATED = 86_400;

function resolveNonce(
  block: Rfc9421Input,
  window: number | undefined,
  at: (...tokens: string[]) => string,
  issues: SpecIssue[],
): Rfc9421Scheme["nonce"] {
  const ttl = block.nonce?.ttl ?? (window === undefined ? NONCE_TTL_WITHOUT_CREATED : Math.max(1, window));
  if (window !== undefined && ttl < window) {
    issues.push({
      code: "E_XHMAC_RANGE",
      pointer: at("rfc9421", "nonce", "ttl"),
      message: `a nonce forgotten after ${ttl} s can be replayed while its created is still fresh (window ${window} s)`,
      hint: `set rfc9421.nonce.ttl to at least ${window}`,
    });
  }
  return {
    bytes: block.nonce?.bytes ?? RFC9421_DEFAULTS.nonce.bytes,
    encoding: block.nonce?.encoding ?? RFC9421_DEFAULTS.nonce.encoding,
    ttlSeconds: ttl,
  };
}
