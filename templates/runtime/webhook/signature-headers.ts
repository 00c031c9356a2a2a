/**
 * Parsers for the signature headers, strict and bounded: a header that does not have the provider's
 * documented form is refused as malformed, never repaired, and a delivery may carry at most
 * MAX_SIGNATURES signatures, so a crafted header cannot buy unbounded HMAC work.
 */
import type { ReasonCode } from "../reasons.js";

export const MAX_SIGNATURES = 16;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: ReasonCode };

const LOWER_HEX_64 = /^[0-9a-f]{64}$/;

/**
 * Canonical padded base64 (RFC 4648 §4) of a 20-byte (HMAC-SHA1) or 32-byte (HMAC-SHA256) digest: both
 * end in one character carrying 4 bits, whose 2 low bits must be zero (§3.5), then one `=`. A pattern,
 * not a decode, because it runs on every delivery.
 */
const BASE64_OF: Readonly<Record<20 | 32, RegExp>> = {
  20: /^[A-Za-z0-9+/]{26}[AEIMQUYcgkosw048]=$/,
  32: /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/,
};

export function isBase64Of(text: string, bytes: 20 | 32): boolean {
  return BASE64_OF[bytes].test(text);
}

/**
 * Standard Webhooks `webhook-signature`: space-delimited `{version},{base64}` items; `v1` is HMAC-SHA256.
 * Other versions (`v1a`, asymmetric) are skipped; a header with none of ours is an unsupported algorithm.
 */
export function standardSignatures(header: string): Parsed<string[]> {
  const items = header.split(" ").filter((item) => item !== "");
  if (items.length === 0) return { ok: false, reason: "missing_credentials" };
  if (items.length > MAX_SIGNATURES) return { ok: false, reason: "malformed_header" };
  const v1: string[] = [];
  for (const item of items) {
    const comma = item.indexOf(",");
    if (comma <= 0) return { ok: false, reason: "malformed_header" };
    if (item.slice(0, comma) !== "v1") continue;
    const value = item.slice(comma + 1);
    if (!isBase64Of(value, 32)) return { ok: false, reason: "malformed_signature" };
    v1.push(value);
  }
  return v1.length > 0 ? { ok: true, value: v1 } : { ok: false, reason: "unsupported_algorithm" };
}

export interface StripeHeader {
  timestamp: string;
  signatures: string[];
}

/**
 * `Stripe-Signature: t=…,v1=…,v1=…` with the items in any order; several `v1` (one per secret during a
 * rotation, any may match), unknown keys such as `v0` ignored (Stripe docs, "Verify manually"). One `t`
 * only: two would let the verifier and the application read different times.
 */
export function stripeHeader(header: string): Parsed<StripeHeader> {
  let timestamp: string | undefined;
  const signatures: string[] = [];
  let others = 0;
  for (const raw of header.split(",")) {
    const item = raw.trim();
    const equals = item.indexOf("=");
    if (equals <= 0) return { ok: false, reason: "malformed_header" };
    const key = item.slice(0, equals);
    const value = item.slice(equals + 1);
    if (key === "t") {
      if (timestamp !== undefined) return { ok: false, reason: "malformed_header" };
      timestamp = value;
    } else if (key === "v1") {
      if (!LOWER_HEX_64.test(value)) return { ok: false, reason: "malformed_signature" };
      signatures.push(value);
    } else others++;
    if (signatures.length + others > MAX_SIGNATURES) return { ok: false, reason: "malformed_header" };
  }
  if (timestamp === undefined) return { ok: false, reason: "malformed_header" };
  if (signatures.length === 0) return { ok: false, reason: others > 0 ? "unsupported_algorithm" : "malformed_header" };
  return { ok: true, value: { timestamp, signatures } };
}

/** GitHub's `sha256=<hex>` and Slack's `v0=<hex>`: one HMAC-SHA256 in lower-case hex behind a fixed prefix. */
export function prefixedHex(header: string, prefix: string): Parsed<string> {
  if (!header.startsWith(prefix)) return { ok: false, reason: "unsupported_algorithm" };
  const value = header.slice(prefix.length);
  return LOWER_HEX_64.test(value) ? { ok: true, value } : { ok: false, reason: "malformed_signature" };
}
