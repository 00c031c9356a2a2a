/**
 * A web `Request` webhook receiver (webhook-receiver.ts) as a Hono 4 route handler. Hono hands the
 * untouched `c.req.raw`; the receiver reads its body as sent, so no `c.req.json()` may run before it.
 * Typed structurally (no hono import).
 */

interface HonoWebhookContext {
  req: { raw: Request };
}

type Receive = (request: Request) => Promise<Response>;

/**
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { honoWebhook, invoicePaidReceiver } from "./generated/webhooks.js";
 *
 * const app = new Hono();
 * app.post("/hooks/billing", honoWebhook(invoicePaidReceiver({ secrets: [process.env.WEBHOOK_SECRET ?? ""] }, async
 * (event) => {
 *   return new Response(null, { status: 204 });
 * })));
 * ```
 */
export function honoWebhook(receive: Receive): (c: HonoWebhookContext) => Promise<Response> {
  return (c) => receive(c.req.raw);
}
