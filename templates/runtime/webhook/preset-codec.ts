/** What each preset's file provides: a signer and a verifier over the same signed content. */

import type { CryptoProvider } from "../crypto-provider.js";
import { defaultCryptoProvider } from "../crypto-provider.js";
import type { HeaderMap } from "../headers.js";
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

/** Header lookup by lower-case name; repeated lines arrive joined with ", " (Fetch semantics) and then fail the strict parsers. */
export function headersOf(delivery: WebhookDelivery): HeaderMap {
  return headerMap(delivery.headers);
}
