/**
 * Signs a request with SigV4: the Authorization header (location `header`) or a presigned URL
 * (location `query`). Steps after smithy's SignatureV4.signRequest / presign: drop the headers the signer
 * writes itself, add X-Amz-Date (and the session token, x-amz-content-sha256), build the canonical request
 * over what will be sent, derive the key, sign.
 */

import type { Credentials, SignedRequest, SignOptions } from "../contracts.js";
import type { CryptoProvider } from "../crypto-provider.js";
import { defaultCryptoProvider } from "../default-crypto.js";
import { encodedHmac } from "../encoded-crypto.js";
import { isPromiseLike } from "../maybe-promise.js";
import { splitRequestTarget } from "../request-target.js";
import { SigningError } from "../signing-error.js";
import { TextStringToSign } from "../string-to-sign.js";
import type { AwsSigV4Scheme, RequestDescription } from "../types.js";
import { amzDateFor } from "./amz-date.js";
import { formatAuthorization } from "./authorization-header.js";
import { groupHeaders, type HeaderPairs, headerPairs } from "./canonical-headers.js";
import { canonicalRequest } from "./canonical-request.js";
import { ALGORITHM, HEADER, MAX_PRESIGNED_SECONDS, QUERY, SENT_HEADER } from "./constants.js";
import { type CredentialScope, isWellFormedAccessKeyId } from "./credential.js";
import { hostOf } from "./host.js";
import { payloadHash } from "./payload-hash.js";
import { appendParams, presignParams } from "./presign.js";
import { requiredSignedHeaders } from "./signed-header-names.js";
import { signingKey } from "./signing-key.js";
import { credentialScope, stringToSign } from "./string-to-sign.js";

/** Headers the signer writes; a stale copy from the caller (a retried request) is replaced, never signed. */
const WRITTEN = new Set<string>([HEADER.authorization, HEADER.date, HEADER.securityToken, HEADER.contentSha256]);

export async function signSigV4(
  scheme: AwsSigV4Scheme,
  request: RequestDescription,
  credentials: Credentials,
  options: SignOptions,
): Promise<SignedRequest> {
  const crypto: CryptoProvider = options.crypto ?? defaultCryptoProvider();
  const accessKeyId = credentials.keyId;
  if (accessKeyId === undefined || !isWellFormedAccessKeyId(accessKeyId)) {
    throw new SigningError(
      `scheme "${scheme.name}" needs keyId: the AWS access key id (printable ASCII without "/", "," or spaces)`,
    );
  }
  if (credentials.secret.length === 0) throw new SigningError(`scheme "${scheme.name}" needs the secret access key`);
  const date = amzDateFor(options.timestamp, options.now ?? Date.now);
  if (!date)
    throw new SigningError(
      `timestamp ${JSON.stringify(options.timestamp)} is neither 20150830T123600Z nor an ISO 8601 instant`,
    );
  if (
    scheme.location === "query" &&
    !(scheme.expiresInSeconds >= 1 && scheme.expiresInSeconds <= MAX_PRESIGNED_SECONDS)
  ) {
    throw new SigningError(
      `a presigned URL expires after 1 to ${MAX_PRESIGNED_SECONDS} seconds, not ${scheme.expiresInSeconds}`,
    );
  }

  const pairs: HeaderPairs = headerPairs(request.headers).filter(([name]) => !WRITTEN.has(name.toLowerCase()));
  const host = hostOf(request.url, groupHeaders(pairs));
  if (host === undefined)
    throw new SigningError(`scheme "${scheme.name}" signs the host: give an absolute URL or a Host header`);
  if (!pairs.some(([name]) => name.toLowerCase() === HEADER.host)) pairs.push([HEADER.host, host]);

  const pendingPayload = payloadHash(scheme, request.body, crypto);
  const payload = isPromiseLike(pendingPayload) ? await pendingPayload : pendingPayload;
  const added: Record<string, string> = {};
  if (scheme.location === "header") {
    added[SENT_HEADER.date] = date.long;
    if (credentials.sessionToken !== undefined) added[SENT_HEADER.securityToken] = credentials.sessionToken;
    if (scheme.contentSha256Header) added[SENT_HEADER.contentSha256] = payload;
    for (const [name, value] of Object.entries(added)) pairs.push([name, value]);
  }
  const signed = requiredSignedHeaders(
    scheme,
    pairs.map(([name]) => name.toLowerCase()),
    scheme.location === "header",
  );
  const signedList = [...signed].sort().join(";");
  const credential: CredentialScope = {
    accessKeyId,
    shortDate: date.short,
    region: scheme.region,
    service: scheme.service,
  };

  const target = splitRequestTarget(request.url);
  const query =
    scheme.location === "query"
      ? appendParams(
          target.query,
          presignParams(credential, date.long, scheme.expiresInSeconds, signedList, credentials.sessionToken),
        )
      : target.query;
  const canonical = canonicalRequest({
    method: request.method,
    path: target.path,
    query,
    headers: pairs,
    signedHeaders: signed,
    payloadHash: payload,
    pathRule: scheme,
  });
  const scope = credentialScope(date.short, scheme.region, scheme.service);
  // Each step answers synchronously under node:crypto (and from the key cache): no await unless it must.
  const pendingToSign = stringToSign(date.long, scope, canonical.text, crypto);
  const toSign = isPromiseLike(pendingToSign) ? await pendingToSign : pendingToSign;
  const pendingKey = signingKey(crypto, credentials.secret, date.short, scheme.region, scheme.service);
  const key = isPromiseLike(pendingKey) ? await pendingKey : pendingKey;
  const pendingSignature = encodedHmac(crypto, "sha256", key, toSign, "hex");
  const signature = isPromiseLike(pendingSignature) ? await pendingSignature : pendingSignature;

  let url = request.url;
  if (scheme.location === "header")
    added[SENT_HEADER.authorization] = formatAuthorization(ALGORITHM, credential, signedList, signature);
  else url = withQuery(request.url, appendParams(query, [[QUERY.signature, signature]]));
  return {
    url,
    headers: added,
    signature,
    timestamp: date.long,
    nonce: undefined,
    stringToSign: new TextStringToSign(toSign, []),
    canonicalRequest: canonical.text,
  };
}

/** Replaces the raw query of a URL (absolute or path-only), keeping everything else byte for byte. */
function withQuery(url: string, query: string): string {
  const hash = url.indexOf("#");
  const beforeHash = hash >= 0 ? url.slice(0, hash) : url;
  const question = beforeHash.indexOf("?");
  const base = question >= 0 ? beforeHash.slice(0, question) : beforeHash;
  return `${base}?${query}`;
}

/** A presigned URL for a request, whatever the scheme's location: for links handed to another party. */
export function presignSigV4(
  scheme: AwsSigV4Scheme,
  request: RequestDescription,
  credentials: Credentials,
  options: SignOptions & { expiresInSeconds?: number | undefined } = {},
): Promise<SignedRequest> {
  const { expiresInSeconds, ...signOptions } = options;
  return signSigV4(
    { ...scheme, location: "query", expiresInSeconds: expiresInSeconds ?? scheme.expiresInSeconds },
    request,
    credentials,
    signOptions,
  );
}
