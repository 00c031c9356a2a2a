/**
 * The body as the scheme covers it: its exact bytes, or (seed 003) the Python re-serialisation of its
 * JSON; and the `bodyHash` component: a digest in the scheme's encoding, or nothing for an empty body
 * where the scheme says so (seed 003 signs `;timestamp` for a GET, seed 004 hashes the empty string).
 */
import type { CryptoProvider } from "./crypto-provider.js";
import { encodeDigest, utf8 } from "./encoding.js";
import { MalformedJsonError, pythonCompactJson } from "./python-json.js";
import type { BodyRule, HashAlgorithm, HmacScheme } from "./types.js";

export interface CanonicalBody {
  bytes: Uint8Array;
  isEmpty: boolean;
}

// ignoreBOM keeps a leading U+FEFF, so it fails the JSON parse as it does in DRF (400), instead of
// being dropped silently and signing a body the server would never accept.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Throws MalformedJsonError when the scheme re-serialises JSON and the body is not JSON. */
export function canonicalBody(body: Uint8Array, rule: BodyRule): CanonicalBody {
  if (rule.json === "as-sent") return { bytes: body, isEmpty: body.length === 0 };
  let source: string;
  try {
    source = strictUtf8.decode(body);
  } catch {
    throw new MalformedJsonError("body is not UTF-8");
  }
  const { text, isEmpty } = pythonCompactJson(source);
  return { bytes: isEmpty ? new Uint8Array(0) : utf8(text), isEmpty };
}

/** The `bodyHash` component, or undefined when the scheme does not sign one (no digest is computed). */
export async function bodyHashComponent(
  scheme: HmacScheme,
  body: CanonicalBody,
  signatureAlgorithm: HashAlgorithm,
  crypto: CryptoProvider,
): Promise<string | undefined> {
  if (!scheme.stringToSign.components.includes("bodyHash")) return undefined;
  return bodyHash(body, scheme.body, signatureAlgorithm, crypto);
}

export async function bodyHash(
  body: CanonicalBody,
  rule: BodyRule,
  signatureAlgorithm: HashAlgorithm,
  crypto: CryptoProvider,
): Promise<string> {
  if (body.isEmpty && rule.empty === "empty-string") return "";
  const algorithm = rule.hashAlgorithm === "signature" ? signatureAlgorithm : rule.hashAlgorithm;
  return encodeDigest(await crypto.digest(algorithm, body.bytes), rule.hashEncoding);
}
