/**
 * Body services every profile shares: a body's size, and its digest when it arrives as a stream (hashed
 * chunk by chunk where the crypto provider can, so memory stays bounded for large uploads).
 */
import type { CryptoProvider } from "./crypto-provider.js";
import { concatBytes } from "./encoding.js";
import type { HashAlgorithm, StreamedBody } from "./types.js";

/** The size of a body as bytes or as a stream; 0 for none. */
export function bodySize(body: Uint8Array | StreamedBody | undefined): number {
  return body === undefined ? 0 : body instanceof Uint8Array ? body.length : body.size;
}

/**
 * The digest of a streamed body, chunk by chunk where the provider can (memory stays bounded for large bodies),
 * else over the gathered bytes (Web Crypto has no incremental digest). Every profile's body hash uses it.
 */
export async function streamedBodyDigest(
  crypto: CryptoProvider,
  algorithm: HashAlgorithm,
  body: StreamedBody,
): Promise<Uint8Array> {
  return crypto.digestStream
    ? crypto.digestStream(algorithm, chunksOf(body.stream()))
    : crypto.digest(algorithm, await readAll(body.stream()));
}

export function isStreamedBody(body: Uint8Array | StreamedBody): body is StreamedBody {
  return !(body instanceof Uint8Array) && typeof (body as Partial<StreamedBody>).stream === "function";
}

/**
 * A ReadableStream's chunks; getReader() rather than `for await`, which Safari's streams lack. next() is
 * the reader's own read(): its `{ done, value }` already has an iterator result's shape, so the consumer
 * resumes on the read itself. An async generator resumed it two promise hops later, after a Blob's stream
 * had already copied out the next part (Node's Blob reads ahead in a microtask): each part was then hashed
 * after the next one went through the cache, and signing a Blob ran at 0.8-0.9x of hashing its stream.
 */
export function chunksOf(stream: ReadableStream<Uint8Array>): AsyncIterableIterator<Uint8Array> {
  const reader = stream.getReader();
  const release = (): IteratorReturnResult<undefined> => {
    reader.releaseLock();
    return { done: true, value: undefined };
  };
  const iterator: AsyncIterableIterator<Uint8Array> = {
    next: () => {
      const read = reader.read();
      // Reactions run in the order they were added: at the end, or on a failed read (which reaches the
      // consumer through `read` itself), the lock is released before the consumer resumes, as a generator's
      // `finally` did.
      read.then(
        (result) => result.done && reader.releaseLock(),
        () => reader.releaseLock(),
      );
      return read as Promise<IteratorResult<Uint8Array>>;
    },
    // A consumer that stops early (break, throw, a body over its limit) frees the stream for cancel().
    return: () => Promise.resolve(release()),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of chunksOf(stream)) chunks.push(chunk);
  return concatBytes(chunks);
}
