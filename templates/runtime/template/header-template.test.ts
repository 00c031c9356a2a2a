/** Header templates such as "{algorithm} {keyId};{signature};{timestamp}": rendering, strict parsing, algorithm labels. */
import { describe, expect, it } from "vitest";
import {
  algorithmFromLabel,
  algorithmLabel,
  MAX_CARRIER_LENGTH,
  parseTemplate,
  renderTemplate,
} from "./header-template.js";

describe("parseTemplate / renderTemplate", () => {
  const djangoHmac = "{algorithm} {keyId};{signature};{timestamp}";

  it("round-trips django_hmac_authentication's Authorization header", () => {
    const values = {
      algorithm: "HMAC-SHA512",
      keyId: "key-1",
      signature: "c2ln+/==",
      timestamp: "2023-05-07T14:15:37.862000+00:00",
    };
    const rendered = renderTemplate(djangoHmac, values);
    expect(rendered).toBe("HMAC-SHA512 key-1;c2ln+/==;2023-05-07T14:15:37.862000+00:00");
    expect(parseTemplate(djangoHmac, rendered)).toEqual(values);
  });

  it("parses prefixes and plain signatures", () => {
    expect(parseTemplate("{signature}", "abc")).toEqual({ signature: "abc" });
    expect(parseTemplate("sha256={signature}", "sha256=abc")).toEqual({ signature: "abc" });
    expect(renderTemplate("sha256={signature}", { signature: "abc" })).toBe("sha256=abc");
    expect(renderTemplate(djangoHmac, { signature: "s" })).toBe(" ;s;"); // missing values render empty
  });

  it("rejects text without the template's shape", () => {
    expect(parseTemplate("sha256={signature}", "sha1=abc")).toBeUndefined();
    expect(parseTemplate("sha256={signature}", "sha256=")).toBeUndefined(); // empty placeholder
    expect(parseTemplate("{signature}", "")).toBeUndefined();
    expect(parseTemplate("{signature};", "abc;x")).toBeUndefined(); // trailing data
    expect(parseTemplate(djangoHmac, "HMAC-SHA512 key;sig")).toBeUndefined();
    expect(parseTemplate(djangoHmac, "HMAC-SHA512key;sig;ts")).toBeUndefined();
    expect(parseTemplate(djangoHmac, " key;sig;ts")).toBeUndefined();
    expect(parseTemplate(djangoHmac, "HMAC-SHA512 ;sig;ts")).toBeUndefined();
  });

  it("splits each placeholder at the first character of the next literal (no backtracking)", () => {
    expect(parseTemplate(djangoHmac, "HMAC-SHA512 k;x;sig;ts")).toEqual({
      algorithm: "HMAC-SHA512",
      keyId: "k",
      signature: "x",
      timestamp: "sig;ts",
    });
  });

  it("refuses overlong input before doing any work", () => {
    expect(parseTemplate("{signature}", "a".repeat(MAX_CARRIER_LENGTH))).toEqual({
      signature: "a".repeat(MAX_CARRIER_LENGTH),
    });
    expect(parseTemplate("{signature}", "a".repeat(MAX_CARRIER_LENGTH + 1))).toBeUndefined();
    expect(parseTemplate(djangoHmac, `HMAC-SHA512 k;${"s".repeat(1_000_000)}`)).toBeUndefined();
  });

  it("algorithm labels", () => {
    expect(algorithmLabel("sha512")).toBe("HMAC-SHA512");
    expect(algorithmFromLabel("HMAC-SHA256")).toBe("sha256");
    expect(algorithmFromLabel("hmac-sha256")).toBeUndefined();
    expect(algorithmFromLabel("HMAC-MD5")).toBeUndefined();
    expect(algorithmFromLabel("toString")).toBeUndefined();
  });
});
