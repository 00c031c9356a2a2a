/**
 * A value now or later. node:crypto answers synchronously and Web Crypto with a promise; the core passes
 * a synchronous answer straight on, because every `await` of a plain value still costs a microtask turn
 * (about 50 ns each, several per request, against a whole verification of a few µs).
 */
export type MaybePromise<T> = T | Promise<T>;

export function isPromiseLike<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === "function";
}

/** `next(value)` now when the value is here, else once it arrives. */
export function andThen<T, U>(value: MaybePromise<T>, next: (resolved: T) => U): MaybePromise<U> {
  return isPromiseLike(value) ? value.then(next) : next(value);
}
