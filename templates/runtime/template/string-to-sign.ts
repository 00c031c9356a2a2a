/**
 * The string to sign: the scheme's components, in order, joined by its separator. Pure: every value
 * that needs crypto or a clock (body hash, timestamp, nonce) arrives already computed, so signer,
 * verifier and `explain` build the same bytes from the same inputs (after smithy's signer). It is
 * bytes, not text, because the `body` component (django-api-key, django-api-signing) puts the raw body inside it.
 */
import { canonicalQuery } from "../canonical-query.js";
import type { CryptoProvider } from "../crypto-provider.js";
import { encodedHmac } from "../encoded-crypto.js";
import { concatBytes, utf8, utf8Text } from "../encoding.js";
import type { HeaderMap } from "../headers.js";
import { type StringToSign, type StringToSignPart, TextStringToSign } from "../string-to-sign.js";
import type { Component, DigestEncoding, HashAlgorithm, HmacScheme } from "../types.js";
import { canonicalPath } from "./canonical-path.js";

export type { StringToSign, StringToSignPart } from "../string-to-sign.js";

export interface StringToSignInput {
  method: string;
  /** Raw path as sent. */
  path: string;
  /** Raw query as sent, without the signature parameter. */
  query: string;
  headers: HeaderMap;
  keyId?: string | undefined;
  timestamp?: string | undefined;
  nonce?: string | undefined;
  /** The `bodyHash` component, already computed (body-hash.ts). */
  bodyHash?: string | undefined;
  /** The canonical body bytes, for the `body` component. */
  body?: Uint8Array | undefined;
  /** The secret as text, for the `secret` component (django-api-signing). */
  secretText?: string | undefined;
}

export function buildStringToSign(scheme: HmacScheme, input: StringToSignInput): StringToSign {
  const separator = scheme.stringToSign.separator;
  const chunks: Uint8Array[] = [];
  const parts: StringToSignPart[] = [];
  // Text components are joined and encoded once (one TextEncoder call per request, not per component);
  // only the raw `body` component (django-api-key, django-api-signing) goes in as its own bytes.
  let pending = "";
  scheme.stringToSign.components.forEach((component, index) => {
    if (index > 0) pending += separator;
    if (component === "body") {
      const body = input.body ?? new Uint8Array(0);
      chunks.push(utf8(pending), body);
      pending = "";
      parts.push({ component, text: utf8Text(body) });
      return;
    }
    const text = componentText(scheme, component, input);
    pending += text;
    parts.push({ component, text });
  });
  // No raw body: the text is the string to sign, and its bytes are encoded only if someone asks
  // (signatureOver hands node:crypto the text, which encodes it natively).
  if (chunks.length === 0) return new TextStringToSign(pending, parts);
  chunks.push(utf8(pending));
  return { bytes: concatBytes(chunks), text: parts.map((part) => part.text).join(separator), parts, textOnly: false };
}

/**
 * The signature over a string to sign, encoded: from its text where it is all text (node:crypto takes text), else its
 * bytes.
 */
export function signatureOver(
  crypto: CryptoProvider,
  algorithm: HashAlgorithm,
  key: Uint8Array,
  stringToSign: StringToSign,
  encoding: DigestEncoding,
): string | Promise<string> {
  return encodedHmac(crypto, algorithm, key, stringToSign.textOnly ? stringToSign.text : stringToSign.bytes, encoding);
}

function componentText(scheme: HmacScheme, component: Component, input: StringToSignInput): string {
  switch (component) {
    case "method":
      return input.method.toUpperCase();
    case "path":
      return canonicalPath(input.path, scheme.path.form);
    case "query":
      return canonicalQuery(input.query, scheme.query);
    case "timestamp":
      return input.timestamp ?? "";
    case "nonce":
      return input.nonce ?? "";
    case "keyId":
      return input.keyId ?? "";
    case "bodyHash":
      return input.bodyHash ?? "";
    case "secret":
      return input.secretText ?? "";
    case "signedHeaders":
      // One `name:value` line per covered header, in the scheme's order (django-api-key: the API key).
      return scheme.signedHeaders
        .map((name) => `${name.toLowerCase()}:${input.headers.get(name.toLowerCase()) ?? ""}`)
        .join("\n");
    case "body":
      return "";
  }
  if (component.startsWith("header:")) return input.headers.get(component.slice(7).toLowerCase()) ?? "";
  return component.slice("literal:".length);
}
