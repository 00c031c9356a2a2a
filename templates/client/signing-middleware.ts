/**
 * The openapi-fetch middleware that authenticates each request as its operation's `security` requires:
 * it picks the first alternative it has credentials for, sends the plain schemes (API key, bearer) and
 * then signs with every x-hmac scheme of that alternative, over the URL and body bytes that go on the
 * wire, so the server verifies exactly what it receives. A public operation passes untouched; a request with no usable
 * alternative fails
 * before any network I/O. Typed structurally, so this file needs no openapi-fetch import.
 */
import {
  type Credentials,
  type CryptoProvider,
  coversBody,
  decodeSecret,
  type RequestDescription,
  requiresKeyId,
  SigningError,
  type SigningScheme,
  signRequest,
} from "../runtime/index.js";
import { applyPlainCredential, isPlainCredential, type PlainScheme } from "./plain-credentials.js";
import { copiedInit } from "./request-init.js";
import {
  firstSatisfiable,
  MissingCredentialsError,
  type OperationSecurity,
  operationKey,
  type SecurityAlternatives,
} from "./security.js";
import { wireBody } from "./wire-body.js";

export interface SigningMiddlewareOptions {
  operations: OperationSecurity;
  /** Used for a path the table does not list (the document's default `security`). */
  defaultSecurity: SecurityAlternatives;
  hmacSchemes: Readonly<Record<string, SigningScheme>>;
  plainSchemes: Readonly<Record<string, PlainScheme>>;
  /** By security-scheme name: `{ keyId, secret }` for x-hmac schemes, the value for the others. */
  credentials: Readonly<Record<string, unknown>>;
  now?: (() => number) | undefined;
  nonce?: (() => string) | undefined;
  crypto?: CryptoProvider | undefined;
}

/**
 * Requests a signing middleware produced. One that comes round again (the middleware registered twice,
 * or a retry that replays the chain) is passed on as it is: nothing is signed twice.
 */
const signed = new WeakSet<Request>();

export interface SigningMiddleware {
  onRequest(context: { request: Request; schemaPath: string }): Promise<Request | undefined>;
}

/**
 * The openapi-fetch middleware that signs each request. The generated client.ts installs it in
 * `createClient`; install it yourself on an openapi-fetch client you build. It checks the credentials
 * once, here: a secret invalid in its scheme's encoding or a missing key id throws SigningError.
 *
 * @param options - the spec's security tables (the generated security.ts and schemes.ts) and the credentials.
 * @returns middleware for `client.use`; build the client with `Request: SignableRequest`.
 *
 * @example
 * ```ts
 * import createFetchClient from "openapi-fetch";
 * import { createSigningMiddleware, SignableRequest } from "./generated/client/index.js";
 * import type { paths } from "./generated/schema.js";
 * import { schemes as hmacSchemes } from "./generated/schemes.js";
 * import { defaultSecurity, operationSecurity as operations, plainSchemes } from "./generated/security.js";
 *
 * const credentials = { integrationHmac: { keyId: "nc-1", secret: process.env.HMAC_SECRET } }; // unset: SigningError
 * const client = createFetchClient<paths>({ baseUrl: "https://weather.example.com", Request: SignableRequest });
 * client.use(createSigningMiddleware({ operations, defaultSecurity, hmacSchemes, plainSchemes, credentials }));
 * ```
 */
export function createSigningMiddleware(options: SigningMiddlewareOptions): SigningMiddleware {
  const { hmacSchemes, plainSchemes, credentials } = options;
  // Options are checked once, here, not on every request: a bad credential fails when the client is built.
  for (const [name, scheme] of Object.entries(hmacSchemes)) {
    const given = credentials[name];
    if (given === undefined) continue;
    const secret = (given as Partial<Credentials>).secret;
    if (
      (typeof secret !== "string" && !(secret instanceof Uint8Array)) ||
      !decodeSecret(secret, scheme.secretEncoding)
    ) {
      throw new SigningError(`credentials.${name}.secret must be a ${scheme.secretEncoding} string or key bytes`);
    }
    if (requiresKeyId(scheme) && typeof (given as Partial<Credentials>).keyId !== "string") {
      throw new SigningError(`credentials.${name}.keyId is required: scheme "${name}" sends a key id`);
    }
  }
  const available = (name: string): boolean => {
    const plain = plainSchemes[name];
    return plain
      ? isPlainCredential(plain, credentials[name])
      : hmacSchemes[name] !== undefined && credentials[name] !== undefined;
  };
  return {
    async onRequest({ request, schemaPath }) {
      if (signed.has(request)) return undefined;
      const key = operationKey(request.method, schemaPath);
      const alternatives = options.operations[key] ?? options.defaultSecurity;
      if (alternatives.length === 0) return undefined;
      const chosen = firstSatisfiable(alternatives, available);
      if (!chosen) throw new MissingCredentialsError(key, alternatives, available);
      if (chosen.length === 0) return undefined;

      const headers = new Headers(request.headers);
      let url = request.url;
      for (const name of chosen) {
        const plain = plainSchemes[name];
        const value = credentials[name];
        if (plain && isPlainCredential(plain, value)) url = applyPlainCredential(plain, value, url, headers);
      }
      const hmac = chosen.flatMap((name) => (hmacSchemes[name] ? [hmacSchemes[name]] : []));
      const body = hmac.some(coversBody) ? await wireBody(request) : undefined;
      for (const scheme of hmac) {
        const description: RequestDescription = { method: request.method, url, headers: headerPairs(headers), body };
        const result = await signRequest(scheme, description, credentials[scheme.name] as Credentials, {
          now: options.now,
          nonce: options.nonce,
          crypto: options.crypto,
        });
        url = result.url;
        for (const [name, value] of Object.entries(result.headers)) headers.set(name, value);
      }
      const next = url === request.url ? withHeaders(request, headers) : await rebuilt(request, url, headers);
      signed.add(next);
      return next;
    },
  };
}

/** Headers as pairs; forEach because `lib: ["DOM"]` without DOM.Iterable has no Headers iterator. */
function headerPairs(headers: Headers): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  headers.forEach((value, name) => {
    pairs.push([name, value]);
  });
  return pairs;
}

/** Same URL: the body stream moves to the new Request untouched (no copy, no buffering). */
function withHeaders(request: Request, headers: Headers): Request {
  return new Request(request, { headers });
}

/** A new URL (a query-carried credential): the body is re-sent from the bytes or Blob that were signed. */
async function rebuilt(request: Request, url: string, headers: Headers): Promise<Request> {
  const body = await wireBody(request);
  const bytes = body instanceof Uint8Array ? (body as Uint8Array<ArrayBuffer>) : (body as Blob | undefined);
  return new Request(url, copiedInit(request, headers, bytes ?? null));
}
