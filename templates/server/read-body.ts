/**
 * Reads a web-standard body with a size limit, so a verifier never holds more than `maxBytes` of a body
 * it is about to reject (413 body_too_large). A Content-Length over the limit is refused before reading.
 */
import { chunksOf, concatBytes } from "../runtime/index.js";

export type LimitedBody = { ok: true; bytes: Uint8Array } | { ok: false };

export async function readBodyLimited(
  body: ReadableStream<Uint8Array> | null,
  declaredLength: string | null,
  maxBytes: number,
): Promise<LimitedBody> {
  if (declaredLength !== null && Number(declaredLength) > maxBytes) return { ok: false };
  if (body === null) return { ok: true, bytes: new Uint8Array(0) };
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of chunksOf(body)) {
    length += chunk.length;
    if (length > maxBytes) return { ok: false };
    chunks.push(chunk);
  }
  return { ok: true, bytes: concatBytes(chunks) };
}
