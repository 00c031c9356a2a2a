/**
 * The crypto the core needs: HMAC, a digest and random bytes. `node:crypto` is about 25x faster than
 * Web Crypto for one short HMAC on Node 20 (measured), so it is the default wherever it exists. It is
 * reached through `process.getBuiltinModule` (Node 20.16+, Bun, Deno) rather than an import, so browser
 * bundles never see a `node:` specifier; everywhere else Web Crypto serves. Both give identical bytes.
 */
import type { HashAlgorithm } from "./types.js";

/** The text encodings an implementation may produce itself; base64url unpadded (RFC 4648 §5). */
export type NativeEncoding = "hex" | "base64" | "base64url";

export interface CryptoProvider {
  /** Which implementation runs, for benchmarks and diagnostics. */
  readonly name: string;
  hmac(algorithm: HashAlgorithm, key: Uint8Array, data: Uint8Array): Uint8Array | Promise<Uint8Array>;
  digest(algorithm: HashAlgorithm, data: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /**
   * Optional: the HMAC or digest already encoded, over bytes or a text's UTF-8 bytes. node:crypto encodes
   * text and hex/base64 natively; the byte round trips (TextEncoder in, a Buffer and a JS encoder out) cost
   * about as much as the HMAC of a short string to sign (measured). Callers go through encoded-crypto.ts.
   * A provider built from another (`{ ...nodeCryptoProvider(), hmac: mine }`) must replace or drop these
   * two as well, or they keep answering for the hmac and digest it replaced.
   */
  hmacEncoded?(algorithm: HashAlgorithm, key: Uint8Array, data: Uint8Array | string, encoding: NativeEncoding): string;
  digestEncoded?(algorithm: HashAlgorithm, data: Uint8Array | string, encoding: NativeEncoding): string;
  randomBytes(length: number): Uint8Array;
  /**
   * Digests a stream chunk by chunk, so memory stays bounded. Optional: without it (and under Web Crypto,
   * which has no incremental digest) the chunks are gathered first.
   */
  digestStream?(algorithm: HashAlgorithm, chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array>;
}

/** The slice of `node:crypto` used here, typed structurally so browser projects need no @types/node. */
interface NodeCrypto {
  createHmac(algorithm: string, key: Uint8Array): NodeHash;
  createHash(algorithm: string): NodeHash;
  randomFillSync<T extends Uint8Array>(buffer: T): T;
}

interface NodeHash {
  update(data: Uint8Array | string): NodeHash;
  digest(): Uint8Array;
  digest(encoding: NativeEncoding): string;
}

type BuiltinLoader = { getBuiltinModule?: (id: string) => unknown };

function loadNodeCrypto(): NodeCrypto | undefined {
  const processLike = (globalThis as { process?: BuiltinLoader }).process;
  const loaded = processLike?.getBuiltinModule?.("node:crypto");
  return loaded ? (loaded as NodeCrypto) : undefined;
}

/** Copies into a plain Uint8Array so results compare equal whatever Buffer subclass node returns. */
function plain(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function nodeCryptoProvider(nodeCrypto: NodeCrypto | undefined = loadNodeCrypto()): CryptoProvider {
  if (!nodeCrypto) throw new Error("[hmac-codegen] node:crypto is not available in this runtime");
  return {
    name: "node:crypto",
    hmac: (algorithm, key, data) => plain(nodeCrypto.createHmac(algorithm, key).update(data).digest()),
    digest: (algorithm, data) => plain(nodeCrypto.createHash(algorithm).update(data).digest()),
    // A string goes to OpenSSL as UTF-8, and the digest comes back as text, with no byte round trips.
    hmacEncoded: (algorithm, key, data, encoding) =>
      nodeCrypto.createHmac(algorithm, key).update(data).digest(encoding),
    digestEncoded: (algorithm, data, encoding) => nodeCrypto.createHash(algorithm).update(data).digest(encoding),
    randomBytes: randomBytesFrom(nodeCrypto),
    async digestStream(algorithm, chunks) {
      const hash = nodeCrypto.createHash(algorithm);
      for await (const chunk of chunks) hash.update(chunk);
      return plain(hash.digest());
    },
  };
}

/**
 * Random bytes drawn from a pool refilled 4 KiB at a time: one randomFillSync costs about as much as the
 * HMAC itself, and a client needs a fresh nonce per request. Node's randomUUID() batches the same way.
 * Every byte is handed out once; a request larger than the pool is filled directly.
 */
function randomBytesFrom(nodeCrypto: NodeCrypto): (length: number) => Uint8Array {
  const pool = new Uint8Array(4096);
  let offset = pool.length;
  return (length) => {
    if (length > pool.length) return nodeCrypto.randomFillSync(new Uint8Array(length));
    if (offset + length > pool.length) {
      nodeCrypto.randomFillSync(pool);
      offset = 0;
    }
    const bytes = pool.slice(offset, offset + length);
    pool.fill(0, offset, offset + length);
    offset += length;
    return bytes;
  };
}

const WEB_NAMES: Record<HashAlgorithm, string> = {
  sha1: "SHA-1",
  sha256: "SHA-256",
  sha384: "SHA-384",
  sha512: "SHA-512",
};

/** Web Crypto, for browsers, workers and msw in the browser. Imported keys are cached per secret. */
export function webCryptoProvider(webCrypto: Crypto = globalThis.crypto): CryptoProvider {
  const keys = new Map<string, Promise<CryptoKey>>();
  const importKey = (algorithm: HashAlgorithm, key: Uint8Array): Promise<CryptoKey> => {
    const cacheKey = `${algorithm}:${Array.prototype.join.call(key, ",")}`;
    let imported = keys.get(cacheKey);
    if (!imported) {
      if (keys.size >= 64) keys.clear();
      imported = webCrypto.subtle.importKey(
        "raw",
        key as Uint8Array<ArrayBuffer>,
        { name: "HMAC", hash: WEB_NAMES[algorithm] },
        false,
        ["sign"],
      );
      keys.set(cacheKey, imported);
    }
    return imported;
  };
  return {
    name: "web-crypto",
    async hmac(algorithm, key, data) {
      const cryptoKey = await importKey(algorithm, key);
      return new Uint8Array(await webCrypto.subtle.sign("HMAC", cryptoKey, data as Uint8Array<ArrayBuffer>));
    },
    async digest(algorithm, data) {
      return new Uint8Array(await webCrypto.subtle.digest(WEB_NAMES[algorithm], data as Uint8Array<ArrayBuffer>));
    },
    randomBytes: (length) => webCrypto.getRandomValues(new Uint8Array(length)),
  };
}

let defaultProvider: CryptoProvider | undefined;

/** node:crypto where the runtime has it, Web Crypto elsewhere; chosen once. */
export function defaultCryptoProvider(): CryptoProvider {
  if (!defaultProvider) {
    const nodeCrypto = loadNodeCrypto();
    defaultProvider = nodeCrypto ? nodeCryptoProvider(nodeCrypto) : webCryptoProvider();
  }
  return defaultProvider;
}
