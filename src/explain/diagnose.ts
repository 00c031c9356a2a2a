/**
 * Given a received signature that does not match, finds which known mistake produces it: every
 * mutated attempt (mistakes.ts) is signed by the core, and its digest compared in every encoding and
 * case with what was received. Encoding and case are output-level, so they combine with any other
 * mistake ("decoded path, and hex instead of base64"). Fewest mistakes first.
 */
import type { CryptoProvider } from "../../templates/runtime/crypto-provider.js";
import { encodeDigest, toHex } from "../../templates/runtime/encoding.js";
import type { DigestEncoding, HmacScheme } from "../../templates/runtime/types.js";
import { type SignAttempt, signAttempt } from "./attempt.js";
import { type Mistake, mistakeVariants } from "./mistakes.js";

/** Each profile names its own mistakes (mistakes.ts, rfc9421/mistakes.ts, sigv4/mistakes.ts). */
export interface Finding<M extends { id: string } = Mistake> {
  /** One mistake, or several that together produce the received signature. */
  mistakes: M[];
}

export interface Diagnosis<M extends { id: string } = Mistake> {
  matches: boolean;
  findings: Finding<M>[];
}

const ENCODINGS: DigestEncoding[] = ["hex", "base64", "HEX", "base64url"];
/** Enough to name the cause; more would bury it. */
const MAX_FINDINGS = 8;

export async function diagnose(
  base: SignAttempt,
  baseDigest: Uint8Array,
  received: string,
  aliasValues: { timestamp: string[]; nonce: string[] },
  crypto?: CryptoProvider,
  basePaths: readonly string[] = [],
): Promise<Diagnosis> {
  const direct = outputMistakes(base.scheme, baseDigest, received);
  if (direct && direct.length === 0) return { matches: true, findings: [] };
  const findings: Finding[] = direct ? [{ mistakes: direct }] : [];
  // Two mutations that sign the same bytes cannot be told apart; the first (the more specific) is kept.
  const seen = new Set([toHex(baseDigest)]);
  for (const variant of mistakeVariants(base, aliasValues, basePaths)) {
    let digest: Uint8Array;
    try {
      digest = (await signAttempt(variant.attempt, crypto)).digest;
    } catch {
      continue; // a mutation the core cannot sign (e.g. a value that no longer fits the template) is not the cause
    }
    const key = toHex(digest);
    if (seen.has(key)) continue;
    seen.add(key);
    const output = outputMistakes(base.scheme, digest, received);
    if (output) findings.push({ mistakes: [variant.mistake, ...output] });
  }
  findings.sort((a, b) => a.mistakes.length - b.mistakes.length);
  return { matches: false, findings: findings.slice(0, MAX_FINDINGS) };
}

/**
 * How `received` relates to `digest`: [] when it is the scheme's own encoding (a match), the
 * output-level mistakes when it is another encoding or case of it, undefined when it is unrelated.
 */
function outputMistakes(scheme: HmacScheme, digest: Uint8Array, received: string): Mistake[] | undefined {
  const ours = scheme.signature.encoding;
  for (const encoding of [ours, ...ENCODINGS.filter((other) => other !== ours)]) {
    const text = encodeDigest(digest, encoding);
    const mistakes: Mistake[] = encoding === ours ? [] : [encodingMistake(ours, encoding)];
    if (text === received) return mistakes;
    if (encoding === ours && scheme.signature.caseInsensitive && text.toLowerCase() === received.toLowerCase()) return mistakes;
    if (text.toLowerCase() === received) return [...mistakes, caseMistake("lower", encoding)];
    if (text.toUpperCase() === received) return [...mistakes, caseMistake("upper", encoding)];
    if (text.length >= 16 && received.includes(text)) {
      return [
        ...mistakes,
        {
          id: "template",
          cause: `the received value holds the signature inside extra text ("${received.replace(text, "{signature}")}")`,
          fix: `send it as the template ${JSON.stringify(scheme.signature.template)} says, or declare the peer's template or prefix in x-hmac`,
        },
      ];
    }
  }
  return undefined;
}

function encodingMistake(ours: DigestEncoding, theirs: DigestEncoding): Mistake {
  const hexVsBase64 = ours.toLowerCase().startsWith("hex") !== theirs.toLowerCase().startsWith("hex");
  return {
    id: "encoding",
    cause:
      `the received signature is the ${theirs} encoding of the right HMAC; the scheme encodes it as ${ours}` +
      (hexVsBase64 ? " (seed 000: base64_encode(hash_hmac(..., true)) on one side, hexdigest() on the other)" : ""),
    fix: `agree on one encoding: x-hmac signature.encoding is ${ours}; the peer must send ${ours}, or change the contract on both sides`,
  };
}

function caseMistake(direction: "lower" | "upper", encoding: DigestEncoding): Mistake {
  const caseSensitive = encoding === "base64" || encoding === "base64url";
  return {
    id: direction === "lower" ? "case-lowered" : "case-uppered",
    cause:
      `the received signature is the right one in ${direction} case: something ${direction === "lower" ? "lowercased" : "uppercased"} it` +
      (caseSensitive ? ` (seed 000's second bug: signature.${direction}() before comparing; ${encoding} is case-sensitive)` : ""),
    fix: "never normalise a signature's case; compare it exactly (hmac.compare_digest / hash_equals on the value as received)",
  };
}
