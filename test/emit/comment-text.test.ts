/** Spec text in generated comments is data: it cannot close the comment or end the line. */
import { describe, expect, it } from "vitest";
import { commentText } from "../../src/emit/comment-text.js";

describe("commentText", () => {
  it.each([
    ["x */ globalThis.pwned = 1; /**", "x *\\/ globalThis.pwned = 1; /**"],
    ["line\nglobalThis.pwned = 1", "line globalThis.pwned = 1"],
    ["a\u2028b\u2029c\r\nd", "a b c d"],
    ["bell\u0007", "bell"],
  ])("%j stays inside its comment", (text, expected) => {
    expect(commentText(text)).toBe(expected);
    expect(commentText(text)).not.toMatch(/\*\/|[\n\r\u2028\u2029]/);
  });
});
