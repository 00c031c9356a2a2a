/**
 * The client's default `fetch`: `globalThis.fetch` looked up on every call, not once when the client is
 * built. openapi-fetch keeps the `fetch` it saw in `createClient`; msw 2 (`setupServer().listen()`)
 * replaces `globalThis.fetch` when it starts intercepting, so a module-level client built before
 * `listen()` would keep the real fetch and miss every mock. A `fetch` passed in options still wins.
 */
export function callTimeFetch(input: Request, init?: RequestInit): Promise<Response> {
  return globalThis.fetch(input, init);
}
