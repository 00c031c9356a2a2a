/**
 * The usual reasons a SigV4 signature does not verify (AWS IAM User Guide, "Troubleshoot signed
 * requests"): a credential scope for another region, service or day, a header the service requires
 * signed left out of SignedHeaders, a payload hash that is not the body's, the secret decoded, the
 * path encoded once where the service encodes it twice (or the reverse), base64 instead of hex. What the
 * presented Authorization says is read without crypto; the rest are mutations of the signing attempt,
 * each signed with the core. Ids are stable (tests and --json use them).
 */
import type { CryptoProvider } from "../../../templates/runtime/crypto-provider.js";
import { fromBase64, fromHex, utf8 } from "../../../templates/runtime/encoding.js";
import type { HeaderPairs } from "../../../templates/runtime/sigv4/canonical-headers.js";
import { canonicalRequest } from "../../../templates/runtime/sigv4/canonical-request.js";
import type { PathRule } from "../../../templates/runtime/sigv4/canonical-uri.js";
import { EMPTY_SHA256, UNSIGNED_PAYLOAD } from "../../../templates/runtime/sigv4/constants.js";
import { signingKey } from "../../../templates/runtime/sigv4/signing-key.js";
import { credentialScope, stringToSign } from "../../../templates/runtime/sigv4/string-to-sign.js";
import type { AwsSigV4Scheme } from "../../../templates/runtime/types.js";
import type { OutputMatch } from "../output-match.js";

export const SIGV4_MISTAKE_IDS = [
  "encoding",
  "case-uppered",
  "secret-decoded",
  "scope-region",
  "scope-service",
  "scope-date",
  "header-unsigned",
  "payload-hash",
  "path-encoding",
] as const;
export type SigV4MistakeId = (typeof SIGV4_MISTAKE_IDS)[number];

export interface SigV4Mistake {
  id: SigV4MistakeId;
  cause: string;
  fix: string;
}

/** One way of computing a SigV4 signature: every input of the canonical request, the scope and the key. */
export interface SigV4Attempt {
  method: string;
  path: string;
  query: string;
  headers: HeaderPairs;
  signedHeaders: string[];
  payloadHash: string;
  pathRule: PathRule;
  longDate: string;
  scope: { shortDate: string; region: string; service: string };
  secret: string | Uint8Array;
  /** X-Amz-Signature, left out of a presigned URL's canonical query. */
  excludeQuery: string | undefined;
}

export interface SigV4Variant {
  mistake: SigV4Mistake;
  attempt: SigV4Attempt;
}

/** The HMAC bytes of an attempt, through the core's canonical request, string to sign and signing key. */
export async function attemptDigest(
  attempt: SigV4Attempt,
  crypto: CryptoProvider,
): Promise<{ digest: Uint8Array; canonical: string; toSign: string }> {
  const canonical = canonicalRequest({
    method: attempt.method,
    path: attempt.path,
    query: attempt.query,
    headers: attempt.headers,
    signedHeaders: attempt.signedHeaders,
    payloadHash: attempt.payloadHash,
    pathRule: attempt.pathRule,
    excludeQuery: attempt.excludeQuery,
  }).text;
  const { shortDate, region, service } = attempt.scope;
  const toSign = await stringToSign(attempt.longDate, credentialScope(shortDate, region, service), canonical, crypto);
  const key = await signingKey(crypto, attempt.secret, shortDate, region, service);
  return { digest: await crypto.hmac("sha256", key, utf8(toSign)), canonical, toSign };
}

/** What the presented scope, date and header list get wrong against the scheme; a verifier refuses each. */
export function presentedProblems(
  scheme: AwsSigV4Scheme,
  attempt: SigV4Attempt,
  required: ReadonlySet<string>,
  bodyHash: string,
): SigV4Mistake[] {
  const problems: SigV4Mistake[] = [];
  const { scope } = attempt;
  if (scope.region !== scheme.region) {
    problems.push({
      id: "scope-region",
      cause: `the peer signed for region ${scope.region}; the scheme's region is ${scheme.region} (the credential scope and the signing key both name it)`,
      fix: `configure the peer's signer with region "${scheme.region}" (AWS_REGION, or the client's region option)`,
    });
  }
  if (scope.service !== scheme.service) {
    problems.push({
      id: "scope-service",
      cause: `the peer signed for service ${scope.service}; the scheme's service is ${scheme.service}`,
      fix: `sign with the service name "${scheme.service}" (the signing name, e.g. execute-api for API Gateway)`,
    });
  }
  if (attempt.longDate.slice(0, 8) !== scope.shortDate) {
    problems.push({
      id: "scope-date",
      cause: `the credential scope's date ${scope.shortDate} is not the day of X-Amz-Date ${attempt.longDate}`,
      fix: "derive the scope date from the same UTC instant as X-Amz-Date (its first eight characters), not from local time or a cached day",
    });
  }
  const signed = new Set(attempt.signedHeaders);
  const unsigned = [...required].filter((name) => !signed.has(name)).sort();
  if (unsigned.length > 0) {
    problems.push({
      id: "header-unsigned",
      cause: `the peer did not sign ${unsigned.join(", ")}: SignedHeaders is ${attempt.signedHeaders.join(";")}`,
      fix: `sign every header the scheme covers: host, x-amz-*${scheme.signedHeaders.length > 0 ? `, ${scheme.signedHeaders.join(", ")}` : ""}`,
    });
  }
  if (scheme.payload === "signed" && attempt.payloadHash !== bodyHash) {
    problems.push({
      id: "payload-hash",
      cause: `the peer signed the payload hash ${attempt.payloadHash}; the body that arrived hashes to ${bodyHash}`,
      fix: "hash the exact body bytes sent (hex SHA-256), after any serialisation; the body changed after signing otherwise",
    });
  }
  return problems;
}

/** Mutations that are known mistakes: the secret decoded, the other path rule, another payload hash. */
export function* sigV4Variants(scheme: AwsSigV4Scheme, attempt: SigV4Attempt, bodyHash: string): Generator<SigV4Variant> {
  if (typeof attempt.secret === "string") {
    for (const [encoding, decoded] of [
      ["base64", fromBase64(attempt.secret)],
      ["hex", fromHex(attempt.secret)],
    ] as const) {
      if (!decoded || decoded.length === 0) continue;
      yield {
        mistake: {
          id: "secret-decoded",
          cause: `the peer ${encoding}-decoded the secret access key; SigV4 uses its text: kDate = HMAC("AWS4" + secret, date)`,
          fix: "pass the secret access key as the text it is; it only looks like base64",
        },
        attempt: { ...attempt, secret: decoded },
      };
    }
  }
  const { normalizePath, doubleEncodePath } = attempt.pathRule;
  yield {
    mistake: {
      id: "path-encoding",
      cause: doubleEncodePath
        ? "the peer encoded the path once, as for S3; the scheme's service encodes it twice"
        : "the peer encoded the path twice, as for every service but S3; the scheme encodes it once",
      fix: doubleEncodePath
        ? "sign with the service's own rules (smithy SignatureV4 uriEscapePath: true, aws4 without doNotEncodePath)"
        : "sign with S3's rules (smithy SignatureV4 uriEscapePath: false, aws4 service s3)",
    },
    attempt: { ...attempt, pathRule: { normalizePath: !normalizePath, doubleEncodePath: !doubleEncodePath } },
  };
  const hashes = new Map<string, string>([
    [UNSIGNED_PAYLOAD, "signed UNSIGNED-PAYLOAD"],
    [bodyHash, "signed the body's hash"],
    [EMPTY_SHA256, "signed the hash of an empty body"],
  ]);
  hashes.delete(attempt.payloadHash);
  for (const [hash, what] of hashes) {
    yield {
      mistake: {
        id: "payload-hash",
        cause: `the peer ${what}; the request says ${attempt.payloadHash}`,
        fix:
          scheme.payload === "signed"
            ? "sign the hex SHA-256 of the exact body bytes sent"
            : "sign UNSIGNED-PAYLOAD, as the scheme does not cover the body",
      },
      attempt: { ...attempt, payloadHash: hash },
    };
  }
}

/** The output-level mistakes of a match: [] when the received text is the lower-case hex SigV4 sends. */
export function outputMistakes(match: OutputMatch): SigV4Mistake[] {
  if (match.encoding === "hex" && match.recased === null) return [];
  if (match.encoding === "hex" || match.encoding === "HEX") {
    return [
      {
        id: "case-uppered",
        cause: "the received signature is the right one in upper-case hex",
        fix: 'send the signature as lower-case hex (AWS IAM User Guide, "Calculate the signature")',
      },
    ];
  }
  return [
    {
      id: "encoding",
      cause: `the received signature is the ${match.encoding} encoding of the right HMAC; SigV4 sends it as lower-case hex`,
      fix: "hex-encode the HMAC bytes (hash_hmac('sha256', ...) in PHP, .hexdigest() in Python)",
    },
  ];
}
