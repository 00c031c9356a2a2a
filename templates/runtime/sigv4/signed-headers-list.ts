/**
 * The SignedHeaders value as received: lower-case header names, sorted, without repeats, joined by `;`
 * (AWS IAM User Guide, "Create a canonical request"). A list in any other form was not written by a
 * SigV4 signer, so it is refused rather than repaired.
 */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

export function parseSignedHeaders(value: string): string[] | undefined {
  const names = value.split(";");
  for (let i = 0; i < names.length; i++) {
    const name = names[i] ?? "";
    if (!HEADER_NAME.test(name)) return undefined;
    if (i > 0 && !((names[i - 1] ?? "") < name)) return undefined;
  }
  return names;
}
