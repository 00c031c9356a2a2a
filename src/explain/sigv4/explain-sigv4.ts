/**
 * `explain` for `profile: aws-sigv4`: the canonical request line by line, the credential scope, the
 * string to sign and the signing-key derivation (AWS IAM User Guide, "Create a signed AWS API request"),
 * all computed by the signing core; the derived keys are never shown. Given a received signature, first
 * what the request presents (is its signature right for its own scope and SignedHeaders? are those the
 * scheme's?), then the known mistakes that reproduce it (mistakes.ts).
 */
import type { CryptoProvider } from "../../../templates/runtime/crypto-provider.js";
import { defaultCryptoProvider } from "../../../templates/runtime/crypto-provider.js";
import { toHex } from "../../../templates/runtime/encoding.js";
import { removeQueryParam, splitRequestTarget } from "../../../templates/runtime/request-target.js";
import { groupHeaders, type HeaderPairs, headerPairs } from "../../../templates/runtime/sigv4/canonical-headers.js";
import { HEADER, QUERY, UNSIGNED_PAYLOAD } from "../../../templates/runtime/sigv4/constants.js";
import { hostOf } from "../../../templates/runtime/sigv4/host.js";
import { bodySha256 } from "../../../templates/runtime/sigv4/payload-hash.js";
import { signSigV4 } from "../../../templates/runtime/sigv4/sign.js";
import { requiredSignedHeaders } from "../../../templates/runtime/sigv4/signed-header-names.js";
import { credentialScope } from "../../../templates/runtime/sigv4/string-to-sign.js";
import type { AwsSigV4Scheme, RequestDescription } from "../../../templates/runtime/types.js";
import type { Diagnosis, Finding } from "../diagnose.js";
import { escapeVisible } from "../escape.js";
import { ExplainError } from "../explain-error.js";
import { matchOutput } from "../output-match.js";
import type { GivenValues } from "../request-values.js";
import { attemptDigest, outputMistakes, presentedProblems, type SigV4Attempt, type SigV4Mistake, sigV4Variants } from "./mistakes.js";
import { type PresentedSigV4, readPresentedSigV4 } from "./presented.js";

export interface SigV4Explanation {
  scheme: string;
  profile: "aws-sigv4";
  request: { method: string; url: string; bodyBytes: number };
  values: {
    accessKeyId: string;
    date: string;
    scope: string;
    location: "header" | "query";
    sources: Record<"accessKeyId" | "date", string>;
  };
  canonicalRequest: {
    method: string;
    uri: string;
    query: string;
    headers: string[];
    signedHeaders: string;
    payloadHash: string;
    text: string;
    escaped: string;
  };
  stringToSign: { text: string; escaped: string };
  /** The derivation, with the inputs of each HMAC; the keys themselves are secret-equivalent and not shown. */
  signingKey: string[];
  signature: { algorithm: "AWS4-HMAC-SHA256"; encoding: "hex"; value: string; sent: Record<string, string> };
  received: (Diagnosis<SigV4Mistake> & { value: string; source: string }) | null;
}

export interface SigV4ExplainInput {
  scheme: AwsSigV4Scheme;
  request: RequestDescription & { body?: Uint8Array | undefined };
  secret: string;
  given: GivenValues;
  crypto?: CryptoProvider | undefined;
}

const MAX_FINDINGS = 8;

export async function explainSigV4(input: SigV4ExplainInput): Promise<SigV4Explanation> {
  const { scheme, request, given } = input;
  const crypto = input.crypto ?? defaultCryptoProvider();
  const presented = readPresentedSigV4(request, given.receivedSignature);
  const accessKeyId = given.keyId ?? presented.credential?.accessKeyId;
  if (accessKeyId === undefined) {
    throw new ExplainError(`scheme "${scheme.name}" signs with an access key id: pass --key-id, or the request's Authorization header`);
  }
  const longDate = given.timestamp ?? presented.longDate;
  const sources = {
    accessKeyId:
      given.keyId !== undefined ? "command line" : presented.location === "query" ? `query ${QUERY.credential}` : "header Authorization",
    date: given.timestamp !== undefined ? "command line" : longDate !== undefined ? `${presented.location} X-Amz-Date` : "generated (now)",
  };

  // The request as its signer saw it: without what the signer writes (it drops those headers itself).
  const signed = await signSigV4(
    scheme,
    { method: request.method, url: unsignedUrl(request.url), headers: request.headers, body: request.body },
    { keyId: accessKeyId, secret: input.secret, sessionToken: presented.sessionToken },
    { timestamp: longDate, crypto },
  );
  const canonical = signed.canonicalRequest ?? "";
  const lines = canonical.split("\n");
  const date = signed.timestamp ?? "";
  const scope = credentialScope(date.slice(0, 8), scheme.region, scheme.service);

  let received: SigV4Explanation["received"] = null;
  if (presented.signature !== undefined) {
    received = { value: presented.signature, source: presented.source, ...(await diagnoseSigV4(input, presented, date, crypto)) };
  }
  return {
    scheme: scheme.name,
    profile: "aws-sigv4",
    request: { method: request.method, url: request.url, bodyBytes: request.body?.length ?? 0 },
    values: { accessKeyId, date, scope, location: scheme.location, sources },
    canonicalRequest: {
      method: lines[0] ?? "",
      uri: lines[1] ?? "",
      query: lines[2] ?? "",
      // CanonicalHeaders ends with its own newline: the header lines, then a blank line.
      headers: lines.slice(3, -3),
      signedHeaders: lines.at(-2) ?? "",
      payloadHash: lines.at(-1) ?? "",
      text: canonical,
      escaped: escapeVisible(canonical),
    },
    stringToSign: { text: signed.stringToSign.text, escaped: escapeVisible(signed.stringToSign.text) },
    signingKey: [
      `kDate    = HMAC("AWS4" + <secret>, "${date.slice(0, 8)}")`,
      `kRegion  = HMAC(kDate, "${scheme.region}")`,
      `kService = HMAC(kRegion, "${scheme.service}")`,
      `kSigning = HMAC(kService, "aws4_request")`,
    ],
    signature: {
      algorithm: "AWS4-HMAC-SHA256",
      encoding: "hex",
      value: signed.signature,
      sent: sentValues(signed.headers, signed.url, scheme),
    },
    received,
  };
}

async function diagnoseSigV4(
  input: SigV4ExplainInput,
  presented: PresentedSigV4,
  expectedDate: string,
  crypto: CryptoProvider,
): Promise<Diagnosis<SigV4Mistake>> {
  const { scheme, request } = input;
  const signature = presented.signature ?? "";
  const pairs: HeaderPairs = headerPairs(request.headers);
  const grouped = groupHeaders(pairs);
  const host = hostOf(request.url, grouped);
  const headers: HeaderPairs = grouped.has(HEADER.host) || host === undefined ? pairs : [...pairs, [HEADER.host, host]];
  const bodyHash = await bodySha256(request.body, crypto);
  const sentHash = grouped.get(HEADER.contentSha256)?.[0];
  const target = splitRequestTarget(request.url);
  const required = requiredSignedHeaders(
    scheme,
    [...grouped.keys()].filter((name) => name !== HEADER.authorization),
    presented.location === "header",
  );
  const longDate = presented.longDate ?? expectedDate;
  // The attempt the request presents: its own scope, date and SignedHeaders, as a verifier reads them.
  const attempt: SigV4Attempt = {
    method: request.method,
    path: target.path,
    query: target.query,
    headers,
    signedHeaders: presented.signedHeaders ?? [...required].sort(),
    payloadHash: sentHash ?? (scheme.payload === "signed" && presented.location === "header" ? bodyHash : UNSIGNED_PAYLOAD),
    pathRule: scheme,
    longDate,
    scope: presented.credential ?? { shortDate: longDate.slice(0, 8), region: scheme.region, service: scheme.service },
    secret: input.secret,
    excludeQuery: presented.location === "query" ? QUERY.signature : undefined,
  };
  if (scheme.payload === "signed" && sentHash === undefined) attempt.payloadHash = bodyHash;
  const problems = presentedProblems(scheme, attempt, required, bodyHash);
  const own = (await attemptDigest(attempt, crypto)).digest;
  const direct = matchOutput(own, signature, "hex");
  if (direct) {
    const mistakes = [...problems, ...outputMistakes(direct)];
    return mistakes.length === 0 ? { matches: true, findings: [] } : { matches: false, findings: [{ mistakes }] };
  }
  const findings: Finding<SigV4Mistake>[] = [];
  const seen = new Set([toHex(own)]);
  for (const variant of sigV4Variants(scheme, attempt, bodyHash)) {
    const { digest } = await attemptDigest(variant.attempt, crypto);
    if (seen.has(toHex(digest))) continue;
    seen.add(toHex(digest));
    const match = matchOutput(digest, signature, "hex");
    if (match) findings.push({ mistakes: [variant.mistake, ...problems, ...outputMistakes(match)] });
  }
  findings.sort((a, b) => a.mistakes.length - b.mistakes.length);
  return { matches: false, findings: findings.slice(0, MAX_FINDINGS) };
}

/** A captured presigned URL already carries its X-Amz-* parameters; the signer appends them again. */
function unsignedUrl(url: string): string {
  const question = url.indexOf("?");
  if (question < 0) return url;
  let query = url.slice(question + 1);
  for (const name of Object.values(QUERY)) query = removeQueryParam(query, name).query;
  return query === "" ? url.slice(0, question) : `${url.slice(0, question)}?${query}`;
}

function sentValues(headers: Record<string, string>, url: string, scheme: AwsSigV4Scheme): Record<string, string> {
  return scheme.location === "query" ? { url } : headers;
}
