/**
 * schemes.ts: each resolved x-hmac scheme as data for the runtime, so application code can sign or
 * verify with exactly what the spec declares:
 *   import { schemes } from "./generated/schemes.js"; await signRequest(schemes.partnerHmac, request, credentials);
 */
import type { SigningScheme } from "../../templates/runtime/types.js";
import { type GeneratedFile, tsBanner } from "./banner.js";

export function emitSchemes(specName: string, schemes: readonly SigningScheme[]): GeneratedFile {
  const entries = schemes.map((scheme) => `  ${JSON.stringify(scheme.name)}: ${indent(JSON.stringify(scheme, null, 2))},`);
  const names = schemes.map((scheme) => JSON.stringify(scheme.name)).join(" | ") || "never";
  const contents = `${tsBanner(specName)}import type { SigningScheme } from "./runtime/index.js";

/** The names of the spec's x-hmac security schemes. */
export type HmacSchemeName = ${names};

/** Every x-hmac security scheme of the spec, resolved (preset and defaults applied). */
export const schemes: Readonly<Record<HmacSchemeName, SigningScheme>> = {
${entries.join("\n")}
};
`;
  return { path: "schemes.ts", contents };
}

function indent(json: string): string {
  return json.replace(/\n/g, "\n  ");
}
