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
export async function streamedBodyDigest(crypto: CryptoProvider, algorithm: HashAlgorithm, body: StreamedBody): Promise<Uint8Array> {
  return crypto.digestStream
    ? crypto.digestStream(algorithm, chunksOf(body.stream()))
    : crypto.digest(algorithm, await readAll(body.stream()));
}

export function isStreamedBody(body: Uint8Array | StreamedBody): body is StreamedBody {
  return !(body instanceof Uint8Array) && typeof (body as Partial<StreamedBody>).stream === "function";
}

/** A ReadableStream's chunks; getReader() rather than `for await`, which Safari's streams lack. */
export async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of chunksOf(stream)) chunks.push(chunk);
  return concatBytes(chunks);
}
