/**
 * The body of every generated `createClient`: an openapi-fetch client whose requests are built as
 * SignableRequest and pass, after the user's own middleware, through the signing middleware bound to the
 * spec's security. The generated client.ts keeps only what differs per spec: its credentials type and
 * the tables it hands in. The one file of the glue that imports openapi-fetch, so the server output
 * (which shares security.ts and plain-credentials.ts) does not need that package.
 */
import createFetchClient, { type Client, type ClientOptions, type Middleware } from "openapi-fetch";
import type { CryptoProvider, SigningScheme } from "../runtime/index.js";
import { callTimeFetch } from "./call-time-fetch.js";
import type { PlainScheme } from "./plain-credentials.js";
import { requestBodies } from "./request-bodies.js";
import type { RequestMediaTypes } from "./request-body-writer.js";
import type { OperationSecurity, SecurityAlternatives } from "./security.js";
import { SignableRequest } from "./signable-request.js";
import { createSigningMiddleware } from "./signing-middleware.js";

/** The spec's part of a client: written into client.ts by the generator. */
export interface ClientSecurity {
  operations: OperationSecurity;
  /** Used for a path the table does not list (the document's default `security`). */
  defaultSecurity: SecurityAlternatives;
  hmacSchemes: Readonly<Record<string, SigningScheme>>;
  plainSchemes: Readonly<Record<string, PlainScheme>>;
  /** The media types each operation's requestBody declares, for writing a body as its declared type. */
  requestMediaTypes: RequestMediaTypes;
}

/**
 * `credentials` is ours (by security-scheme name), so RequestInit's fetch-mode `credentials` is not
 * offered; `Request` is SignableRequest, which the signing middleware needs.
 */
export interface CreateClientOptions<Credentials extends object>
  extends Omit<ClientOptions, "baseUrl" | "Request" | "credentials"> {
  /** The server's base URL, e.g. `https://api.example.com`. */
  baseUrl: string;
  credentials: Credentials;
  /** Milliseconds since the epoch; defaults to Date.now (tests pin it). */
  now?: (() => number) | undefined;
  /** A nonce source; defaults to random bytes from the crypto provider. */
  nonce?: (() => string) | undefined;
  /** HMAC, digest and random bytes; defaults to node:crypto where it exists, else Web Crypto. */
  crypto?: CryptoProvider | undefined;
  /**
   * Middleware that runs before signing, so the signature covers what it changes. `client.use()` adds
   * middleware after it.
   */
  middleware?: Middleware[] | undefined;
}

export function createSpecClient<Paths extends object, Credentials extends object>(
  spec: ClientSecurity,
  options: CreateClientOptions<Credentials>,
): Client<Paths> {
  const { credentials, now, nonce, crypto, middleware = [], ...fetchOptions } = options;
  // fetch is looked up per call, so msw's listen() after this still intercepts (call-time-fetch.ts);
  // a body is written as its operation's media type (request-bodies.ts), by a middleware that runs first.
  const { requestMediaTypes, ...security } = spec;
  const bodies = requestBodies(requestMediaTypes);
  const client = createFetchClient<Paths>({
    fetch: callTimeFetch,
    bodySerializer: bodies.bodySerializer,
    ...fetchOptions,
    Request: SignableRequest,
  });
  // A copy, which the middleware checks once: the caller's object may change after the client is built.
  const byName = Object.fromEntries<unknown>(Object.entries(credentials));
  const signing = createSigningMiddleware({ ...security, credentials: byName, now, nonce, crypto });
  client.use(...bodies.middleware, ...middleware, signing);
  return client;
}
