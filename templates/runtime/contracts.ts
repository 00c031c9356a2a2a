/**
 * What every profile's signer and verifier promise: the options they take and the results they give. The
 * profiles (template, rfc9421, sigv4) import these and nothing of the dispatchers in sign.ts and verify.ts,
 * so no module imports its own caller.
 */
import type { CryptoProvider } from "./crypto-provider.js";
import type { ReasonCode } from "./reasons.js";
import type { ReplayStore } from "./replay-store.js";
import type { StringToSign } from "./string-to-sign.js";
import type { HashAlgorithm } from "./types.js";

export interface Credentials {
  /** Required when the scheme carries a key id. */
  keyId?: string | undefined;
  /** The shared secret, as text in the scheme's secret encoding, or as raw key bytes. */
  secret: string | Uint8Array;
  /** AWS temporary credentials: sent as X-Amz-Security-Token (aws-sigv4 only). */
  sessionToken?: string | undefined;
}

export interface SignOptions {
  /** Milliseconds since the epoch; defaults to Date.now. */
  now?: (() => number) | undefined;
  /** A nonce source; defaults to the scheme's random bytes from the crypto provider. */
  nonce?: (() => string) | undefined;
  /** An exact timestamp string to send (golden vectors, `sign --timestamp`). */
  timestamp?: string | undefined;
  /**
   * One of the scheme's accepted algorithms, when it lets the request choose (django_hmac_authentication's
   * HMAC-SHA256/384/512).
   */
  algorithm?: HashAlgorithm | undefined;
  crypto?: CryptoProvider | undefined;
}

export interface SignedRequest {
  /** The URL to send: the input URL plus any query parameters the scheme carries there. */
  url: string;
  /** Headers to add to the request (names as the scheme spells them). */
  headers: Record<string, string>;
  signature: string;
  /** The timestamp and nonce this signature used (undefined where the scheme has none). */
  timestamp: string | undefined;
  nonce: string | undefined;
  stringToSign: StringToSign;
  /** aws-sigv4 only: the canonical request whose hash the string to sign holds (for `sign` and `explain`). */
  canonicalRequest?: string | undefined;
}

/** A secret as text in the scheme's secret encoding, or raw key bytes. */
export type Secret = string | Uint8Array;

/** Returns the secret(s) for a key id; several during a rotation, any one of which verifies. */
export type KeyResolver = (
  keyId: string | undefined,
  scheme: string,
) => Secret | readonly Secret[] | undefined | Promise<Secret | readonly Secret[] | undefined>;

export interface VerifyOptions {
  resolveKey: KeyResolver;
  /** Claims nonces; without one, nonces are checked for format only. */
  replayStore?: ReplayStore | undefined;
  now?: (() => number) | undefined;
  crypto?: CryptoProvider | undefined;
  /**
   * A body sent with a method the scheme signs as empty (nextcloud-drf's GET): the signature does not cover it,
   * so anyone on the path could change it. "refuse" (default) answers 400 `unsigned_body`; "pass" verifies
   * the request as its peers do (DRF reads such a body unsigned) and leaves the body to the application.
   */
  unsignedBody?: "refuse" | "pass" | undefined;
}

export type VerifyResult =
  | { ok: true; scheme: string; keyId: string | undefined; algorithm: HashAlgorithm }
  | { ok: false; scheme: string; reason: ReasonCode; status: number };

export class KeyConfigurationError extends Error {
  constructor(scheme: string, encoding: string) {
    // Names the scheme and encoding, never the secret.
    super(`[hmac-codegen] a secret returned by resolveKey for scheme "${scheme}" is not valid ${encoding}`);
    this.name = "KeyConfigurationError";
  }
}
