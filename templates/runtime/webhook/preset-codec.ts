/** What each preset's file provides: a signer and a verifier over the same signed content. */

import type { CryptoProvider } from "../crypto-provider.js";
import { defaultCryptoProvider } from "../default-crypto.js";
import { headerMap } from "../headers.js";
import type { WebhookScheme } from "../types.js";
import type {
  SignedWebhook,
  WebhookDelivery,
  WebhookPayload,
  WebhookSignOptions,
  WebhookVerifyOptions,
  WebhookVerifyResult,
} from "./delivery.js";

export interface PresetCodec {
  sign(scheme: WebhookScheme, payload: WebhookPayload, options: WebhookSignOptions): Promise<SignedWebhook>;
  verify(scheme: WebhookScheme, delivery: WebhookDelivery, options: WebhookVerifyOptions): Promise<WebhookVerifyResult>;
}

/** The options every preset reads, defaulted once. */
export interface Context {
  crypto: CryptoProvider;
  nowMs: number;
}

export function contextOf(options: { crypto?: CryptoProvider | undefined; now?: (() => number) | undefined }): Context {
  return { crypto: options.crypto ?? defaultCryptoProvider(), nowMs: (options.now ?? Date.now)() };
}

/** Header lookup by lower-case name: a webhook verifier reads one to three headers of the delivery's many. */
export interface HeaderLookup {
  get(lowerCaseName: string): string | undefined;
}

/**
 * Repeated lines arrive joined with ", " (Fetch semantics), as headerMap joins them, and then fail the
 * strict parsers. A record or an array of entries is scanned per name instead of copied into a map: a
 * delivery carries a dozen headers and the verifier reads one to three of them.
 */
export function headersOf(delivery: WebhookDelivery): HeaderLookup {
  const headers = delivery.headers;
  if (!headers) return headerMap(headers);
  if (headers instanceof Map) return headerMap(headers);
  const entries = Array.isArray(headers) ? headers : undefined;
  const record = entries ? undefined : (headers as Record<string, string>);
  return {
    get(lowerCaseName) {
      let value: string | undefined;
      const take = (name: string, raw: string) => {
        if (name.length !== lowerCaseName.length || name.toLowerCase() !== lowerCaseName) return;
        value = value === undefined ? raw.trim() : `${value}, ${raw.trim()}`;
      };
      if (entries) for (const [name, raw] of entries) take(name, raw);
      else if (record) for (const name in record) if (Object.hasOwn(record, name)) take(name, record[name] as string);
      return value;
    },
  };
}
