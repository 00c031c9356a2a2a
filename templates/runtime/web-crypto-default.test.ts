import { describe, expect, it } from "vitest";
import { nodeCryptoProvider } from "./crypto-provider.js";
import { webCryptoDefault } from "./web-crypto-default.js";

describe("webCryptoDefault", () => {
  it("is Web Crypto even where node:crypto exists, chosen once", () => {
    expect(webCryptoDefault().name).toBe("web-crypto");
    expect(webCryptoDefault()).toBe(webCryptoDefault());
  });

  it("gives node:crypto's bytes", async () => {
    const key = new TextEncoder().encode("secret");
    const data = new TextEncoder().encode("GET\n/api/v1/forecast/\n");
    expect(await webCryptoDefault().hmac("sha256", key, data)).toEqual(nodeCryptoProvider().hmac("sha256", key, data));
  });
});
