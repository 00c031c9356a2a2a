/**
 * runtime/profiles.ts for one spec: the profiles its schemes use, re-exported from their folders, and a
 * stand-in (runtime/unused-profile.ts) for each other one, so the import closure of the output leaves their
 * folders out (a template-scheme client carries no RFC 9421 or SigV4 code, a SigV4 one no template code).
 */
import type { SigningScheme } from "../../templates/runtime/types.js";
import { type GeneratedFile, tsBanner } from "./banner.js";

const EXPORTS = {
  template: { folder: "template", names: ["signTemplate", "verifyTemplate"] },
  rfc9421: { folder: "rfc9421", names: ["signRfc9421", "verifyRfc9421"] },
  "aws-sigv4": { folder: "sigv4", names: ["presignSigV4", "sigV4CanonicalQuery", "signSigV4", "verifySigV4"] },
} as const;

export const PROFILES_PATH = "runtime/profiles.ts";

export function emitProfiles(specName: string, schemes: readonly SigningScheme[]): GeneratedFile {
  const used = new Set<string>(schemes.map((scheme) => scheme.profile ?? "template"));
  const lines: string[] = ["/** The profiles this spec's schemes use; the others are stand-ins that no scheme reaches. */"];
  const unused: string[] = [];
  for (const [profile, { folder, names }] of Object.entries(EXPORTS)) {
    if (used.has(profile)) lines.push(`export { ${names.join(", ")} } from "./${folder}/index.js";`);
    else for (const name of names) unused.push(`export const ${name} = (..._arguments: unknown[]): never => unusedProfile("${profile}");`);
  }
  if (unused.length > 0) lines.splice(1, 0, 'import { unusedProfile } from "./unused-profile.js";');
  const contents = [...lines, ...(unused.length > 0 ? ["", ...unused] : [])].join("\n");
  return { path: PROFILES_PATH, contents: `${tsBanner(specName)}${contents}\n` };
}
