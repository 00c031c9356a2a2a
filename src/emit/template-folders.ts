/**
 * The template folders copied verbatim into the output, under the same names, so their relative
 * imports (`../runtime/index.js`) hold without rewriting (DESIGN §2).
 */
export const TEMPLATE_FOLDERS = [
  "runtime",
  "runtime/template",
  "runtime/rfc9421",
  "runtime/sigv4",
  "runtime/webhook",
  "client",
  "server",
  "mocks",
] as const;

/**
 * Files under templates/ that stay in this repository: tests (`*.test.ts`, `*.test-d.ts`) and the helpers
 * they share (`*.test-support.ts`, which import hmac-codegen itself). Never embedded, built or packed.
 */
export function isTestOnlyTemplate(fileName: string): boolean {
  return /\.test(-d|-support)?\.ts$/.test(fileName);
}
