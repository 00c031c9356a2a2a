/**
 * `explain` for `profile: rfc9421`: the covered components and their values (RFC 9421 §2), the
 * signature parameters (§2.3), Content-Digest (RFC 9530), the signature base (§2.5) and the hmac-sha256
 * signature (§3.3.3), all computed by the signing core. Given a received signature, first what its own
 * Signature-Input presents (is the signature right for what it says it covers? does that cover what the
 * scheme requires?), then the known mistakes that reproduce it (mistakes.ts).
 */
import type { CryptoProvider } from "../../../templates/runtime/crypto-provider.js";
import { defaultCryptoProvider } from "../../../templates/runtime/crypto-provider.js";
import { decodeSecret, toHex } from "../../../templates/runtime/encoding.js";
import { type HeaderMap, headerMap } from "../../../templates/runtime/headers.js";
import { serializeComponentId } from "../../../templates/runtime/rfc9421/components.js";
import { contentDigestMatches } from "../../../templates/runtime/rfc9421/content-digest.js";
import { FIELD_NAMES } from "../../../templates/runtime/rfc9421/field-names.js";
import { signRfc9421 } from "../../../templates/runtime/rfc9421/sign.js";
import { buildSignatureBase } from "../../../templates/runtime/rfc9421/signature-base.js";
import type { RequestDescription, Rfc9421Scheme } from "../../../templates/runtime/types.js";
import type { Diagnosis, Finding } from "../diagnose.js";
import { escapeVisible } from "../escape.js";
import { ExplainError } from "../explain-error.js";
import { matchOutput } from "../output-match.js";
import type { GivenValues } from "../request-values.js";
import { outputMistakes, presentedProblems, type Rfc9421Attempt, type Rfc9421Mistake, rfc9421Variants } from "./mistakes.js";
import { readReceivedRfc9421 } from "./received.js";

export interface Rfc9421Explanation {
  scheme: string;
  profile: "rfc9421";
  request: { method: string; url: string; bodyBytes: number };
  values: {
    label: string;
    created: string | null;
    nonce: string | null;
    keyId: string | null;
    sources: Record<"created" | "nonce" | "keyId", string>;
  };
  /** RFC 9530: what the body digests to, and what the request carried. Null when the body is not covered. */
  contentDigest: { algorithm: string; computed: string; sent: string | null } | null;
  components: Array<{ id: string; value: string }>;
  signatureParams: string;
  signatureBase: { text: string; escaped: string; bytes: number };
  key: { encoding: string; bytes: number };
  signature: { algorithm: "hmac-sha256"; encoding: "base64"; value: string; fields: Record<string, string> };
  received: (Diagnosis<Rfc9421Mistake> & { value: string; source: string; covered: string[] | null }) | null;
}

export interface Rfc9421ExplainInput {
  scheme: Rfc9421Scheme;
  request: RequestDescription & { body?: Uint8Array | undefined };
  secret: string;
  given: GivenValues;
  crypto?: CryptoProvider | undefined;
}

const MAX_FINDINGS = 8;

export async function explainRfc9421(input: Rfc9421ExplainInput): Promise<Rfc9421Explanation> {
  const { scheme, request, given } = input;
  const crypto = input.crypto ?? defaultCryptoProvider();
  const headers = headerMap(request.headers);
  const received = readReceivedRfc9421(scheme, headers, given.receivedSignature);
  const params = received.input?.params ?? {};
  const sources = { created: "none", nonce: "none", keyId: "none" };
  const pick = (field: keyof typeof sources, flag: string | undefined, presented: string | undefined): string | undefined => {
    if (flag !== undefined) sources[field] = "command line";
    else if (presented !== undefined) sources[field] = "Signature-Input";
    return flag ?? presented;
  };
  const keyId = pick("keyId", given.keyId, params.keyid);
  const created = pick("created", given.timestamp, params.created === undefined ? undefined : String(params.created));
  const nonce = pick("nonce", given.nonce, params.nonce);
  if (scheme.parameters.includes("keyid") && keyId === undefined) {
    throw new ExplainError(`scheme "${scheme.name}" signs with a keyid: pass --key-id, or the request's Signature-Input`);
  }
  const key = decodeSecret(input.secret, scheme.secretEncoding);
  if (!key) throw new ExplainError(`the secret is not valid ${scheme.secretEncoding} (scheme "${scheme.name}" decodes it so)`);
  if (scheme.parameters.includes("created") && created === undefined) sources.created = "generated (now)";
  if (scheme.parameters.includes("nonce") && nonce === undefined) sources.nonce = "generated (random)";

  // The request as its signer saw it: without the fields the signature travels in.
  const unsigned = new Map([...headers].filter(([name]) => name !== "signature" && name !== "signature-input"));
  const signed = await signRfc9421(
    scheme,
    { method: request.method, url: request.url, headers: unsigned, body: request.body },
    { keyId, secret: input.secret },
    { timestamp: created, nonce: nonce === undefined ? undefined : () => nonce, crypto },
  );
  const signatureInput = signed.headers[FIELD_NAMES.signatureInput] ?? "";
  const signatureParams = signatureInput.slice(scheme.label.length + 1);
  const signedHeaders: HeaderMap = new Map(unsigned);
  for (const [name, value] of Object.entries(signed.headers)) signedHeaders.set(name.toLowerCase(), value);
  const base = buildSignatureBase(scheme.components, { method: request.method, url: request.url, headers: signedHeaders }, signatureParams);
  if (!base.ok) throw new Error("[hmac-codegen] internal: the core signed a request whose signature base it cannot rebuild");
  const coversBody = scheme.components.some((component) => component.name === "content-digest");

  let diagnosis: Rfc9421Explanation["received"] = null;
  if (received.signature !== undefined) {
    const found = await diagnoseRfc9421(scheme, input, headers, received, key, crypto);
    diagnosis = {
      value: received.signature,
      source: received.source,
      covered: received.input?.covered?.map(serializeComponentId) ?? null,
      ...found,
    };
  }
  return {
    scheme: scheme.name,
    profile: "rfc9421",
    request: { method: request.method, url: request.url, bodyBytes: request.body?.length ?? 0 },
    values: { label: scheme.label, created: signed.timestamp ?? null, nonce: signed.nonce ?? null, keyId: keyId ?? null, sources },
    contentDigest: coversBody
      ? {
          algorithm: scheme.contentDigest,
          computed: signed.headers[FIELD_NAMES.contentDigest] ?? "",
          sent: headers.get("content-digest") ?? null,
        }
      : null,
    components: base.base.lines.map((line) => ({ id: line.id, value: line.value })),
    signatureParams,
    signatureBase: { text: base.base.text, escaped: escapeVisible(base.base.text), bytes: base.base.bytes.length },
    key: { encoding: scheme.secretEncoding, bytes: key.length },
    signature: { algorithm: "hmac-sha256", encoding: "base64", value: signed.signature, fields: signed.headers },
    received: diagnosis,
  };
}

async function diagnoseRfc9421(
  scheme: Rfc9421Scheme,
  input: Rfc9421ExplainInput,
  headers: HeaderMap,
  received: ReturnType<typeof readReceivedRfc9421>,
  key: Uint8Array,
  crypto: CryptoProvider,
): Promise<Diagnosis<Rfc9421Mistake>> {
  const signature = received.signature ?? "";
  const source = { method: input.request.method, url: input.request.url, headers };
  const findings: Finding<Rfc9421Mistake>[] = [];
  // RFC 9530: a Content-Digest that is not the body's is refused whatever the signature says.
  const sentDigest = headers.get("content-digest");
  const digestWrong =
    sentDigest !== undefined && scheme.components.some((component) => component.name === "content-digest")
      ? !(await contentDigestMatches(scheme.contentDigest, sentDigest, input.request.body, crypto))
      : false;
  const digestMistake: Rfc9421Mistake = {
    id: "content-digest",
    cause: `the request's Content-Digest is not the ${scheme.contentDigest} of the body it carries: the body changed after signing, or the peer digested other bytes`,
    fix: "compute Content-Digest over the exact body bytes sent, after any serialisation (RFC 9530 §2)",
  };
  const presented = received.input;
  if (!presented?.covered) {
    // Without a usable Signature-Input there is nothing to verify against: say so, and name the digest.
    return { matches: false, findings: digestWrong ? [{ mistakes: [digestMistake] }] : [] };
  }
  const attempt: Rfc9421Attempt = { key, components: presented.covered, source, signatureParams: presented.signatureParams };
  const own = await attemptDigest(attempt, crypto);
  const problems = [...presentedProblems(scheme, presented), ...(digestWrong ? [digestMistake] : [])];
  const direct = own === undefined ? undefined : matchOutput(own, signature, "base64");
  if (direct) {
    const mistakes = [...problems, ...outputMistakes(direct)];
    return mistakes.length === 0 ? { matches: true, findings: [] } : { matches: false, findings: [{ mistakes }] };
  }
  const seen = new Set(own === undefined ? [] : [toHex(own)]);
  for (const variant of rfc9421Variants(scheme, attempt, input.secret)) {
    const digest = await attemptDigest(variant.attempt, crypto);
    if (digest === undefined || seen.has(toHex(digest))) continue;
    seen.add(toHex(digest));
    const match = matchOutput(digest, signature, "base64");
    if (match) findings.push({ mistakes: [variant.mistake, ...problems, ...outputMistakes(match)] });
  }
  if (findings.length === 0 && digestWrong) findings.push({ mistakes: [digestMistake] });
  findings.sort((a, b) => a.mistakes.length - b.mistakes.length);
  return { matches: false, findings: findings.slice(0, MAX_FINDINGS) };
}

/** The HMAC over the attempt's signature base; undefined when the request lacks a covered component. */
async function attemptDigest(attempt: Rfc9421Attempt, crypto: CryptoProvider): Promise<Uint8Array | undefined> {
  const base = buildSignatureBase(attempt.components, attempt.source, attempt.signatureParams);
  return base.ok ? crypto.hmac("sha256", attempt.key, base.base.bytes) : undefined;
}
