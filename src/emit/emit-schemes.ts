/**
 * schemes.ts: each resolved x-hmac scheme as data for the runtime, so application code can sign or
 * verify with exactly what the spec declares:
 *   import { schemes } from "./generated/schemes.js"; await signRequest(schemes.partnerHmac, request, credentials);
 * Printed like the other tables (ts-value.ts): bare keys, short arrays on one line, within PRINT_WIDTH.
 */
import { type SourceFile, VariableDeclarationKind } from "ts-morph";
import type { SigningScheme } from "../../templates/runtime/types.js";
import { type GeneratedFile, tsBanner } from "./banner.js";
import { stringLiteral } from "./escape.js";
import { printTs } from "./ts-source.js";
import { PRINT_WIDTH, printEntries } from "./ts-value.js";

export function emitSchemes(specName: string, schemes: readonly SigningScheme[]): GeneratedFile {
  return { path: "schemes.ts", contents: printTs(tsBanner(specName), (file, raw) => buildSchemes(file, schemes, raw)) };
}

function buildSchemes(file: SourceFile, schemes: readonly SigningScheme[], raw: (text: string) => string): void {
  file.addImportDeclaration({ moduleSpecifier: "./runtime/index.js", isTypeOnly: true, namedImports: ["SigningScheme"] });
  const names = schemes.map((scheme) => stringLiteral(scheme.name));
  const union = names.join(" | ") || "never";
  file.addTypeAlias({
    isExported: true,
    name: "HmacSchemeName",
    docs: ["The names of the spec's x-hmac security schemes."],
    // One name per line when they do not fit after `export type HmacSchemeName = `, as the formatter breaks a union.
    type: union.length + 31 <= PRINT_WIDTH ? union : raw(names.map((name) => `\n  | ${name}`).join("")),
  });
  const table = Object.fromEntries(schemes.map((scheme) => [scheme.name, scheme]));
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["Every x-hmac security scheme of the spec, resolved (preset and defaults applied)."],
    declarations: [
      {
        name: "schemes",
        type: "Readonly<Record<HmacSchemeName, SigningScheme>>",
        initializer: schemes.length === 0 ? "{}" : raw(`{\n${printEntries(table, 2)}\n}`),
      },
    ],
  });
}
