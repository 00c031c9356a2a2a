/**
 * Every default of the x-hmac model, in one place (STYLE 9). Without a preset, a scheme signs
 * everything a verifier can check: method, path, query, timestamp, nonce, key id and body hash.
 */
import type { XHmacInput } from "../../input.js";

export const DEFAULTS = {
  algorithm: "sha256",
  secretEncoding: "utf8",
  keyId: { in: "header", name: "X-Key-Id" },
  timestamp: {
    in: "header",
    name: "X-Timestamp",
    format: "unix",
    fractionDigits: 3,
    utcSuffix: "Z",
    tolerance: { past: 300, future: 300 },
  },
  nonce: { in: "header", name: "X-Nonce", bytes: 16, encoding: "hex" },
  body: { hash: { algorithm: "sha256", encoding: "hex" }, empty: "hash", json: "as-sent", emptyFor: [] as string[] },
  path: { form: "as-sent" },
  query: { form: "as-sent", plus: "space", safe: "-_.~", hexCase: "upper", sort: true, blanks: "keep" },
  components: ["method", "path", "query", "timestamp", "nonce", "keyId", "bodyHash"],
  separator: "\n",
  signature: { encoding: "base64", headerName: "X-Signature", template: "{signature}", caseInsensitive: false },
  failureStatus: 401,
} as const satisfies Record<string, unknown>;

/** Deep merge for x-hmac input: objects merge, arrays and scalars (and "none") replace. */
export function mergeInput(base: XHmacInput, override: XHmacInput): XHmacInput {
  return mergeValues(base, override) as XHmacInput;
}

function mergeValues(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    // defineProperty, not assignment: a key named __proto__ must stay a key, not replace the prototype.
    Object.defineProperty(out, key, {
      value: mergeValues(Object.hasOwn(base, key) ? base[key] : undefined, value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
