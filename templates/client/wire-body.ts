/**
 * The body bytes a Request will put on the wire, read without disturbing it. Strings and Blobs, which
 * cannot change, are taken from the init they were built from (a Blob is hashed as a stream); everything
 * else is read from a clone, whose bytes are the ones sent because the body was fixed when the Request
 * was constructed: FormData with the boundary the constructor chose, URLSearchParams, streams, and
 * ArrayBuffers and views, which the Request copied and the caller may have changed since.
 */
import { type StreamedBody, utf8 } from "../runtime/index.js";
import { bodySourceOf } from "./signable-request.js";

export async function wireBody(request: Request): Promise<Uint8Array | StreamedBody | undefined> {
  if (request.body === null) return undefined;
  const source = bodySourceOf(request);
  if (typeof source === "string") return utf8(source);
  if (source instanceof Blob) return source;
  return new Uint8Array(await request.clone().arrayBuffer());
}
