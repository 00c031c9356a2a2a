/**
 * The signature base (RFC 9421 §2.5): one line per covered component, `"<identifier>": <value>`, then
 * `"@signature-params": <the Signature-Input member>`, joined by LF with no trailing newline. Pure: the
 * signer and the verifier build the same bytes from the same request and parameters.
 */
import type { Rfc9421Component } from "../types.js";
import { type ComponentSource, componentItem, componentValue, serializeComponentId } from "./components.js";
import { type Parameters, serializeInnerList } from "./structured-fields.js";

export interface SignatureBaseLine {
  /** The serialised component identifier, e.g. `"@query-param";name="id"`. */
  id: string;
  value: string;
}

export interface SignatureBase {
  text: string;
  /** One byte per character: field values are ISO-8859-1 octets (RFC 9110 §5.5), the rest is ASCII. */
  bytes: Uint8Array;
  lines: SignatureBaseLine[];
  /** The serialised inner list: also the Signature-Input member value. */
  signatureParams: string;
}

export type SignatureBaseResult =
  | { ok: true; base: SignatureBase }
  | { ok: false; problem: "missing"; component: Rfc9421Component }
  | { ok: false; problem: "invalid"; component: Rfc9421Component };

/** §2.3: the signature parameters' inner list: the covered identifiers, then the parameters in order. */
export function signatureParamsValue(components: readonly Rfc9421Component[], params: Parameters): string {
  return serializeInnerList({ items: components.map(componentItem), params });
}

export function buildSignatureBase(
  components: readonly Rfc9421Component[],
  source: ComponentSource,
  signatureParams: string,
): SignatureBaseResult {
  const lines: SignatureBaseLine[] = [];
  let text = "";
  for (const component of components) {
    const value = componentValue(component, source);
    if (value === undefined) return { ok: false, problem: "missing", component };
    // §2.5: a value cannot span lines of the base (HTTP field values never hold CR or LF), and a
    // character past U+00FF is no HTTP field octet, so no peer could have signed it.
    if (/[\r\n\u0100-\uffff]/.test(value)) return { ok: false, problem: "invalid", component };
    const id = serializeComponentId(component);
    lines.push({ id, value });
    text += `${id}: ${value}\n`;
  }
  text += `"@signature-params": ${signatureParams}`;
  return { ok: true, base: { text, bytes: latin1(text), lines, signatureParams } };
}

/** Every character is below U+0100 here (values checked above, the rest serialised ASCII). */
function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
