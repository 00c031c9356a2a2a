/**
 * Byte <-> text encodings used by signatures, body hashes, nonces and secrets.
 * Decoders are strict: a value the scheme's encoding cannot produce is rejected, never "repaired"
 * (nextcloud-drf-base64: a DRF verifier that lower-cased a base64 signature broke every request).
 */
import type { DigestEncoding, SecretEncoding } from "./types.js";

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { fatal: false });

export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Lossy UTF-8 decoding, for display only (invalid sequences become U+FFFD). */
export function utf8Text(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += HEX_PAIRS[bytes[i] ?? 0];
  return out;
}

const HEX_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUES["0123456789abcdef".charCodeAt(i)] = i;
  HEX_VALUES["0123456789ABCDEF".charCodeAt(i)] = i;
}

/** Strict hex: even length, digits of either case. Returns undefined when malformed. */
export function fromHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = HEX_VALUES[text.charCodeAt(i * 2)] ?? -1;
    const low = HEX_VALUES[text.charCodeAt(i * 2 + 1)] ?? -1;
    if (high < 0 || low < 0) return undefined;
    out[i] = high * 16 + low;
  }
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Strict RFC 4648 §4 base64 with padding, like Python's `b64decode(validate=True)`. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  // Reject non-canonical trailing bits (e.g. "QR==" for "QQ=="): re-encoding must give the input back.
  return toBase64(out) === text ? out : undefined;
}

export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Unpadded base64url (RFC 4648 §5), as JOSE and most webhook schemes use it. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  const bytes = fromBase64(padded);
  return bytes && toBase64Url(bytes) === text ? bytes : undefined;
}

export function encodeDigest(bytes: Uint8Array, encoding: DigestEncoding): string {
  switch (encoding) {
    case "hex":
      return toHex(bytes);
    case "HEX":
      return toHex(bytes).toUpperCase();
    case "base64":
      return toBase64(bytes);
    case "base64url":
      return toBase64Url(bytes);
  }
}

export function decodeDigest(text: string, encoding: DigestEncoding): Uint8Array | undefined {
  switch (encoding) {
    case "hex":
    case "HEX":
      return fromHex(text);
    case "base64":
      return fromBase64(text);
    case "base64url":
      return fromBase64Url(text);
  }
}

const HEX_TEXT = /^(?:[0-9a-fA-F]{2})*$/;

/** Whether decodeDigest would accept the text; hex is checked without building the bytes. */
export function isDigestText(text: string, encoding: DigestEncoding): boolean {
  return encoding === "hex" || encoding === "HEX" ? HEX_TEXT.test(text) : decodeDigest(text, encoding) !== undefined;
}

/**
 * Decoded text secrets, so the strict decoding (a regex, atob and a round trip) runs once per secret,
 * not once per request; a handful of keys is the common case, and the map is cleared when it grows.
 */
const decodedSecrets = new Map<SecretEncoding, Map<string, Uint8Array | undefined>>();

/** Key bytes from the secret as configured. Undefined when the text is not valid in that encoding. */
export function decodeSecret(secret: string | Uint8Array, encoding: SecretEncoding): Uint8Array | undefined {
  // An empty key is a configuration mistake, never a key.
  if (secret.length === 0) return undefined;
  if (typeof secret !== "string") return secret;
  // Keyed by the secret string itself, not a string built from it: V8 keeps a string's hash, so the
  // lookup costs no hashing of a fresh concatenation on every request.
  let decoded = decodedSecrets.get(encoding);
  if (!decoded) {
    decoded = new Map();
    decodedSecrets.set(encoding, decoded);
  }
  if (decoded.has(secret)) return decoded.get(secret);
  if (decoded.size >= 64) decoded.clear();
  const bytes = decodeSecretText(secret, encoding);
  decoded.set(secret, bytes);
  return bytes;
}

function decodeSecretText(secret: string, encoding: SecretEncoding): Uint8Array | undefined {
  switch (encoding) {
    case "utf8":
      return utf8(secret);
    case "base64":
      return fromBase64(secret);
    case "hex":
      return fromHex(secret);
  }
}

/** One array of all the parts; a single part is returned as it is, not copied. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
