/**
 * Signs a request with RFC 9421 and hmac-sha256 (§3.1, §3.3.3): decides the signature parameters, adds
 * Content-Digest when the body is covered (RFC 9530), builds the signature base over the request as it
 * will be sent, and returns the Signature-Input and Signature fields to add under the scheme's label.
 * Clock and nonce are injectable, so the RFC's known answer and the golden vectors are reproducible.
 */

import type { Credentials, SignedRequest, SignOptions } from "../contracts.js";
import type { CryptoProvider } from "../crypto-provider.js";
import { defaultCryptoProvider } from "../default-crypto.js";
import { decodeSecret, encodeDigest, toBase64 } from "../encoding.js";
import { headerMap } from "../headers.js";
import { isWellFormedKeyId, isWellFormedNonce } from "../nonce.js";
import { SigningError } from "../signing-error.js";
import type { RequestDescription, Rfc9421Scheme } from "../types.js";
import { serializeComponentId } from "./components.js";
import { contentDigestHeader } from "./content-digest.js";
import { FIELD_NAMES } from "./field-names.js";
import { buildSignatureBase, signatureParamsValue } from "./signature-base.js";
import { HMAC_SHA256, type SignatureParameterValues, signatureParameters } from "./signature-params.js";

export async function signRfc9421(
  scheme: Rfc9421Scheme,
  request: RequestDescription,
  credentials: Credentials,
  options: SignOptions,
): Promise<SignedRequest> {
  const crypto: CryptoProvider = options.crypto ?? defaultCryptoProvider();
  if (options.algorithm !== undefined && options.algorithm !== scheme.algorithm) {
    throw new SigningError(`scheme "${scheme.name}" signs with ${HMAC_SHA256} only`);
  }
  const key = decodeSecret(credentials.secret, scheme.secretEncoding);
  if (!key) throw new SigningError(`the secret for scheme "${scheme.name}" is not valid ${scheme.secretEncoding}`);
  const values = parameterValues(scheme, credentials, options, crypto);

  // The body is covered through the content-digest field (RFC 9421 §7.2.8): it is computed here from the
  // exact bytes sent, and replaces any Content-Digest the caller set, so the two cannot disagree.
  const headers = headerMap(request.headers);
  const added: Record<string, string> = {};
  if (scheme.components.some((component) => component.name === "content-digest")) {
    const digest = await contentDigestHeader(scheme.contentDigest, request.body, crypto);
    added[FIELD_NAMES.contentDigest] = digest;
    headers.set("content-digest", digest);
  }

  const signatureParams = signatureParamsValue(scheme.components, signatureParameters(scheme.parameters, values));
  const result = buildSignatureBase(
    scheme.components,
    { method: request.method, url: request.url, headers },
    signatureParams,
  );
  if (!result.ok) {
    const id = serializeComponentId(result.component);
    const once = id.startsWith('"@query-param"') ? " (or has more than once)" : "";
    throw new SigningError(
      result.problem === "missing"
        ? `scheme "${scheme.name}" covers ${id}, which this request does not have${once}`
        : `scheme "${scheme.name}" covers ${id}, whose value cannot be signed ` +
            "(a line break, or a character outside ISO-8859-1)",
    );
  }
  const signature = toBase64(await crypto.hmac("sha256", key, result.base.bytes));
  added[FIELD_NAMES.signatureInput] = `${scheme.label}=${signatureParams}`;
  added[FIELD_NAMES.signature] = `${scheme.label}=:${signature}:`;
  return {
    url: request.url,
    headers: added,
    signature,
    timestamp: values.created === undefined ? undefined : String(values.created),
    nonce: values.nonce,
    // The string to sign of this profile is the signature base (§2.5); its lines are not template components.
    stringToSign: { bytes: result.base.bytes, text: result.base.text, parts: [], textOnly: false },
  };
}

function parameterValues(
  scheme: Rfc9421Scheme,
  credentials: Credentials,
  options: SignOptions,
  crypto: CryptoProvider,
): SignatureParameterValues {
  const wants = (name: Rfc9421Scheme["parameters"][number]): boolean => scheme.parameters.includes(name);
  const values: SignatureParameterValues = {};
  if (options.timestamp !== undefined && !/^\d{1,15}$/.test(options.timestamp)) {
    throw new SigningError(`created must be unix seconds, not ${JSON.stringify(options.timestamp)}`);
  }
  const created =
    options.timestamp === undefined ? Math.floor((options.now ?? Date.now)() / 1000) : Number(options.timestamp);
  if (wants("created")) values.created = created;
  if (wants("expires")) values.expires = created + scheme.expiresInSeconds;
  if (wants("nonce")) {
    if (options.nonce) values.nonce = options.nonce();
    else if (scheme.nonce) values.nonce = encodeDigest(crypto.randomBytes(scheme.nonce.bytes), scheme.nonce.encoding);
    if (values.nonce === undefined || !isWellFormedNonce(values.nonce)) {
      throw new SigningError(
        `scheme "${scheme.name}": the nonce must be 1-256 printable ASCII characters without spaces`,
      );
    }
  }
  if (wants("alg")) values.alg = HMAC_SHA256;
  if (wants("keyid")) {
    if (credentials.keyId === undefined) throw new SigningError(`scheme "${scheme.name}" needs a keyId`);
    if (!isWellFormedKeyId(credentials.keyId)) {
      throw new SigningError(
        `key id ${JSON.stringify(credentials.keyId)} must be 1-256 printable ASCII characters without spaces`,
      );
    }
    values.keyid = credentials.keyId;
  }
  if (wants("tag")) {
    if (scheme.tag === null) throw new SigningError(`scheme "${scheme.name}" lists the tag parameter but has no tag`);
    values.tag = scheme.tag;
  }
  return values;
}
