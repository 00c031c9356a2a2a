/**
 * The usual reasons an RFC 9421 hmac-sha256 signature does not verify. Two kinds: what the presented
 * Signature-Input itself says (a required component or field not covered, another label, a wrong
 * parameter), read without any crypto; and mutations of the signing attempt (the key, a line left out
 * of the signature base), each signed with the core and compared with what was received. Ids are
 * stable (tests and --json use them).
 */
import type { ComponentSource } from "../../../templates/runtime/rfc9421/components.js";
import { serializeComponentId } from "../../../templates/runtime/rfc9421/components.js";
import { HMAC_SHA256 } from "../../../templates/runtime/rfc9421/signature-params.js";
import type { Rfc9421Component, Rfc9421Scheme } from "../../../templates/runtime/types.js";
import type { OutputMatch } from "../output-match.js";
import { secretMistakes } from "../secret-mistakes.js";
import type { PresentedInput } from "./received.js";

export const RFC9421_MISTAKE_IDS = [
  "encoding",
  "case-lowered",
  "case-uppered",
  "secret-as-text",
  "secret-decoded",
  "label",
  "component-missing",
  "header-unsigned",
  "base-line-missing",
  "parameter",
  "content-digest",
] as const;
export type Rfc9421MistakeId = (typeof RFC9421_MISTAKE_IDS)[number];

export interface Rfc9421Mistake {
  id: Rfc9421MistakeId;
  cause: string;
  fix: string;
}

/** One way of computing the signature: the key bytes and what the signature base is built from. */
export interface Rfc9421Attempt {
  key: Uint8Array;
  components: Rfc9421Component[];
  source: ComponentSource;
  /** The `@signature-params` value, as the Signature-Input member sent it. */
  signatureParams: string;
}

export interface Rfc9421Variant {
  mistake: Rfc9421Mistake;
  attempt: Rfc9421Attempt;
}

/** What the Signature-Input member gets wrong against the scheme; a verifier refuses each before any HMAC. */
export function presentedProblems(scheme: Rfc9421Scheme, input: PresentedInput): Rfc9421Mistake[] {
  const problems: Rfc9421Mistake[] = [];
  if (input.label !== scheme.label) {
    problems.push({
      id: "label",
      cause: `the peer labelled its signature "${input.label}"; the scheme reads only "${scheme.label}" (RFC 9421 §4.1)`,
      fix: `sign under the label "${scheme.label}" in both Signature-Input and Signature`,
    });
  }
  const covered = new Set((input.covered ?? []).map(serializeComponentId));
  for (const component of scheme.components) {
    const id = serializeComponentId(component);
    if (covered.has(id)) continue;
    const derived = component.name.startsWith("@");
    problems.push({
      id: derived ? "component-missing" : "header-unsigned",
      cause: derived
        ? `the peer's Signature-Input does not cover ${id}, which the scheme requires`
        : `the peer did not sign the ${component.name} field: its Signature-Input does not list ${id}` +
          (component.name === "content-digest" ? ", so the body is not covered (RFC 9421 §7.2.8)" : ""),
      fix: `cover every component the scheme lists, in its Signature-Input: (${scheme.components.map(serializeComponentId).join(" ")})`,
    });
  }
  for (const name of scheme.parameters) {
    if (input.params[name] !== undefined) continue;
    problems.push({
      id: "parameter",
      cause: `the peer's Signature-Input has no ${name} parameter, which the scheme requires (RFC 9421 §2.3)`,
      fix: `write the parameters ${scheme.parameters.join(", ")}`,
    });
  }
  if (input.params.alg !== undefined && input.params.alg !== HMAC_SHA256) {
    problems.push({
      id: "parameter",
      cause: `the peer declared alg="${input.params.alg}"; the scheme signs with ${HMAC_SHA256} (RFC 9421 §3.3.3)`,
      fix: `send alg="${HMAC_SHA256}", or leave alg out`,
    });
  }
  if (scheme.tag !== null && input.params.tag !== undefined && input.params.tag !== scheme.tag) {
    problems.push({
      id: "parameter",
      cause: `the peer sent tag="${input.params.tag}"; the scheme requires tag="${scheme.tag}" (RFC 9421 §2.3)`,
      fix: `send tag="${scheme.tag}"`,
    });
  }
  return problems;
}

/** Mutations of an attempt that are known mistakes: the key as text or decoded, a covered line left out. */
export function* rfc9421Variants(scheme: Rfc9421Scheme, attempt: Rfc9421Attempt, secret: string): Generator<Rfc9421Variant> {
  for (const { mistake, key } of secretMistakes(scheme.secretEncoding, secret)) yield { mistake, attempt: { ...attempt, key } };
  if (attempt.components.length < 2) return;
  for (const [index, component] of attempt.components.entries()) {
    const id = serializeComponentId(component);
    yield {
      mistake: {
        id: "base-line-missing",
        cause: `the peer's Signature-Input lists ${id}, but its signature base has no line for it`,
        fix: "build the signature base from the same list the Signature-Input member sends, one line per component (RFC 9421 §2.5)",
      },
      attempt: { ...attempt, components: attempt.components.filter((_, i) => i !== index) },
    };
  }
}

/** The output-level mistakes of a match: [] when the received text is the base64 the RFC requires. */
export function outputMistakes(match: OutputMatch): Rfc9421Mistake[] {
  const mistakes: Rfc9421Mistake[] = [];
  if (match.encoding !== "base64") {
    mistakes.push({
      id: "encoding",
      cause: `the received signature is the ${match.encoding} encoding of the right HMAC; RFC 9421 §4.2 sends it as an sf-binary, base64 between colons`,
      fix: "send base64 of the HMAC bytes as :...: (base64_encode(hash_hmac(..., true)) in PHP, base64.b64encode(digest) in Python)",
    });
  }
  if (match.recased !== null) {
    mistakes.push({
      id: match.recased === "lower" ? "case-lowered" : "case-uppered",
      cause: `the received signature is the right one in ${match.recased} case: something ${match.recased === "lower" ? "lowercased" : "uppercased"} it, and base64 is case-sensitive`,
      fix: "never normalise a signature's case; compare it exactly",
    });
  }
  return mistakes;
}
