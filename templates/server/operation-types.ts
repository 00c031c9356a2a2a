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
  : { path: Record<string, never>; query: Record<string, never>; header: Record<string, never>; cookie: Record<string, never> };

type StatusOf<S> = S extends number ? S : S extends `${infer N extends number}` ? N : number;

/** One of the declared responses: its status and, where it has content, its body. */
export type OperationResult<Op> = Op extends { responses: infer R }
  ? {
      [S in keyof R]: R[S] extends { content: infer C }
        ? { status: StatusOf<S>; body: Media<C>; headers?: Record<string, string> }
        : { status: StatusOf<S>; body?: undefined; headers?: Record<string, string> };
    }[keyof R]
  : never;

export interface OperationContext<Op> {
  params: OperationParams<Op>;
  body: OperationBody<Op>;
  /** Which alternative held, the x-hmac scheme and the verified key id. */
  auth: VerifiedResult;
  request: Request;
}

/** One handler per operation, keyed by operationId (or `METHOD /path` where the spec gives none). */
export type TypedHandlers<Ops> = {
  [K in keyof Ops]: (context: OperationContext<Ops[K]>) => OperationResult<Ops[K]> | Promise<OperationResult<Ops[K]>>;
};
