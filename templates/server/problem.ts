/**
 * The answer to a failed verification: `application/problem+json` (RFC 9457) with the stable reason code,
 * and a `WWW-Authenticate` challenge (RFC 9110 §11.6.1) naming the scheme and the error. It never carries
 * the secret, the expected signature or a stack trace: only what REASONS says about the reason.
 */
import { REASONS, type ReasonCode } from "../runtime/index.js";
import type { PlainCredentialKind } from "./plain-credentials.js";
import type { VerifierFailure } from "./verifier.js";

export interface Problem {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** RFC 9457 §3.1.4: the title is the status's reason phrase (RFC 9110 §15), not "Unauthorized" for a 400. */
const STATUS_TITLES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  503: "Service Unavailable",
};

/**
 * REASONS speaks of signatures and key ids; a plain scheme that fails (checkCredential said no, or the
 * value is absent) gets a text naming what it carries instead. The reason code stays the same.
 */
const PLAIN_DETAILS: Readonly<Record<PlainCredentialKind, Partial<Record<ReasonCode, string>>>> = {
  "api-key": { missing_credentials: "The API key is missing.", unknown_key: "The API key is not accepted." },
  token: { missing_credentials: "The bearer token is missing.", unknown_key: "The bearer token is not accepted." },
  basic: {
    missing_credentials: "The username and password are missing.",
    unknown_key: "The username or password is not accepted.",
  },
};

/**
 * The answer to a failed verification as status, headers and body, for a framework without an adapter.
 *
 * @param failure - a result whose `ok` is false.
 * @returns `{ status, headers, body }`: application/problem+json, with `WWW-Authenticate` on a 401 or 403.
 *
 * @example
 * ```ts
 * import { createVerifier, problemFor } from "./generated/server.js";
 *
 * type Reply = (status: number, headers: Record<string, string>, body: string) => void;
 * const verifier = createVerifier({ resolveKey: () => process.env.HMAC_SECRET });
 *
 * export async function authenticate(request: Request, reply: Reply): Promise<boolean> {
 *   const result = await verifier.verify(request);
 *   if (result.ok) return true;
 *   const problem = problemFor(result);
 *   reply(problem.status, problem.headers, problem.body);
 *   return false;
 * }
 * ```
 */
export function problemFor(failure: VerifierFailure): Problem {
  const plain = failure.credential === undefined ? undefined : PLAIN_DETAILS[failure.credential][failure.reason];
  const detail = plain ?? REASONS[failure.reason].detail;
  const body = {
    type: `urn:hmac-codegen:reason:${failure.reason}`,
    title: STATUS_TITLES[failure.status] ?? "Unauthorized",
    status: failure.status,
    detail,
    reason: failure.reason,
    ...(failure.scheme ? { scheme: failure.scheme } : {}),
  };
  const headers: Record<string, string> = { "content-type": "application/problem+json" };
  if (failure.status === 401 || failure.status === 403) {
    headers["www-authenticate"] = `HMAC realm="${failure.scheme ?? "api"}", error="${failure.reason}"`;
  }
  if (failure.status === 503) headers["retry-after"] = "1";
  return { status: failure.status, headers, body: JSON.stringify(body) };
}

/**
 * problemFor as a web Response, for fetch handlers that verify by hand.
 *
 * @param failure - a result whose `ok` is false.
 * @returns the problem+json Response the adapters send.
 *
 * @example
 * ```ts
 * import { createVerifier, problemResponse } from "./generated/server.js";
 *
 * const verifier = createVerifier({ resolveKey: () => process.env.HMAC_SECRET });
 * export default {
 *   async fetch(request: Request): Promise<Response> {
 *     const result = await verifier.verify(request);
 *     if (!result.ok) return problemResponse(result); // 400, 401, 403, 404, 413, 415 or 503
 *     return new Response(`hello ${result.keyId}`);
 *   },
 * };
 * ```
 */
export function problemResponse(failure: VerifierFailure): Response {
  const problem = problemFor(failure);
  return new Response(problem.body, { status: problem.status, headers: problem.headers });
}
