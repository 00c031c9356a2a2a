/**
 * Spec text placed inside a generated comment is data, never code: a `*​/` in `info.title` must not close
 * the JSDoc it sits in (and run the rest on import), nor a line break end a `//` comment. Line breaks
 * (including U+2028/U+2029, which JavaScript also ends lines at) become spaces, `*​/` becomes `*\/`, and
 * other control characters are dropped.
 */
export function commentText(text: string): string {
  return (
    text
      .replace(/[\r\n\u2028\u2029]+/g, " ")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
      .replace(/\*\//g, "*\\/")
  );
}
