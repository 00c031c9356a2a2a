/**
 * The body bytes a Request will put on the wire, read without disturbing it. Strings, buffers and
 * Blobs are taken from the init they were built from (a Blob is hashed as a stream); everything else
 * (FormData with the boundary the constructor chose, URLSearchParams, streams) is read from a clone,
 * whose bytes are the ones sent because the body was fixed when the Request was constructed.
 */
import { type StreamedBody, utf8 } from "../runtime/index.js";
import { bodySourceOf } from "./signable-request.js";

export async function wireBody(request: Request): Promise<Uint8Array | StreamedBody | undefined> {
  if (request.body === null) return undefined;
  const source = bodySourceOf(request);
  if (typeof source === "string") return utf8(source);
  if (source instanceof Blob) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  return new Uint8Array(await request.clone().arrayBuffer());
}
