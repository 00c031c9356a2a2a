/** SignableRequest: a Request that remembers its body init, and that any Request passes for (openapi-fetch's instanceof check). */
import { afterEach, describe, expect, it, vi } from "vitest";
import { bodySourceOf, SignableRequest } from "./signable-request.js";
import { BASE, pattern } from "./signing.test-support.js";
import { wireBody } from "./wire-body.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("SignableRequest", () => {
  const post = (body: BodyInit): RequestInit => ({ method: "POST", body });

  it("bodySourceOf is the init body exactly as given", () => {
    const blob = new Blob(["x"]);
    const view = pattern(8).subarray(2);
    expect(bodySourceOf(new SignableRequest(`${BASE}/`, post(blob)))).toBe(blob);
    expect(bodySourceOf(new SignableRequest(`${BASE}/`, post(view)))).toBe(view);
    expect(bodySourceOf(new SignableRequest(`${BASE}/`, post("s")))).toBe("s");
    expect(bodySourceOf(new SignableRequest(`${BASE}/`))).toBeUndefined();
    expect(bodySourceOf(new SignableRequest(`${BASE}/`, { method: "POST", body: null }))).toBeUndefined();
  });

  it("a plain Request is instanceof SignableRequest, has no body source, and is read from a clone", async () => {
    const plain = new Request(`${BASE}/items`, post('{"a":1}'));
    expect(plain instanceof SignableRequest).toBe(true);
    expect(new SignableRequest(`${BASE}/`) instanceof Request).toBe(true);
    expect(({ url: "x" } as unknown) instanceof SignableRequest).toBe(false);
    expect(("x" as unknown) instanceof SignableRequest).toBe(false);
    expect(bodySourceOf(plain)).toBeUndefined();

    const clone = vi.spyOn(Request.prototype, "clone");
    expect(await wireBody(plain)).toEqual(new TextEncoder().encode('{"a":1}'));
    expect(clone).toHaveBeenCalledTimes(1);
    expect(plain.bodyUsed).toBe(false);
    expect(await plain.text()).toBe('{"a":1}');
  });
});
