/**
 * What a captured RFC 9421 request presents: the Signature-Input member (covered components and
 * parameters, RFC 9421 §4.1) and the Signature member's text (§4.2), under the scheme's label, or the
 * only label there is. The signature is read as text between the colons, not decoded: a peer that sent
 * hex there made a mistake this must be able to name. This reads; it never signs.
 */
import type { HeaderMap } from "../../../templates/runtime/headers.js";
import { componentFromItem } from "../../../templates/runtime/rfc9421/components.js";
import { readSignatureParameters, type SignatureParameterValues } from "../../../templates/runtime/rfc9421/signature-params.js";
import { parseDictionary, serializeInnerList } from "../../../templates/runtime/rfc9421/structured-fields.js";
import type { Rfc9421Component, Rfc9421Scheme } from "../../../templates/runtime/types.js";

export interface PresentedInput {
  /** The label the member was found under (the scheme's, or the only one the field holds). */
  label: string;
  /** Undefined when an item is one this runtime cannot compute (a field with `sf`, say). */
  covered: Rfc9421Component[] | undefined;
  params: SignatureParameterValues;
  /** The member re-serialised: the `@signature-params` value a verifier signs (§3.2 step 6). */
  signatureParams: string;
}

export interface ReceivedRfc9421 {
  input: PresentedInput | undefined;
  /** The signature as text (base64 when well formed), or undefined when none was sent or given. */
  signature: string | undefined;
  source: string;
}

export function readReceivedRfc9421(scheme: Rfc9421Scheme, headers: HeaderMap, given: string | undefined): ReceivedRfc9421 {
  const input = presentedInput(scheme, headers.get("signature-input"));
  const label = input?.label ?? scheme.label;
  if (given !== undefined) return { input, signature: bareSignature(given, label), source: "--received-signature" };
  const field = headers.get("signature");
  const signature = field === undefined ? undefined : memberText(field, label);
  return { input, signature, source: signature === undefined ? "none" : `header Signature (${label})` };
}

function presentedInput(scheme: Rfc9421Scheme, field: string | undefined): PresentedInput | undefined {
  if (field === undefined) return undefined;
  const members = parseDictionary(field);
  if (!members) return undefined;
  const own = members.find(([label]) => label === scheme.label);
  const chosen = own ?? (members.length === 1 ? members[0] : undefined);
  if (chosen?.[1].kind !== "innerList") return undefined;
  const [label, list] = chosen;
  const params = readSignatureParameters(list.params);
  if (!params) return undefined;
  const covered: Rfc9421Component[] = [];
  for (const item of list.items) {
    const component = componentFromItem(item);
    if (!component) return { label, covered: undefined, params, signatureParams: serializeInnerList(list) };
    covered.push(component);
  }
  return { label, covered, params, signatureParams: serializeInnerList(list) };
}

/** `sig1=:...:`, `:...:` or the bare value. */
function bareSignature(text: string, label: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith(`${label}=`)) return memberText(trimmed, label) ?? trimmed;
  const binary = /^:([^:]*):$/.exec(trimmed);
  return binary ? (binary[1] ?? "") : trimmed;
}

/** The member's value as sent: between the colons of an sf-binary, else up to the next comma. */
function memberText(field: string, label: string): string | undefined {
  for (const member of field.split(",")) {
    const trimmed = member.trim();
    if (!trimmed.startsWith(`${label}=`)) continue;
    const value = trimmed.slice(label.length + 1);
    const binary = /^:([^:]*):/.exec(value);
    return binary ? binary[1] : value.replace(/;.*$/, "");
  }
  return undefined;
}
