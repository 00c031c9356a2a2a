/** wireBody: the exact bytes a Request sends, for each BodyInit, read without consuming the body the fetch will send. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { SignableRequest } from "./signable-request.js";
import { BASE, bytesOf, expectSameBytes, pattern, text } from "./signing.test-support.js";
import { wireBody } from "./wire-body.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("wireBody", () => {
  const post = (body: BodyInit): RequestInit => ({ method: "POST", body });

  it("a string body: the UTF-8 bytes the Request sends, and the body is still readable", async () => {
    const body = '{"name":"Zo\u00eb","emoji":"\u{1f600}"}';
    const request = new SignableRequest(`${BASE}/items`, post(body));
    const wire = await wireBody(request);
    expect(wire).toBeInstanceOf(Uint8Array);
    expect(wire).toEqual(await bytesOf(new Request(`${BASE}/items`, post(body))));
    expect(request.bodyUsed).toBe(false);
    expect(await request.text()).toBe(body);
  });

  it("an empty string body gives zero bytes, not undefined", async () => {
    const request = new SignableRequest(`${BASE}/items`, post(""));
    expect(await wireBody(request)).toEqual(new Uint8Array(0));
  });

  it("an ArrayBuffer body", async () => {
    const bytes = pattern(300);
    const buffer = bytes.slice().buffer;
    const request = new SignableRequest(`${BASE}/upload`, post(buffer));
    const wire = await wireBody(request);
    expect(wire).toEqual(await bytesOf(new Request(`${BASE}/upload`, post(bytes.slice().buffer))));
    expect(wire).toEqual(bytes);
    expect(await bytesOf(request)).toEqual(bytes);
  });

  it("a Uint8Array view with a byteOffset: exactly the viewed bytes", async () => {
    const backing = pattern(64);
    const view = backing.subarray(5, 23);
    expect(view.byteOffset).toBe(5);
    const request = new SignableRequest(`${BASE}/upload`, post(view));
    const wire = await wireBody(request);
    expect(wire).toBeInstanceOf(Uint8Array);
    expect((wire as Uint8Array).byteLength).toBe(18);
    expect(wire).toEqual(await bytesOf(new Request(`${BASE}/upload`, post(view))));
    expect(wire).toEqual(backing.slice(5, 23));
    expect(await bytesOf(request)).toEqual(backing.slice(5, 23));
  });

  it("a DataView with a byteOffset", async () => {
    const backing = pattern(40);
    const view = new DataView(backing.buffer, 3, 10);
    const request = new SignableRequest(`${BASE}/upload`, post(view));
    expect(await wireBody(request)).toEqual(backing.slice(3, 13));
    expect(await bytesOf(request)).toEqual(backing.slice(3, 13));
  });

  it("a Blob body: the very Blob, for streaming; the request body is untouched", async () => {
    const blob = new Blob([pattern(1000)], { type: "application/octet-stream" });
    const request = new SignableRequest(`${BASE}/upload`, post(blob));
    const clone = vi.spyOn(Request.prototype, "clone");
    expect(await wireBody(request)).toBe(blob);
    expect(clone).not.toHaveBeenCalled();
    expect(request.bodyUsed).toBe(false);
    expect(await bytesOf(request)).toEqual(pattern(1000));
  });

  it("a FormData body: the bytes of the request itself, boundary included", async () => {
    const form = new FormData();
    form.append("title", "r\u00e9sum\u00e9");
    form.append("file", new Blob(["file-content"], { type: "text/plain" }), "a.txt");
    const request = new SignableRequest(`${BASE}/upload`, post(form));
    const wire = await wireBody(request);
    expect(wire).toBeInstanceOf(Uint8Array);
    const sent = await bytesOf(request);
    expect(wire).toEqual(sent);
    const boundary = /boundary=(.+)$/.exec(request.headers.get("content-type") ?? "")?.[1];
    expect(boundary).toBeDefined();
    expect(text(sent)).toContain(`--${boundary}`);
    expect(text(sent)).toContain("file-content");
  });

  it("a URLSearchParams body", async () => {
    const params = (): URLSearchParams =>
      new URLSearchParams([
        ["q", "a b&c"],
        ["q", "\u00e9"],
      ]);
    const request = new SignableRequest(`${BASE}/search`, post(params()));
    const wire = await wireBody(request);
    expect(wire).toEqual(await bytesOf(new Request(`${BASE}/search`, post(params()))));
    expect(text(wire as Uint8Array)).toBe("q=a+b%26c&q=%C3%A9");
    expect(await request.text()).toBe("q=a+b%26c&q=%C3%A9");
  });

  it("no body: undefined", async () => {
    expect(await wireBody(new SignableRequest(`${BASE}/items`))).toBeUndefined();
    expect(await wireBody(new Request(`${BASE}/items`, { method: "DELETE" }))).toBeUndefined();
  });

  it("a SignableRequest with a string body is not cloned", async () => {
    const request = new SignableRequest(`${BASE}/items`, post("abc"));
    const clone = vi.spyOn(Request.prototype, "clone");
    await wireBody(request);
    expect(clone).not.toHaveBeenCalled();
  });

  it("a plain Request with a stream body is read from a clone and still sends every byte", async () => {
    const chunks = ["one,", "two,", "three"];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    const request = new Request(`${BASE}/upload`, { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect(text((await wireBody(request)) as Uint8Array)).toBe("one,two,three");
    expect(await request.text()).toBe("one,two,three");
  });
  it("regression: signs the bytes sent when the caller changes a buffer after building the Request", async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const request = new SignableRequest(`${BASE}/x`, { method: "POST", body: bytes });
    bytes[0] = 9;
    expectSameBytes(await wireBody(request), new Uint8Array([1, 2, 3]));
  });
});
