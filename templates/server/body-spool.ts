/**
 * Where a request body waits while its signature is checked: a verifier must not hand a handler one
 * byte before the check, so the whole body is held somewhere, in bounded memory (measured: a 100 MiB
 * upload grows the process by about 40-50 MiB, not the 200 MiB of holding it all). Up to `spoolAboveBytes` it
 * stays in memory; beyond that it goes to a temp file (mode 0600, random name, unlinked as soon as it is
 * open, the tmpfile(3) idiom, so even a crash leaves nothing behind) and only the writes not yet done stay
 * in memory. Readers (the verifier's digest, then the handler) read by position, from memory or the file,
 * and wait for bytes still to come, so hashing runs while the body arrives.
 */
import { concatBytes, defaultCryptoProvider, type StreamedBody, toHex } from "../runtime/index.js";
import { nodeBuiltins, type SpoolFileHandle } from "./node-builtins.js";

/** The body went over `maxBodyBytes`: answered 413 body_too_large, never a 500. */
export class BodyTooLargeError extends Error {
  constructor() {
    super("[hmac-codegen] the request body is over maxBodyBytes");
    this.name = "BodyTooLargeError";
  }
}

export interface SpoolOptions {
  maxBytes: number;
  /** Above this many bytes the body goes to a temp file; Infinity keeps it in memory. */
  spoolAboveBytes: number;
  /** Where temp files go; os.tmpdir() when undefined. */
  directory: string | undefined;
}

/** Bytes handed to a reader at a time from the file: large enough that one read call costs little per byte. */
const READ_CHUNK = 1024 * 1024;
/** A complete in-memory body up to this size is verified as bytes. */
const BYTES_UP_TO = 1024 * 1024;
/** Unwritten bytes at which the request is paused until the disk catches up, so memory stays bounded. */
const HIGH_WATER = 4 * 1024 * 1024;

/**
 * The failure a released spool records. One shared marker: release runs once per request with a
 * body-covering scheme, and a new Error per request captured a stack trace each time (3% of a verified
 * server's CPU under load, measured in a throughput profile). A reader that meets it gets an Error of its own
 * (failure()), since handlers and frameworks may tag the errors they receive.
 */
const RELEASED = new Error("[hmac-codegen] the request body was released");

/** "stop": over the limit, or the spool failed or was released (the request was answered): read no more. */
export type AppendOutcome = "more" | "wait" | "stop";

export class BodySpool {
  received = 0;
  complete = false;
  spilled = false;
  /** True when the request stream got its bytes back (unshift), so the original request can be handed on. */
  restored = false;
  private flushed = 0;
  /** Chunks in memory, with their offsets: all of them until the spill, then only those not yet written. */
  private held: Array<{ offset: number; bytes: Uint8Array }> = [];
  private failure: Error | undefined;
  private released = false;
  /** Readers the handler holds (its request stream): a release asked for while one reads waits for it. */
  private readers = 0;
  private releaseAsked = false;
  private file: Promise<SpoolFileHandle> | undefined;
  /** Set when the file could not be unlinked while open (a platform that refuses it): removed on release. */
  private linkedPath: string | undefined;
  private writes: Promise<void> = Promise.resolve();
  private flushing = false;
  private wake: (() => void) | undefined;
  private change: Promise<void> = this.nextChange();
  private readonly options: SpoolOptions;

  // Plain fields, not parameter properties: erasableSyntaxOnly (Node's type stripping) refuses those.
  constructor(options: SpoolOptions) {
    this.options = options;
  }

  /** Takes the next chunk; "wait" asks the caller to stop reading until `drained()`. */
  append(bytes: Uint8Array): AppendOutcome {
    if (this.failure) return "stop";
    if (this.received + bytes.length > this.options.maxBytes) {
      this.refuse();
      return "stop";
    }
    if (bytes.length === 0) return "more";
    this.held.push({ offset: this.received, bytes });
    this.received += bytes.length;
    if (!this.spilled && this.received > this.options.spoolAboveBytes && nodeBuiltins()) this.spill();
    else if (this.spilled) this.flush();
    this.notify();
    return this.spilled && this.received - this.flushed > HIGH_WATER ? "wait" : "more";
  }

  get maxBytes(): number {
    return this.options.maxBytes;
  }

  /** Over the limit, by the declared length or the bytes counted. */
  refuse(): void {
    this.fail(new BodyTooLargeError());
  }

  end(restored: boolean): void {
    this.complete = true;
    this.restored = restored;
    this.notify();
  }

  /** Over the limit, a stream error, the client gone: every reader fails with `error`, and the file goes. */
  fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.notify();
    void this.release();
  }

  get tooLarge(): boolean {
    return this.failure instanceof BodyTooLargeError;
  }

  /** Resolves once the body is complete or spilled to the file (verification can start), rejects on failure. */
  async firstSight(): Promise<void> {
    for (;;) {
      if (this.failure) throw this.thrown();
      if (this.complete || this.spilled) return;
      await this.changed();
    }
  }

  /** Resolves once the whole body has arrived, rejects on failure. */
  async finished(): Promise<void> {
    for (;;) {
      if (this.failure) throw this.thrown();
      if (this.complete) return;
      await this.changed();
    }
  }

  /** Resolves when the unwritten bytes are few enough to read on (or the spool failed). */
  async drained(): Promise<void> {
    while (!this.failure && this.received - this.flushed > HIGH_WATER / 4) await this.changed();
  }

  /** The chunks, when the whole body is in memory. */
  chunks(): Uint8Array[] | undefined {
    return this.spilled ? undefined : this.held.map((chunk) => chunk.bytes);
  }

  /**
   * What verifyDescription gets: a small body complete in memory as bytes (one copy costs less than a
   * stream), anything else as a StreamedBody the runtime digests chunk by chunk while it arrives.
   */
  verifiable(): Uint8Array | StreamedBody {
    const chunks = this.chunks();
    if (this.complete && chunks && this.received <= BYTES_UP_TO) return concatBytes(chunks);
    return this.streamedBody();
  }

  /** The body for verifyRequest: read by position, so each scheme and then the handler read it from the start. */
  streamedBody(): StreamedBody {
    const spool = this;
    return {
      // Read before the end only when spilled, to tell an empty body from one: it is above the threshold then.
      get size() {
        return spool.received;
      },
      stream() {
        let position = 0;
        return new ReadableStream<Uint8Array>(
          {
            async pull(controller) {
              const chunk = await spool.readAt(position);
              if (chunk === null) return controller.close();
              position += chunk.length;
              controller.enqueue(chunk);
            },
          },
          { highWaterMark: 0 },
        );
      },
    };
  }

  /** The bytes from `position` on, null at the end; waits for bytes still to arrive. */
  async readAt(position: number): Promise<Uint8Array | null> {
    for (;;) {
      if (this.failure) throw this.thrown();
      const held = this.heldAt(position);
      if (held) return held;
      if (position < this.flushed) return this.readFile(position, Math.min(READ_CHUNK, this.flushed - position));
      if (this.complete && position >= this.received) return null;
      await this.changed();
    }
  }

  /**
   * The response is over: release once no reader is left. A handler may answer first (202) and read its
   * body after, as it can with a body put back on the request, so the file stays until it is read.
   */
  releaseWhenIdle(): void {
    this.releaseAsked = true;
    if (this.readers === 0) void this.release();
  }

  /** Registers a reader; the returned function says it is done (ended, destroyed, or its socket closed). */
  addReader(): () => void {
    this.readers += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.readers -= 1;
      if (this.releaseAsked && this.readers === 0) void this.release();
    };
  }

  private thrown(): Error {
    return this.failure === RELEASED ? new Error(RELEASED.message) : (this.failure as Error);
  }

  /** Closes and removes the temp file; idempotent. Later reads fail. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.held = [];
    if (!this.failure) this.fail(RELEASED);
    // Never spilled (every body under the threshold, every GET): no file, nothing to wait for.
    if (!this.file) return;
    await this.writes;
    const handle = await this.file?.catch(() => undefined);
    await handle?.close().catch(() => undefined);
    const path = this.linkedPath;
    if (path !== undefined)
      await nodeBuiltins()
        ?.fs.promises.unlink(path)
        .catch(() => undefined);
  }

  /** Binary search: the held chunks are in offset order, and an in-memory body may be thousands of them. */
  private heldAt(position: number): Uint8Array | undefined {
    let low = 0;
    let high = this.held.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const chunk = this.held[middle] as { offset: number; bytes: Uint8Array };
      if (position < chunk.offset) high = middle - 1;
      else if (position >= chunk.offset + chunk.bytes.length) low = middle + 1;
      else return chunk.bytes.subarray(position - chunk.offset);
    }
    return undefined;
  }

  private spill(): void {
    this.spilled = true;
    this.file = this.openFile();
    // What arrived so far, written from the start in the order it came.
    this.flush();
  }

  private async openFile(): Promise<SpoolFileHandle> {
    const builtins = nodeBuiltins();
    if (!builtins) throw new Error("[hmac-codegen] spooling a body needs node:fs");
    const directory = this.options.directory ?? builtins.tmpdir();
    const path = builtins.join(directory, `hmac-codegen-body-${toHex(defaultCryptoProvider().randomBytes(16))}`);
    // "wx": never an existing file (O_EXCL), readable by this user only: the body is unauthenticated data.
    const handle = await builtins.fs.promises.open(path, "wx+", 0o600);
    // Unlinked at once: the open handle keeps the bytes, the name is gone, a crash leaves nothing behind.
    await builtins.fs.promises.unlink(path).catch(() => {
      this.linkedPath = path;
    });
    return handle;
  }

  /**
   * Writes every held chunk not yet on disk, in one writev per round: one call per 64 KiB socket chunk
   * costs a thread-pool round trip each and held the upload to the disk's small-write speed (measured).
   */
  private flush(): void {
    if (this.flushing) return;
    this.flushing = true;
    this.writes = (async () => {
      try {
        const handle = await this.file;
        while (!this.failure && handle && this.flushed < this.received) {
          const batch = this.held.filter((chunk) => chunk.offset >= this.flushed).map((chunk) => chunk.bytes);
          const length = batch.reduce((sum, bytes) => sum + bytes.length, 0);
          const written = (await handle.writev(batch, this.flushed)).bytesWritten;
          if (written < length) {
            // A short writev (a full disk on the way to ENOSPC): the rest by plain writes, which then throw.
            const rest = concatBytes(batch).subarray(written);
            for (let done = 0; done < rest.length && !this.failure; )
              done += (await handle.write(rest, done, rest.length - done, this.flushed + written + done)).bytesWritten;
          }
          this.flushed += length;
          while (this.held[0] && this.held[0].offset + this.held[0].bytes.length <= this.flushed) this.held.shift();
          this.notify();
        }
      } catch (error) {
        this.fail(error instanceof Error ? error : new Error(String(error)));
      } finally {
        this.flushing = false;
      }
    })();
  }

  private async readFile(position: number, length: number): Promise<Uint8Array> {
    const handle = await this.file;
    if (!handle || this.released) throw new Error("[hmac-codegen] the body's temp file is gone");
    const buffer = new Uint8Array(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    if (bytesRead === 0) throw new Error("[hmac-codegen] the body's temp file ended early");
    return buffer.subarray(0, bytesRead);
  }

  private changed(): Promise<void> {
    return this.change;
  }

  private nextChange(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
    });
  }

  private notify(): void {
    const wake = this.wake;
    this.change = this.nextChange();
    wake?.();
  }
}
