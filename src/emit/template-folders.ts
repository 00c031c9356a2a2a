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
