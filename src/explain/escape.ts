/**
 * Makes invisible bytes visible: the string to sign is where `\n` versus `\r\n`, a trailing space or a
 * stray tab hides, so every control character is printed as an escape (seeds 000 and 004: the strings
 * "looked the same").
 */
export function escapeVisible(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (char === "\\") out += "\\\\";
    else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code === 0xfeff || code === 0x200b) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += char;
  }
  return out;
}
