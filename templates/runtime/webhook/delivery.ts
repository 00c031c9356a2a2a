/**
 * What a webhook signer and verifier take and give. A delivery is the bytes the provider sends, exactly:
 * every provider here signs the raw body, so a body parsed and re-serialised before verification (JSON
 * key order, whitespace, form re-encoding) no longer verifies, which is the point.
 */
import type { CryptoProvider } from "../crypto-provider.js";
import type { HeaderMap } from "../headers.js";
import type { ReasonCode } from "../reasons.js";
import type { ReplayStore } from "../replay-store.js";
import type { RequestDescription, WebhookPreset } from "../types.js";

/** A secret as the provider's dashboard shows it (`whsec_…` for Standard Webhooks), or raw key bytes. */
export type WebhookSecret = string | Uint8Array;

/**
 * One secret, or several during a rotation: a verifier accepts any; a signer signs with each where the preset carries
 * several.
 */
export type WebhookSecrets = WebhookSecret | readonly WebhookSecret[];

/** A delivery as it arrived: headers, the raw body and (Twilio) the URL the provider was configured with. */
export interface WebhookDelivery {
  headers: RequestDescription["headers"] | HeaderMap;
  body: string | Uint8Array;
  /** Twilio only: the full public URL the provider posted to, query included (not the URL behind a proxy). */
  url?: string | undefined;
}

/** A delivery to sign: the exact body that will be sent. */
export interface WebhookPayload {
  body: string | Uint8Array;
  /** Twilio only: the URL the delivery goes to; a JSON body adds its bodySHA256 to it. */
  url?: string | undefined;
  /** Twilio only: `application/x-www-form-urlencoded` signs the form parameters, anything else the body's hash. */
  contentType?: string | undefined;
}

export interface WebhookSignOptions {
  secrets: WebhookSecrets;
  /** Milliseconds since the epoch; defaults to Date.now. */
  now?: (() => number) | undefined;
  /** Standard Webhooks: the message id; a random `msg_…` id by default. */
  id?: string | undefined;
  crypto?: CryptoProvider | undefined;
}

export interface SignedWebhook {
  /** Headers to send with the body (names as the provider spells them). */
  headers: Record<string, string>;
  body: string | Uint8Array;
  /** Twilio: the URL to post to (with bodySHA256 for a JSON body); otherwise the payload's URL. */
  url: string | undefined;
  /** Unix seconds, for the presets that sign a timestamp. */
  timestamp: number | undefined;
  /** Standard Webhooks: the message id. */
  id: string | undefined;
}

export interface WebhookVerifyOptions {
  secrets: WebhookSecrets;
  now?: (() => number) | undefined;
  crypto?: CryptoProvider | undefined;
  /**
   * Claims each verified delivery once within the tolerance window: the webhook id for Standard Webhooks,
   * the signature for Stripe and Slack. GitHub, Shopify and Twilio sign no timestamp, so no window bounds a
   * claim; there the store is not used and the result says `replayChecked: false`.
   */
  replayStore?: ReplayStore | undefined;
}

export type WebhookVerifyResult =
  | {
      ok: true;
      scheme: string;
      preset: WebhookPreset;
      /** The signed timestamp (Unix seconds), where the preset signs one. */
      timestamp: number | undefined;
      /** The signed id (Standard Webhooks), the replay key. */
      id: string | undefined;
      replayChecked: boolean;
    }
  | { ok: false; scheme: string; reason: ReasonCode; status: number };
