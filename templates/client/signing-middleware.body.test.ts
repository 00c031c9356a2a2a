/**
 * What the signing middleware reads of a body and what it sends: a Blob hashed as a stream, no read at all
 * when the scheme does not cover the body, and the body carried intact into the new Request a
 * query-carried apiKey needs (openapi-fetch requires a new Request when the URL changes).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { HmacScheme } from "../runtime/index.js";
import { SignableRequest } from "./signable-request.js";
import { BASE, bytesOf, described, expectSameBytes, hmac, pattern, sign, verify } from "./signing.test-support.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("signing middleware: bodies", () => {
  it("signs a Blob body from the Blob as a stream, and the bytes still go out", async () => {
    const payload = pattern(200_000, 3);
    const blob = new Blob([payload]);
    const request = new SignableRequest(`${BASE}/items`, { method: "POST", body: blob });
    const clone = vi.spyOn(Request.prototype, "clone");
    const stream = vi.spyOn(blob, "stream");
    const signed = await sign(request, "/items");
    expect(clone).not.toHaveBeenCalled();
    expect(stream).toHaveBeenCalled();
    const description = await described(signed);
    expectSameBytes(description.body, payload);
    expect(await verify(hmac, description)).toMatchObject({ ok: true });
  });

  it("a scheme without a body component never reads the body, and the body is sent unchanged", async () => {
    const headerOnly: HmacScheme = {
      ...hmac,
      stringToSign: { components: ["method", "path", "query", "timestamp", "nonce"], separator: "\n" },
    };
    const overrides = { hmacSchemes: { hmac: headerOnly } };

    // A Blob body: neither cloned nor streamed by the middleware.
    const blob = new Blob([pattern(5000)]);
    const fromBlob = new SignableRequest(`${BASE}/items`, { method: "POST", body: blob });
    const clone = vi.spyOn(Request.prototype, "clone");
    const stream = vi.spyOn(blob, "stream");
    const arrayBuffer = vi.spyOn(blob, "arrayBuffer");
    const signedBlob = await sign(fromBlob, "/items", overrides);
    expect(clone).not.toHaveBeenCalled();
    expect(stream).not.toHaveBeenCalled();
    expect(arrayBuffer).not.toHaveBeenCalled();
    expect(signedBlob.headers.get("x-signature")).not.toBeNull();
    expect(await verify(headerOnly, { ...(await described(signedBlob)), body: undefined })).toMatchObject({ ok: true });
    expect(await bytesOf(signedBlob)).toEqual(pattern(5000));

    // A stream body on a plain Request: not drained before it is sent.
    clone.mockClear();
    const chunkCount = 20;
    let pulls = 0;
    const source = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          controller.enqueue(new TextEncoder().encode(`chunk-${pulls};`));
          pulls++;
          if (pulls === chunkCount) controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const fromStream = new Request(`${BASE}/items`, { method: "POST", body: source, duplex: "half" } as RequestInit);
    const signedStream = await sign(fromStream, "/items", overrides);
    expect(clone).not.toHaveBeenCalled();
    expect(pulls).toBeLessThan(chunkCount);
    const expected = Array.from({ length: chunkCount }, (_, index) => `chunk-${index};`).join("");
    expect(await signedStream.text()).toBe(expected);
    expect(pulls).toBe(chunkCount);
  });

  it("a query-carried apiKey gives a new Request with the key once-encoded and the Blob body intact", async () => {
    const payload = pattern(70_000, 11);
    const blob = new Blob([payload], { type: "application/octet-stream" });
    const abort = new AbortController();
    const request = new SignableRequest(`${BASE}/items/7/upload?mode=full`, {
      method: "PUT",
      body: blob,
      signal: abort.signal,
      headers: { "x-trace": "t1" },
    });
    const signed = await sign(request, "/items/{id}/upload", {
      operations: { "PUT /items/{id}/upload": [["apiKeyQuery", "hmac"]] },
    });
    expect(signed).not.toBe(request);
    expect(signed.method).toBe("PUT");
    expect(signed.url).toBe(`${BASE}/items/7/upload?mode=full&api_key=a%20b%26c`);
    expect(signed.url).not.toContain("%25");
    expect(signed.headers.get("x-trace")).toBe("t1");
    expect(signed.headers.get("content-type")).toBe("application/octet-stream");
    expect(signed.headers.get("x-signature")).toMatch(/^[0-9a-f]{64}$/);

    const description = await described(signed);
    expectSameBytes(description.body, payload);
    expect(await verify(hmac, description)).toMatchObject({ ok: true });
    // The key is covered: a swapped key breaks the signature.
    expect(await verify(hmac, { ...description, url: signed.url.replace("a%20b%26c", "other") })).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });

    abort.abort();
    expect(signed.signal.aborted).toBe(true);
  });

  it("a query-carried apiKey on a plain Request re-sends the bytes read from the clone", async () => {
    const body = '{"a":"\u00fc"}';
    const signed = await sign(new Request(`${BASE}/items/7/upload`, { method: "POST", body }), "/items/{id}/upload");
    expect(signed.url).toBe(`${BASE}/items/7/upload?api_key=a%20b%26c`);
    expect(signed.headers.get("content-type")).toBe("text/plain;charset=UTF-8");
    expect(await signed.clone().text()).toBe(body);
    expect(await verify(hmac, await described(signed))).toMatchObject({ ok: true });
  });
});
