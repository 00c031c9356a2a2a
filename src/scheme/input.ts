/**
 * The x-hmac extension as an author writes it: every property optional, presets and defaults fill the
 * rest (resolve.ts). The validated shape of X_HMAC_RULE (model-rules.ts).
 */
import type { DigestEncoding, HashAlgorithm, SecretEncoding, TimestampFormat } from "../../templates/runtime/types.js";
import type { PresetName } from "./profiles/template/preset-names.js";

export type CarrierInput = { in: "header" | "query" | "signature"; name?: string };

export interface XHmacInput {
  preset?: PresetName;
  algorithm?: HashAlgorithm | { default: HashAlgorithm; accept?: HashAlgorithm[] };
  secret?: { encoding?: SecretEncoding };
  keyId?: "none" | CarrierInput;
  timestamp?:
    | "none"
    | (Partial<CarrierInput> & {
        format?: TimestampFormat;
        fractionDigits?: 0 | 3 | 6;
        utcSuffix?: "Z" | "+00:00";
        tolerance?: { past?: number; future?: number };
      });
  nonce?: "none" | (Partial<CarrierInput> & { bytes?: number; encoding?: DigestEncoding; ttl?: number });
  /** What a replay is recognised by: the nonce (default), or the verified signature (schemes without a nonce). */
  replay?: "nonce" | "signature";
  body?: {
    hash?: { algorithm?: HashAlgorithm | "signature"; encoding?: DigestEncoding };
    empty?: "hash" | "empty-string";
    json?: "as-sent" | "python-compact";
    /** Upper-case methods whose body is signed as empty bytes whatever arrives (seed 004: ["GET"]). */
    emptyFor?: string[];
  };
  path?: { form?: "as-sent" | "decoded" | "reencoded" };
  query?: {
    form?: "as-sent" | "canonical";
    plus?: "space" | "literal";
    safe?: string;
    hexCase?: "upper" | "lower";
    sort?: boolean;
    blanks?: "keep" | "drop";
  };
  stringToSign?: { components?: string[]; separator?: string };
  signature?: {
    encoding?: DigestEncoding;
    in?: "header" | "query";
    name?: string;
    template?: string;
    prefix?: string;
    caseInsensitive?: boolean;
  };
  aliases?: Record<string, string[]>;
  signedHeaders?: string[];
  failureStatus?: 401 | 403;
  profile?: "rfc9421" | "aws-sigv4" | "webhook";
  /** profile: rfc9421 only; its shape is RFC9421_RULE (profiles/rfc9421/rules.ts). */
  rfc9421?: Record<string, unknown>;
  /** profile: aws-sigv4 only; its shape is AWS_SIGV4_RULE (profiles/aws-sigv4/rules.ts). */
  awsSigV4?: Record<string, unknown>;
  /** profile: webhook only; its shape is WEBHOOK_RULE (profiles/webhook/rules.ts). */
  webhook?: Record<string, unknown>;
}
