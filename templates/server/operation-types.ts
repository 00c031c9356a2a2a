/**
 * Types that turn openapi-typescript's operation objects (schema.ts) into what a handler sees and
 * returns: typed parameters, the request body, and a union of the declared responses.
 */
import type { VerifiedResult } from "./web.js";

type Media<Content> = Content extends { "application/json": infer Json } ? Json : Content[keyof Content];

/** The request body: required or optional as the spec says; JSON where the operation accepts JSON. */
export type OperationBody<Op> = Op extends { requestBody: { content: infer C } }
  ? Media<C>
  : Op extends { requestBody?: { content: infer C } }
    ? Media<C> | undefined
    : undefined;

type Present<T> = [NonNullable<T>] extends [never] ? Record<string, never> : NonNullable<T>;

export type OperationParams<Op> = Op extends { parameters: infer P }
  ? {
      path: Present<P extends { path?: infer X } ? X : never>;
      query: Present<P extends { query?: infer X } ? X : never>;
      header: Present<P extends { header?: infer X } ? X : never>;
      cookie: Present<P extends { cookie?: infer X } ? X : never>;
    }
  : {
      path: Record<string, never>;
      query: Record<string, never>;
      header: Record<string, never>;
      cookie: Record<string, never>;
    };

type StatusOf<S> = S extends number ? S : S extends `${infer N extends number}` ? N : number;

/** One of the declared responses: its status and, where it has content, its body. */
export type OperationResult<Op> = Op extends { responses: infer R }
  ? {
      [S in keyof R]: R[S] extends { content: infer C }
        ? { status: StatusOf<S>; body: Media<C>; headers?: Record<string, string> }
        : { status: StatusOf<S>; body?: undefined; headers?: Record<string, string> };
    }[keyof R]
  : never;

/**
 * One security alternative of an operation (OpenAPI 3.1 §4.8.30): the schemes that held, and the x-hmac one
 * among them.
 */
export interface AuthAlternative {
  schemes: readonly string[];
  scheme: string | undefined;
}

/**
 * What verification tells a handler, with the spec's names in place of `string`: the operation's
 * `METHOD /path` key, and one of its security alternatives (handlers.ts writes them per operation).
 */
export type OperationAuth<Key extends string, Held extends AuthAlternative> = Held extends AuthAlternative
  ? Omit<VerifiedResult, "operation" | "schemes" | "scheme"> & {
      operation: Key;
      schemes: Held["schemes"];
      scheme: Held["scheme"];
    }
  : never;

export interface OperationContext<Op, Auth = VerifiedResult> {
  params: OperationParams<Op>;
  body: OperationBody<Op>;
  /** Which alternative held, the x-hmac scheme and the verified key id. */
  auth: Auth;
  request: Request;
}

/**
 * One handler per operation, keyed by operationId (or `METHOD /path` where the spec gives none). `Auths`
 * types each operation's `auth` (OperationAuth); an operation it does not list sees VerifiedResult.
 */
export type TypedHandlers<Ops, Auths = Record<never, never>> = {
  [K in keyof Ops]: (
    context: OperationContext<Ops[K], K extends keyof Auths ? Auths[K] : VerifiedResult>,
  ) => OperationResult<Ops[K]> | Promise<OperationResult<Ops[K]>>;
};
