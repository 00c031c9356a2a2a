/**
 * Signature parameters (RFC 9421 §2.3): `created` and `expires` (integers, seconds since the epoch),
 * `nonce`, `alg`, `keyid` and `tag` (strings). The signer writes the scheme's parameters in the scheme's
 * order; the verifier reads whatever the Signature-Input member holds, type-checked.
 */
import type { Rfc9421Parameter } from "../types.js";
import type { BareItem, Parameters } from "./structured-fields.js";

/** The only HMAC in the RFC 9421 §6.2.2 algorithm registry. */
export const HMAC_SHA256 = "hmac-sha256";

export interface SignatureParameterValues {
  created?: number | undefined;
  expires?: number | undefined;
  nonce?: string | undefined;
  alg?: string | undefined;
  keyid?: string | undefined;
  tag?: string | undefined;
}

const INTEGER_PARAMETERS: ReadonlySet<string> = new Set(["created", "expires"]);

/** Builds the parameters in `order`; every listed value must be present (the signer's job). */
export function signatureParameters(order: readonly Rfc9421Parameter[], values: SignatureParameterValues): Parameters {
  return order.map((name): [string, BareItem] => {
    const value = values[name];
    if (value === undefined) throw new TypeError(`[hmac-codegen] signature parameter ${name} has no value`);
    return [name, typeof value === "number" ? { type: "integer", value } : { type: "string", value }];
  });
}

/**
 * Reads the parameters of a received Signature-Input member. Undefined when a known parameter has the
 * wrong type (a `created` that is a string, say). Unknown parameters are left alone: they are covered by
 * the signature through `@signature-params` all the same (§2.3 lets the registry grow).
 */
export function readSignatureParameters(params: Parameters): SignatureParameterValues | undefined {
  const values: SignatureParameterValues = {};
  for (const [name, item] of params) {
    if (INTEGER_PARAMETERS.has(name)) {
      if (item.type !== "integer" || item.value < 0) return undefined;
      values[name as "created" | "expires"] = item.value;
    } else if (name === "nonce" || name === "alg" || name === "keyid" || name === "tag") {
      if (item.type !== "string") return undefined;
      values[name] = item.value;
    }
  }
  return values;
}
