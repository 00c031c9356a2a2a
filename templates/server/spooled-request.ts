/**
 * The request a `withNodeVerification` handler gets when the body could not be put back on the original
 * (it was spooled to a file, or node:http2's compat stream had already ended): an object whose prototype
 * is the original request, so every IncomingMessage field (headers, socket, url, httpVersion, and
 * `instanceof`) reads through live, with a readable stream state of its own that reads the spool.
 * Initialising that state is what `new Readable(options)` does (Node's stream docs: "implementing a
 * readable stream"); calling the constructor on an object that already is a Readable by prototype gives
 * it its own buffer and listeners, leaving the original's untouched. `_destroy` stays the original
 * class's: a handler that destroys its request mid-body still aborts the connection, as it would have.
 */
import type { BodySpool } from "./body-spool.js";
import type { NodeBuiltins } from "./node-builtins.js";

/** Enough of a readable's own half for the read callback: push a chunk, or fail. */
interface PushTarget {
  push(chunk: Uint8Array | null): boolean;
  destroy(error?: Error): unknown;
}

export function spooledRequest<Req extends object>(original: Req, spool: BodySpool, builtins: NodeBuiltins): Req {
  const view = Object.create(original) as Req;
  let position = 0;
  let reading = false;
  builtins.stream.Readable.call(view, {
    // One file read ahead at most: the spool hands out up to 1 MiB at a time.
    highWaterMark: 1024 * 1024,
    read(this: unknown) {
      const target = this as PushTarget;
      if (reading) return;
      reading = true;
      spool.readAt(position).then(
        (chunk) => {
          reading = false;
          if (chunk !== null) position += chunk.length;
          target.push(chunk);
        },
        (error: unknown) => {
          reading = false;
          target.destroy(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },
  });
  return view;
}
