/**
 * `explain`: every step from a request to its signature, with the values that went in, and, given a
 * received signature that does not match, the known mistake that produces it (diagnose.ts). All
 * computing is the signing core's; this module only arranges what the core returns. The secret is
 * never part of the result: the `secret` component (seed 002) is shown as <secret>.
 */

import { canonicalQuery } from "../../templates/runtime/canonical-query.js";
import type { CryptoProvider } from "../../templates/runtime/crypto-provider.js";
import { decodeSecret } from "../../templates/runtime/encoding.js";
import { splitRequestTarget } from "../../templates/runtime/request-target.js";
import { canonicalPath } from "../../templates/runtime/template/canonical-path.js";
import { signsBodyAsEmpty } from "../../templates/runtime/template/signed-body.js";
import type {
  AwsSigV4Scheme,
  Component,
  DigestEncoding,
  HashAlgorithm,
  HmacScheme,
  RequestDescription,
  Rfc9421Scheme,
  SigningScheme,
} from "../../templates/runtime/types.js";
import type { SignAttempt } from "./attempt.js";
import { signAttempt } from "./attempt.js";
import { type Diagnosis, diagnose } from "./diagnose.js";
import { escapeVisible } from "./escape.js";
import { ExplainError } from "./explain-error.js";
import { type GivenValues, readRequestValues } from "./request-values.js";
import { explainRfc9421, type Rfc9421Explanation } from "./rfc9421/explain-rfc9421.js";
import { explainSigV4, type SigV4Explanation } from "./sigv4/explain-sigv4.js";

export const SECRET_MASK = "<secret>";

export { ExplainError };

export interface ExplainInput<S extends SigningScheme = SigningScheme> {
  /** Any scheme: the template model here, rfc9421 and aws-sigv4 in their own folders. */
  scheme: S;
  /** The request as captured: headers may hold the key id, timestamp, nonce and signature. */
  request: RequestDescription & { body?: Uint8Array | undefined };
  secret: string;
  given: GivenValues;
  crypto?: CryptoProvider | undefined;
  /** The spec's servers base paths: a peer that signed with one the request lacks is named (path-prefix). */
  basePaths?: readonly string[] | undefined;
}

/** Every profile's explanation; `profile` tells them apart (format.ts prints each). */
export type Explanation = TemplateExplanation | Rfc9421Explanation | SigV4Explanation;

/** The explanation a scheme type gets: a template scheme's callers see the template fields directly. */
export type ExplanationFor<S extends SigningScheme> = S extends Rfc9421Scheme
  ? Rfc9421Explanation
  : S extends AwsSigV4Scheme
    ? SigV4Explanation
    : TemplateExplanation;

export interface TemplateExplanation {
  scheme: string;
  profile: "template";
  request: { method: string; url: string; bodyBytes: number };
  values: {
    algorithm: HashAlgorithm;
    keyId: string | null;
    timestamp: string | null;
    nonce: string | null;
    /** Where each value came from: a header, the command line, or "generated" (signing now). */
    sources: Record<"keyId" | "timestamp" | "nonce", string>;
  };
  path: { raw: string; signed: string; form: string; covered: boolean };
  query: { raw: string; signed: string; form: string; covered: boolean };
  body: {
    /** `signed as empty`: the method is in body.emptyFor (seed 004's GET), so no body is covered. */
    covered: "hash" | "bytes" | "hash and bytes" | "no" | "signed as empty";
    hash: { algorithm: HashAlgorithm; encoding: DigestEncoding; value: string } | null;
  };
  components: Array<{ component: Component; text: string }>;
  stringToSign: { text: string; escaped: string; bytes: number; separator: string };
  key: { encoding: string; bytes: number };
  signature: { algorithm: HashAlgorithm; encoding: DigestEncoding; value: string; carrier: string };
  received: (Diagnosis & { value: string; source: string }) | null;
}

export async function explainRequest<S extends SigningScheme>(input: ExplainInput<S>): Promise<ExplanationFor<S>> {
  const scheme: SigningScheme = input.scheme;
  // The casts restate the conditional type: TypeScript does not narrow a type parameter through `profile`.
  switch (scheme.profile) {
    case "rfc9421":
      return (await explainRfc9421({ ...input, scheme })) as ExplanationFor<S>;
    case "aws-sigv4":
      return (await explainSigV4({ ...input, scheme })) as ExplanationFor<S>;
    case undefined:
      return (await explainTemplate({ ...input, scheme })) as ExplanationFor<S>;
  }
}

async function explainTemplate(input: ExplainInput<HmacScheme>): Promise<TemplateExplanation> {
  const { scheme } = input;
  const values = readRequestValues(scheme, input.request, input.given);
  if (scheme.keyId && values.keyId === undefined) {
    throw new ExplainError(`scheme "${scheme.name}" signs with a key id: pass --key-id, or the request's ${describeCarrier(scheme.keyId)}`);
  }
  const key = decodeSecret(input.secret, scheme.secretEncoding);
  if (!key) throw new ExplainError(`the secret is not valid ${scheme.secretEncoding} (scheme "${scheme.name}" decodes it so)`);

  const base: SignAttempt = {
    scheme,
    request: { method: input.request.method, url: values.unsignedUrl, headers: input.request.headers, body: input.request.body },
    secret: input.secret,
    keyId: values.keyId,
    timestamp: values.timestamp,
    nonce: values.nonce,
    algorithm: scheme.acceptedAlgorithms.includes(values.algorithm) ? values.algorithm : scheme.algorithm,
  };
  const { signed, digest } = await signAttempt(base, input.crypto);
  // Values the request did not carry were generated by the signer (now, a random nonce): fix them so
  // every mutation below signs the same instant and nonce.
  const sources = { keyId: values.sources.keyId, timestamp: values.sources.timestamp, nonce: values.sources.nonce };
  if (scheme.timestamp && values.timestamp === undefined) sources.timestamp = "generated (now)";
  if (scheme.nonce && values.nonce === undefined) sources.nonce = "generated (random)";
  const fixed: SignAttempt = { ...base, timestamp: signed.timestamp, nonce: signed.nonce };

  const components = scheme.stringToSign.components;
  const parts = signed.stringToSign.parts.map((part) => ({
    component: part.component,
    text: part.component === "secret" ? SECRET_MASK : part.text,
  }));
  const text = parts.map((part) => part.text).join(scheme.stringToSign.separator);
  const target = splitRequestTarget(values.unsignedUrl);
  const bodyHash = signed.stringToSign.parts.find((part) => part.component === "bodyHash");
  const coversHash = components.includes("bodyHash");
  const coversBytes = components.includes("body");

  let received: TemplateExplanation["received"] = null;
  if (values.received !== undefined) {
    const diagnosis = await diagnose(fixed, digest, values.received, values.aliasValues, input.crypto, input.basePaths);
    received = { value: values.received, source: values.sources.received, ...diagnosis };
  }
  const carrier = scheme.signature.carrier;
  return {
    scheme: scheme.name,
    profile: "template",
    request: { method: input.request.method, url: input.request.url, bodyBytes: input.request.body?.length ?? 0 },
    values: {
      algorithm: base.algorithm,
      keyId: values.keyId ?? null,
      timestamp: signed.timestamp ?? null,
      nonce: signed.nonce ?? null,
      sources,
    },
    path: {
      raw: target.path,
      signed: canonicalPath(target.path, scheme.path.form),
      form: scheme.path.form,
      covered: components.includes("path"),
    },
    query: {
      raw: target.query,
      signed: canonicalQuery(target.query, scheme.query),
      form: scheme.query.form,
      covered: components.includes("query"),
    },
    body: {
      // Seed 004: a GET body is not covered at all; the hash below is that of empty bytes.
      covered: signsBodyAsEmpty(scheme.body, input.request.method)
        ? "signed as empty"
        : coversHash && coversBytes
          ? "hash and bytes"
          : coversHash
            ? "hash"
            : coversBytes
              ? "bytes"
              : "no",
      hash:
        bodyHash === undefined
          ? null
          : {
              algorithm: scheme.body.hashAlgorithm === "signature" ? base.algorithm : scheme.body.hashAlgorithm,
              encoding: scheme.body.hashEncoding,
              value: bodyHash.text,
            },
    },
    components: parts,
    stringToSign: {
      text,
      escaped: escapeVisible(text),
      bytes: signed.stringToSign.bytes.length,
      separator: escapeVisible(scheme.stringToSign.separator),
    },
    key: { encoding: scheme.secretEncoding, bytes: key.length },
    signature: {
      algorithm: base.algorithm,
      encoding: scheme.signature.encoding,
      value: signed.signature,
      carrier: `${carrier.in} ${carrier.name}: ${carrier.in === "header" ? (signed.headers[carrier.name] ?? "") : signed.signature}`,
    },
    received,
  };
}

function describeCarrier(carrier: NonNullable<HmacScheme["keyId"]>): string {
  return carrier.in === "signature" ? "signature header (its {keyId})" : `${carrier.in} ${carrier.name}`;
}
