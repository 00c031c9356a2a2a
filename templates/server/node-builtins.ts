/**
 * The slices of node:fs, node:os, node:path and node:stream the node:http adapter's body spool uses,
 * typed structurally and reached through `process.getBuiltinModule` (Node 20.16+), as the runtime reaches
 * node:crypto: generated projects type-check without @types/node, and the same folder serves browsers.
 */

/**
 * fs.promises.FileHandle: positioned reads and writes (pread/pwrite), so readers and the writer never share an offset.
 */
export interface SpoolFileHandle {
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  writev(buffers: Uint8Array[], position: number): Promise<{ bytesWritten: number }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

export interface NodeFileSystem {
  promises: {
    open(path: string, flags: string, mode: number): Promise<SpoolFileHandle>;
    unlink(path: string): Promise<void>;
  };
}

/** The options of `new stream.Readable()` this adapter passes. */
export interface ReadableOptions {
  highWaterMark?: number;
  read(this: unknown, size: number): void;
}

export interface NodeStreamModule {
  Readable: {
    prototype: object;
    call(target: object, options: ReadableOptions): unknown;
  };
}

export interface NodeBuiltins {
  fs: NodeFileSystem;
  tmpdir(): string;
  join(...parts: string[]): string;
  stream: NodeStreamModule;
}

type BuiltinLoader = { getBuiltinModule?: (id: string) => unknown };

let loaded: NodeBuiltins | null | undefined;

/** The builtins, or undefined outside Node (the adapter then keeps every body in memory: no temp-file spooling). */
export function nodeBuiltins(): NodeBuiltins | undefined {
  if (loaded === undefined) {
    const processLike = (globalThis as { process?: BuiltinLoader }).process;
    const load = (id: string): unknown => processLike?.getBuiltinModule?.(id);
    const fs = load("node:fs") as NodeFileSystem | undefined;
    const os = load("node:os") as { tmpdir(): string } | undefined;
    const path = load("node:path") as { join(...parts: string[]): string } | undefined;
    const stream = load("node:stream") as NodeStreamModule | undefined;
    loaded =
      fs && os && path && stream
        ? { fs, tmpdir: () => os.tmpdir(), join: (...parts) => path.join(...parts), stream }
        : null;
  }
  return loaded ?? undefined;
}
