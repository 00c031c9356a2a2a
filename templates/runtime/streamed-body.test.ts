/**
 * Bodies given as a stream (a Blob, or any `{ size, stream() }`): signing and verifying them gives the
 * same signature as the same bytes given whole, for every preset, whichever crypto provider runs and
 * however the stream is chunked; node:crypto digests the stream incrementally.
 */
import { describe, expect, it, vi } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { PRESET_NAMES, type PresetName } from "../../src/scheme/profiles/template/presets.js";
import { presetScheme } from "../../test/support/preset-scheme.js";
import { chunksOf, isStreamedBody, readAll } from "./body-hash.js";
import { type CryptoProvider, nodeCryptoProvider, webCryptoProvider } from "./crypto-provider.js";
import { type Credentials, SigningError, type SignOptions, signRequest } from "./sign.js";
import { MalformedJsonError } from "./template/python-json.js";
import { signedBody } from "./template/signed-body.js";
import type { HashAlgorithm, HmacScheme, RequestDescription, StreamedBody } from "./types.js";
import { verifyRequest } from "./verify.js";

const ALGORITHMS: HashAlgorithm[] = ["sha1", "sha256", "sha384", "sha512"];
const NONCE = "00112233445566778899aabbccddeeff";
const encoder = new TextEncoder();

/** A JSON body every preset can sign, python-compact included; spaces and non-ASCII so re-serialising matters. */
const JSON_BODY = encoder.encode(
  '{"title": "caf\u00e9 \u{1f600}", "tags": ["a", "b"], "n": 1.5, "ok": true, "none": null}',
);

function credentialsFor(scheme: HmacScheme): Credentials {
  return { keyId: TEST_KEY_ID, secret: TEST_SECRETS[scheme.secretEncoding] };
}

function signOptions(crypto?: CryptoProvider): SignOptions {
  return { now: () => TEST_NOW_MS, nonce: () => NONCE, crypto };
}

function request(body: RequestDescription["body"]): RequestDescription {
  return { method: "POST", url: "/api/items/?b=2&a=1", headers: { "content-type": "application/json" }, body };
}

/** A StreamedBody whose stream() hands out the bytes in pieces of `chunkSize`, counting its calls. */
function chunkedBody(bytes: Uint8Array, chunkSize: number): StreamedBody & { streams: number; chunks: number } {
  const body = {
    size: bytes.length,
    streams: 0,
    chunks: 0,
    stream(): ReadableStream<Uint8Array> {
      body.streams++;
      let offset = 0;
      return new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            if (offset >= bytes.length) {
              controller.close();
              return;
            }
            // A copy, so no chunk shares a buffer with the source or with another chunk.
            controller.enqueue(bytes.slice(offset, offset + chunkSize));
            body.chunks++;
            offset += chunkSize;
          },
        },
        { highWaterMark: 0 },
      );
    },
  };
  return body;
}

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function* iterate(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  return Uint8Array.from(chunks.flatMap((chunk) => Array.from(chunk)));
}

function pattern(length: number, seed = 5): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  for (let index = 0; index < length; index++) out[index] = (index * 131 + seed) & 0xff;
  return out;
}

/** node:crypto without digestStream: the path a provider lacking it (or Web Crypto) takes. */
function withoutDigestStream(): CryptoProvider {
  const node = nodeCryptoProvider();
  return { name: "node-no-stream", hmac: node.hmac, digest: node.digest, randomBytes: node.randomBytes };
}

/** node:crypto with spies on digest and digestStream. */
function spiedNode() {
  const node = nodeCryptoProvider();
  const digest = vi.fn(node.digest);
  const digestStream = vi.fn((algorithm: HashAlgorithm, chunks: AsyncIterable<Uint8Array>) => {
    if (!node.digestStream) throw new Error("node:crypto has no digestStream");
    return node.digestStream(algorithm, chunks);
  });
  const provider: CryptoProvider = {
    name: "spied",
    hmac: node.hmac,
    digest,
    randomBytes: node.randomBytes,
    digestStream,
  };
  return { provider, digest, digestStream };
}

async function digestStreamOf(provider: CryptoProvider, algorithm: HashAlgorithm, chunks: AsyncIterable<Uint8Array>) {
  if (!provider.digestStream) throw new Error(`${provider.name} has no digestStream`);
  return provider.digestStream(algorithm, chunks);
}

function verifyOptions(scheme: HmacScheme, crypto?: CryptoProvider) {
  return { resolveKey: () => TEST_SECRETS[scheme.secretEncoding], now: () => TEST_NOW_MS, crypto };
}

/** The headers and URL a signature produced, as the request a server receives, with the given body. */
function received(
  signed: { url: string; headers: Record<string, string> },
  body: RequestDescription["body"],
): RequestDescription {
  return { method: "POST", url: signed.url, headers: { "content-type": "application/json", ...signed.headers }, body };
}

// ---------------------------------------------------------------------------------------------------
describe("isStreamedBody", () => {
  it("tells a stream source from bytes", () => {
    expect(isStreamedBody(new Uint8Array(3))).toBe(false);
    expect(isStreamedBody(Buffer.from("abc"))).toBe(false);
    expect(isStreamedBody(new Blob(["abc"]))).toBe(true);
    expect(isStreamedBody(chunkedBody(pattern(4), 2))).toBe(true);
    expect(isStreamedBody({ size: 3, stream: "not a function" } as unknown as StreamedBody)).toBe(false);
    expect(isStreamedBody({ size: 3 } as unknown as StreamedBody)).toBe(false);
  });
});

describe("chunksOf and readAll", () => {
  it("chunksOf yields each chunk in order and releases the reader", async () => {
    const chunks = [encoder.encode("ab"), encoder.encode(""), encoder.encode("cde")];
    const stream = streamOf(chunks);
    const seen: Uint8Array[] = [];
    for await (const chunk of chunksOf(stream)) seen.push(chunk);
    expect(seen).toEqual(chunks);
    expect(stream.locked).toBe(false);
  });

  it("chunksOf releases the reader when the consumer stops early", async () => {
    const stream = streamOf([encoder.encode("a"), encoder.encode("b"), encoder.encode("c")]);
    for await (const chunk of chunksOf(stream)) {
      expect(chunk).toEqual(encoder.encode("a"));
      break;
    }
    expect(stream.locked).toBe(false);
    // The rest is still there for another reader.
    expect(await readAll(stream)).toEqual(encoder.encode("bc"));
  });

  it("chunksOf passes a stream error on", async () => {
    let sent = false;
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          controller.enqueue(encoder.encode("x"));
          sent = true;
        } else controller.error(new Error("disk gone"));
      },
    });
    await expect(readAll(failing)).rejects.toThrow("disk gone");
  });

  it("readAll concatenates many chunks", async () => {
    const bytes = pattern(10_007);
    expect(Buffer.from(await readAll(chunkedBody(bytes, 97).stream())).equals(bytes)).toBe(true);
    expect(await readAll(streamOf([pattern(3, 1), pattern(4, 2), pattern(1, 3)]))).toEqual(
      concat([pattern(3, 1), pattern(4, 2), pattern(1, 3)]),
    );
  });

  it("readAll of an empty stream is zero bytes, of one chunk that chunk", async () => {
    expect(await readAll(streamOf([]))).toEqual(new Uint8Array(0));
    expect(await readAll(new Blob([]).stream())).toEqual(new Uint8Array(0));
    const only = pattern(16);
    expect(await readAll(streamOf([only]))).toBe(only);
  });
});

// ---------------------------------------------------------------------------------------------------
describe("signedBody with a stream", () => {
  it("hashes a stream with digestStream, never gathering it, when only the hash is signed", async () => {
    const scheme = presetScheme("nextcloud-drf");
    const bytes = pattern(100_000);
    const { provider, digest, digestStream } = spiedNode();
    const streamed = await signedBody(scheme, { method: "POST", body: chunkedBody(bytes, 1000) }, "sha256", provider);
    expect(digestStream).toHaveBeenCalledTimes(1);
    expect(digest).not.toHaveBeenCalled();
    expect(streamed.bytes).toEqual(new Uint8Array(0));
    const whole = await signedBody(scheme, { method: "POST", body: bytes }, "sha256", provider);
    expect(streamed.hash).toBe(whole.hash);
    expect(streamed.hash).toBe(Buffer.from(await nodeCryptoProvider().digest("sha256", bytes)).toString("hex"));
  });

  it("reads the bytes when the scheme signs the body itself or re-serialises JSON", async () => {
    for (const preset of ["django-api-key", "django-api-signing", "django-hmac-authentication"] as const) {
      const scheme = presetScheme(preset);
      const body = chunkedBody(JSON_BODY, 7);
      const streamed = await signedBody(scheme, { method: "POST", body: body }, scheme.algorithm, nodeCryptoProvider());
      const whole = await signedBody(
        scheme,
        { method: "POST", body: JSON_BODY },
        scheme.algorithm,
        nodeCryptoProvider(),
      );
      expect(streamed, preset).toEqual(whole);
      expect(body.streams, preset).toBe(1);
    }
    // python-compact signs the re-serialised JSON, not the bytes as sent.
    const compact = await signedBody(
      presetScheme("django-hmac-authentication"),
      { method: "POST", body: new Blob([JSON_BODY]) },
      "sha512",
      nodeCryptoProvider(),
    );
    expect(new TextDecoder().decode(compact.bytes)).toBe(
      '{"title":"caf\\u00e9 \\ud83d\\ude00","tags":["a","b"],"n":1.5,"ok":true,"none":null}',
    );
  });

  it("does not open the stream when the scheme signs nothing of the body", async () => {
    const base = presetScheme("nextcloud-drf");
    const scheme: HmacScheme = {
      ...base,
      stringToSign: { components: ["method", "path", "timestamp"], separator: "\n" },
    };
    const body = chunkedBody(pattern(50), 10);
    expect(await signedBody(scheme, { method: "POST", body: body }, "sha256", nodeCryptoProvider())).toEqual({
      bytes: new Uint8Array(0),
      hash: undefined,
    });
    expect(body.streams).toBe(0);
  });

  it("an empty stream is an empty body: hashed or left out as the scheme says, without opening it", async () => {
    const nextcloud = presetScheme("nextcloud-drf");
    const empty = chunkedBody(new Uint8Array(0), 1);
    const hashed = await signedBody(nextcloud, { method: "POST", body: empty }, "sha256", nodeCryptoProvider());
    // sha256 of the empty string.
    expect(hashed.hash).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(empty.streams).toBe(0);

    const django = presetScheme("django-hmac-authentication");
    expect(await signedBody(django, { method: "POST", body: new Blob([]) }, "sha512", nodeCryptoProvider())).toEqual({
      bytes: new Uint8Array(0),
      hash: "",
    });
  });

  it("a body python-compact cannot parse fails as it does given whole", async () => {
    const scheme = presetScheme("django-hmac-authentication");
    await expect(
      signedBody(scheme, { method: "POST", body: new Blob(["not json"]) }, "sha512", nodeCryptoProvider()),
    ).rejects.toBeInstanceOf(MalformedJsonError);
    await expect(
      signRequest(scheme, request(new Blob(["not json"])), credentialsFor(scheme), signOptions()),
    ).rejects.toBeInstanceOf(SigningError);
    const signed = await signRequest(scheme, request(JSON_BODY), credentialsFor(scheme), signOptions());
    expect(await verifyRequest(scheme, received(signed, new Blob(["not json"])), verifyOptions(scheme))).toMatchObject({
      ok: false,
      reason: "malformed_body",
    });
  });
});

// ---------------------------------------------------------------------------------------------------
describe("signRequest and verifyRequest with a streamed body", () => {
  const providers: Array<[string, () => CryptoProvider]> = [
    ["node:crypto", () => nodeCryptoProvider()],
    ["web crypto", () => webCryptoProvider()],
    ["node:crypto without digestStream", withoutDigestStream],
  ];

  for (const preset of PRESET_NAMES) {
    describe(preset, () => {
      const scheme = presetScheme(preset as PresetName);

      it("a Blob signs exactly as the same bytes", async () => {
        const whole = await signRequest(scheme, request(JSON_BODY), credentialsFor(scheme), signOptions());
        const blob = await signRequest(scheme, request(new Blob([JSON_BODY])), credentialsFor(scheme), signOptions());
        expect(blob.signature).toBe(whole.signature);
        expect(blob.headers).toEqual(whole.headers);
        expect(blob.url).toBe(whole.url);
        expect(blob.stringToSign.bytes).toEqual(whole.stringToSign.bytes);
      });

      it("a Blob verifies, and a different Blob does not", async () => {
        const signed = await signRequest(scheme, request(JSON_BODY), credentialsFor(scheme), signOptions());
        expect(
          await verifyRequest(scheme, received(signed, new Blob([JSON_BODY])), verifyOptions(scheme)),
        ).toMatchObject({
          ok: true,
        });
        const other = encoder.encode('{"title": "tea"}');
        expect(await verifyRequest(scheme, received(signed, new Blob([other])), verifyOptions(scheme))).toMatchObject({
          ok: false,
          reason: "bad_signature",
        });
        // And the other way round: signed from a Blob, verified over the bytes.
        const fromBlob = await signRequest(
          scheme,
          request(new Blob([JSON_BODY])),
          credentialsFor(scheme),
          signOptions(),
        );
        expect(await verifyRequest(scheme, received(fromBlob, JSON_BODY), verifyOptions(scheme))).toMatchObject({
          ok: true,
        });
      });

      it("an empty Blob signs as no body and as zero bytes", async () => {
        const none = await signRequest(scheme, request(undefined), credentialsFor(scheme), signOptions());
        const zero = await signRequest(scheme, request(new Uint8Array(0)), credentialsFor(scheme), signOptions());
        const blob = await signRequest(scheme, request(new Blob([])), credentialsFor(scheme), signOptions());
        expect(zero.signature).toBe(none.signature);
        expect(blob.signature).toBe(none.signature);
        expect(await verifyRequest(scheme, received(blob, new Blob([])), verifyOptions(scheme))).toMatchObject({
          ok: true,
        });
        expect(await verifyRequest(scheme, received(blob, undefined), verifyOptions(scheme))).toMatchObject({
          ok: true,
        });
      });

      it("a stream of many small chunks signs as the bytes whole", async () => {
        const whole = await signRequest(scheme, request(JSON_BODY), credentialsFor(scheme), signOptions());
        for (const chunkSize of [1, 3, 64]) {
          const body = chunkedBody(JSON_BODY, chunkSize);
          const chunked = await signRequest(scheme, request(body), credentialsFor(scheme), signOptions());
          expect(chunked.signature, `chunks of ${chunkSize}`).toBe(whole.signature);
          expect(body.chunks).toBe(Math.ceil(JSON_BODY.length / chunkSize));
          expect(
            await verifyRequest(scheme, received(whole, chunkedBody(JSON_BODY, chunkSize)), verifyOptions(scheme)),
          ).toMatchObject({
            ok: true,
          });
        }
      });

      for (const [label, provider] of providers) {
        it(`gives the same signature with ${label}`, async () => {
          const reference = await signRequest(
            scheme,
            request(JSON_BODY),
            credentialsFor(scheme),
            signOptions(nodeCryptoProvider()),
          );
          const crypto = provider();
          const blob = await signRequest(
            scheme,
            request(new Blob([JSON_BODY])),
            credentialsFor(scheme),
            signOptions(crypto),
          );
          const chunked = await signRequest(
            scheme,
            request(chunkedBody(JSON_BODY, 5)),
            credentialsFor(scheme),
            signOptions(crypto),
          );
          expect(blob.signature).toBe(reference.signature);
          expect(chunked.signature).toBe(reference.signature);
          expect(
            await verifyRequest(scheme, received(reference, new Blob([JSON_BODY])), verifyOptions(scheme, crypto)),
          ).toMatchObject({
            ok: true,
          });
        });
      }
    });
  }

  it("a multi-megabyte Blob streams through digestStream and signs as its bytes", async () => {
    const scheme = presetScheme("nextcloud-drf-base64");
    const bytes = pattern(5 * 1024 * 1024 + 123);
    const blob = new Blob([bytes.subarray(0, 1_000_000), bytes.subarray(1_000_000)]);
    expect(blob.size).toBe(bytes.length);
    const { provider, digest, digestStream } = spiedNode();
    const streamed = await signRequest(scheme, request(blob), credentialsFor(scheme), signOptions(provider));
    expect(digestStream).toHaveBeenCalledTimes(1);
    expect(digest).not.toHaveBeenCalled();
    const whole = await signRequest(scheme, request(bytes), credentialsFor(scheme), signOptions());
    expect(streamed.signature).toBe(whole.signature);
    for (const crypto of [webCryptoProvider(), withoutDigestStream()]) {
      const gathered = await signRequest(scheme, request(blob), credentialsFor(scheme), signOptions(crypto));
      expect(gathered.signature, crypto.name).toBe(whole.signature);
    }
    expect(await verifyRequest(scheme, received(streamed, blob), verifyOptions(scheme))).toMatchObject({ ok: true });
  });

  it("verifyRequest hashes a stream with the algorithm the request names (django-hmac-authentication)", async () => {
    const scheme = presetScheme("django-hmac-authentication");
    for (const algorithm of scheme.acceptedAlgorithms) {
      const signed = await signRequest(scheme, request(new Blob([JSON_BODY])), credentialsFor(scheme), {
        ...signOptions(),
        algorithm,
      });
      const whole = await signRequest(scheme, request(JSON_BODY), credentialsFor(scheme), {
        ...signOptions(),
        algorithm,
      });
      expect(signed.signature, algorithm).toBe(whole.signature);
      expect(
        await verifyRequest(scheme, received(signed, chunkedBody(JSON_BODY, 4)), verifyOptions(scheme)),
      ).toMatchObject({
        ok: true,
        algorithm,
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------------
describe("nodeCryptoProvider().digestStream", () => {
  const chunks = [
    pattern(1, 1),
    pattern(0),
    pattern(63, 2),
    pattern(64, 3),
    pattern(1000, 4),
    encoder.encode("caf\u00e9"),
  ];

  it("equals digest over the concatenation, for every algorithm", async () => {
    const node = nodeCryptoProvider();
    for (const algorithm of ALGORITHMS) {
      const streamed = await digestStreamOf(node, algorithm, iterate(chunks));
      expect(streamed, algorithm).toEqual(await node.digest(algorithm, concat(chunks)));
      expect(streamed, algorithm).toEqual(await webCryptoProvider().digest(algorithm, concat(chunks)));
    }
  });

  it("of no chunks is the digest of the empty string", async () => {
    expect(Buffer.from(await digestStreamOf(nodeCryptoProvider(), "sha256", iterate([]))).toString("hex")).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });

  it("takes a ReadableStream's chunks and returns a plain Uint8Array", async () => {
    const streamed = await digestStreamOf(nodeCryptoProvider(), "sha512", chunksOf(streamOf(chunks)));
    expect(Object.getPrototypeOf(streamed)).toBe(Uint8Array.prototype);
    expect(streamed).toHaveLength(64);
    expect(streamed).toEqual(await nodeCryptoProvider().digest("sha512", concat(chunks)));
  });

  it("Web Crypto has no digestStream (it has no incremental digest)", () => {
    expect(webCryptoProvider().digestStream).toBeUndefined();
  });
});
