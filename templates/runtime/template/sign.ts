/**
 * Signs a request description: decides the timestamp and nonce, places key id, timestamp and nonce
 * where the scheme carries them, builds the string to sign over the exact bytes that will be sent,
 * and returns the headers to add and the final URL. Nothing here reads a global clock or RNG directly:
 * both are injectable, so tests and golden vectors are deterministic.
 */
import type { Credentials, SignedRequest, SignOptions } from "../contracts.js";
import { defaultCryptoProvider } from "../default-crypto.js";
import { decodeSecret, utf8Text } from "../encoding.js";
import { headerMap } from "../headers.js";
import { isPromiseLike } from "../maybe-promise.js";
import { generateNonce, isWellFormedKeyId } from "../nonce.js";
import { appendQueryParam, splitRequestTarget } from "../request-target.js";
import { SigningError } from "../signing-error.js";
import type { Carrier, HmacScheme, RequestDescription } from "../types.js";
import { algorithmLabel, parseTemplate, renderTemplate, type TemplateValues } from "./header-template.js";
import { MalformedJsonError } from "./malformed-json.js";
import { type SignedBody, signedBody } from "./signed-body.js";
import { buildStringToSign, signatureOver } from "./string-to-sign.js";
import { formatTimestamp } from "./timestamp.js";

/** The x-hmac template model: a joined string to sign and a header template. */
export async function signTemplate(
  scheme: HmacScheme,
  request: RequestDescription,
  credentials: Credentials,
  options: SignOptions,
): Promise<SignedRequest> {
  const crypto = options.crypto ?? defaultCryptoProvider();
  const algorithm = options.algorithm ?? scheme.algorithm;
  if (!scheme.acceptedAlgorithms.includes(algorithm)) {
    throw new SigningError(`scheme "${scheme.name}" does not accept algorithm ${algorithm}`);
  }
  const key = decodeSecret(credentials.secret, scheme.secretEncoding);
  if (!key) throw new SigningError(`the secret for scheme "${scheme.name}" is not valid ${scheme.secretEncoding}`);
  if (scheme.keyId && !credentials.keyId) throw new SigningError(`scheme "${scheme.name}" needs a keyId`);
  if (scheme.keyId && credentials.keyId !== undefined && !isWellFormedKeyId(credentials.keyId)) {
    throw new SigningError(
      `key id ${JSON.stringify(credentials.keyId)} must be 1-256 printable ASCII characters without spaces`,
    );
  }

  const values: TemplateValues = { algorithm: algorithmLabel(algorithm) };
  if (scheme.keyId && credentials.keyId !== undefined) values.keyId = credentials.keyId;
  if (scheme.timestamp) {
    values.timestamp = options.timestamp ?? formatTimestamp((options.now ?? Date.now)(), scheme.timestamp);
  }
  if (scheme.nonce) values.nonce = options.nonce ? options.nonce() : generateNonce(scheme.nonce, crypto);

  const added: Record<string, string> = {};
  let url = request.url;
  const place = (carrier: Carrier | null, value: string | undefined): void => {
    if (!carrier || value === undefined || carrier.in === "signature") return;
    if (carrier.in === "header") added[carrier.name] = value;
    else url = appendQueryParam(url, carrier.name, value);
  };
  place(scheme.keyId, values.keyId);
  place(scheme.timestamp?.carrier ?? null, values.timestamp);
  place(scheme.nonce?.carrier ?? null, values.nonce);

  const target = splitRequestTarget(url);
  // Headers the scheme adds replace any the caller set, so a `header:` component sees what is sent.
  const headers = headerMap(request.headers);
  for (const [name, value] of Object.entries(added)) headers.set(name.toLowerCase(), value);
  let body: SignedBody;
  try {
    // A GET body under nextcloud-drf is sent as given but signed as empty bytes, as Nextcloud's TokenSigner does.
    const pending = signedBody(scheme, request, algorithm, crypto);
    body = isPromiseLike(pending) ? await pending : pending;
  } catch (error) {
    // python-compact (django_hmac_authentication) signs the server's re-serialised JSON: a body that is not UTF-8 JSON
    // has no such form, and the server would answer 400 before checking any signature.
    if (error instanceof MalformedJsonError)
      throw new SigningError(
        `scheme "${scheme.name}" signs JSON bodies only: ${error.message.replace(/^\[hmac-codegen\] /, "")}`,
      );
    throw error;
  }
  const stringToSign = buildStringToSign(scheme, {
    method: request.method,
    path: target.path,
    query: target.query,
    headers,
    keyId: values.keyId,
    timestamp: values.timestamp,
    nonce: values.nonce,
    bodyHash: body.hash,
    body: body.bytes,
    secretText: typeof credentials.secret === "string" ? credentials.secret : utf8Text(credentials.secret),
  });
  const signature = signatureOver(crypto, algorithm, key, stringToSign, scheme.signature.encoding);
  values.signature = isPromiseLike(signature) ? await signature : signature;

  const carried = renderTemplate(scheme.signature.template, values);
  const parsed = parseTemplate(scheme.signature.template, carried);
  if (
    !parsed ||
    (Object.keys(parsed) as Array<keyof TemplateValues>).some((field) => parsed[field] !== values[field])
  ) {
    // e.g. a key id holding the template's separator (";" in django_hmac_authentication's header): the verifier would
    // misread it.
    throw new SigningError(
      `the values do not fit the template ${JSON.stringify(scheme.signature.template)}; ` +
        "a key id may not contain its separators",
    );
  }
  if (scheme.signature.carrier.in === "header") added[scheme.signature.carrier.name] = carried;
  else url = appendQueryParam(url, scheme.signature.carrier.name, carried);
  return {
    url,
    headers: added,
    signature: values.signature,
    timestamp: values.timestamp,
    nonce: values.nonce,
    stringToSign,
  };
}
