/**
 * The provider's side of a webhook: sign a delivery over the exact bytes that go on the wire, then send
 * those bytes (sendWebhook), or build the signed Request a consumer's tests feed to their receiver
 * (signedWebhookRequest, what stripe's generateTestHeaderString does for one header, as a whole request).
 */
import type { WebhookScheme } from "../runtime/index.js";
import { signWebhook, type WebhookPayload, type WebhookSignOptions } from "../runtime/webhook/index.js";

export interface SendWebhookOptions extends WebhookSignOptions {
  /** Defaults to globalThis.fetch; inject one for tests or a proxy. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** More headers to send; the signature headers win over any of the same name. */
  headers?: Record<string, string> | undefined;
}

/**
 * A POST of `payload.body` to `url`, signed as the scheme's provider signs. Twilio's JSON body adds bodySHA256 to the
 * URL.
 */
export async function signedWebhookRequest(
  scheme: WebhookScheme,
  url: string,
  payload: Omit<WebhookPayload, "url">,
  options: SendWebhookOptions,
): Promise<Request> {
  const contentType = payload.contentType ?? "application/json";
  // The bytes are fixed once, here: what is signed is what is sent.
  const body = typeof payload.body === "string" ? new TextEncoder().encode(payload.body) : payload.body;
  const signed = await signWebhook(scheme, { body, url, contentType }, options);
  const headers = new Headers(options.headers);
  headers.set("content-type", contentType);
  for (const [name, value] of Object.entries(signed.headers)) headers.set(name, value);
  return new Request(signed.url ?? url, { method: "POST", headers, body: body as Uint8Array<ArrayBuffer> });
}

export async function sendWebhook(
  scheme: WebhookScheme,
  url: string,
  payload: Omit<WebhookPayload, "url">,
  options: SendWebhookOptions,
): Promise<Response> {
  const request = await signedWebhookRequest(scheme, url, payload, options);
  return (options.fetch ?? globalThis.fetch)(request);
}
