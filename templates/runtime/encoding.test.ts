/** Known answers for the digest and secret encodings (hex, HEX, base64, base64url: RFC 4648 §4-5) and their strict decoders. */
import { describe, expect, it } from "vitest";
import {
  decodeDigest,
  decodeSecret,
  encodeDigest,
  fromBase64,
  fromBase64Url,
  fromHex,
  toBase64,
  toBase64Url,
  toHex,
  utf8,
} from "./encoding.js";

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const text = (value: Uint8Array | undefined): string | undefined =>
  value ? new TextDecoder().decode(value) : undefined;

describe("encoding", () => {
  it("hex: lower-case out, either case in, strict length and alphabet", () => {
    expect(toHex(bytes(0, 1, 0x0f, 0xab, 0xff))).toBe("00010fabff");
    expect(encodeDigest(bytes(0xab, 0xcd), "HEX")).toBe("ABCD");
    expect(fromHex("00010FabFF")).toEqual(bytes(0, 1, 0x0f, 0xab, 0xff));
    expect(fromHex("")).toEqual(bytes());
    expect(fromHex("abc")).toBeUndefined();
    expect(fromHex("zz")).toBeUndefined();
    expect(fromHex("ab cd")).toBeUndefined();
    expect(fromHex("0x12")).toBeUndefined();
    expect(fromHex("abcd\n")).toBeUndefined();
  });

  it("base64: RFC 4648 §4 with padding", () => {
    expect(toBase64(utf8("hello"))).toBe("aGVsbG8=");
    expect(toBase64(utf8("hell"))).toBe("aGVsbA==");
    expect(toBase64(bytes())).toBe("");
    expect(text(fromBase64("aGVsbG8="))).toBe("hello");
    expect(fromBase64("")).toEqual(bytes());
    expect(fromBase64("QQ==")).toEqual(bytes(0x41));
    expect(fromBase64("+/8=")).toEqual(bytes(0xfb, 0xff));
  });

  it("base64: rejects bad padding, non-canonical trailing bits, whitespace and the url alphabet", () => {
    for (const bad of [
      "aGVsbG8", // padding missing
      "aGVsbG8==", // too much padding
      "aGVsbA=", // short padding
      "aGVs=bG8", // padding in the middle
      "=aGV",
      "QR==", // non-canonical: decodes like "QQ==" in lenient decoders
      "aGVsbG9=", // non-canonical final character
      "aGVs bG8=",
      " aGVsbG8=",
      "aGVsbG8=\n",
      "aGVs\tbG8=",
      "-_8=", // base64url alphabet
      "aGVsbG8===",
    ]) {
      expect(fromBase64(bad), bad).toBeUndefined();
    }
  });

  it("base64url: unpadded, url alphabet, canonical", () => {
    expect(toBase64Url(bytes(0xfb, 0xff))).toBe("-_8");
    expect(toBase64Url(utf8("hello"))).toBe("aGVsbG8");
    expect(encodeDigest(bytes(0xfb, 0xff), "base64url")).toBe("-_8");
    expect(fromBase64Url("-_8")).toEqual(bytes(0xfb, 0xff));
    expect(text(fromBase64Url("aGVsbG8"))).toBe("hello");
    expect(fromBase64Url("")).toEqual(bytes());
    for (const bad of ["aGVsbG8=", "+/8", "A", "QR", "aGVs bG8", "aGVsbG9"]) {
      expect(fromBase64Url(bad), bad).toBeUndefined();
    }
  });

  it("decodeDigest dispatches on the scheme's encoding", () => {
    expect(decodeDigest("ABCD", "hex")).toEqual(bytes(0xab, 0xcd));
    expect(decodeDigest("abcd", "HEX")).toEqual(bytes(0xab, 0xcd));
    expect(decodeDigest("q80=", "base64")).toEqual(bytes(0xab, 0xcd));
    expect(decodeDigest("q80", "base64url")).toEqual(bytes(0xab, 0xcd));
    expect(decodeDigest("q80", "base64")).toBeUndefined();
    expect(decodeDigest("q80=", "base64url")).toBeUndefined();
  });

  it("decodeSecret: text in the configured encoding, or raw bytes as they are", () => {
    expect(decodeSecret("abc", "utf8")).toEqual(utf8("abc"));
    expect(decodeSecret("café", "utf8")).toEqual(bytes(0x63, 0x61, 0x66, 0xc3, 0xa9));
    expect(decodeSecret("aGVsbG8=", "base64")).toEqual(utf8("hello"));
    expect(decodeSecret("aGVsbG8", "base64")).toBeUndefined();
    expect(decodeSecret("ABcd", "hex")).toEqual(bytes(0xab, 0xcd));
    expect(decodeSecret("abc", "hex")).toBeUndefined();
    const raw = bytes(1, 2, 3);
    expect(decodeSecret(raw, "base64")).toBe(raw);
  });
});
