/**
 * security.ts: what the spec says about authentication, as data shared by client.ts and server.ts: the
 * security alternatives of every operation, the document default, and the non-x-hmac schemes; and the
 * request media types the client writes bodies as (what it signs). A file of its own so a server bundle
 * does not import the client (and openapi-fetch).
 */
import { type SourceFile, VariableDeclarationKind } from "ts-morph";
import type { ApiModel, OtherScheme } from "../spec/model.js";
import { type GeneratedFile, tsBanner } from "./banner.js";
import { stringLiteral } from "./escape.js";
import { printTs, propertyName, tsLiteral } from "./ts-source.js";
import { printEntry } from "./ts-value.js";

export function emitSecurity(specName: string, model: ApiModel): GeneratedFile {
  return { path: "security.ts", contents: printTs(tsBanner(specName), (file, raw) => buildSecurity(file, model, raw)) };
}

function buildSecurity(file: SourceFile, model: ApiModel, raw: (text: string) => string): void {
  file.addImportDeclarations([
    {
      moduleSpecifier: "./client/index.js",
      isTypeOnly: true,
      namedImports: ["OperationSecurity", "PlainScheme", "RequestMediaTypes", "SecurityAlternatives"],
    },
  ]);
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["Security alternatives per operation (OpenAPI 3.1 §4.8.30): each a set of schemes that must all hold; `[]` is public."],
    declarations: [{ name: "operationSecurity", type: "OperationSecurity", initializer: raw(operationTable(model)) }],
  });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    leadingTrivia: "\n",
    docs: ["The document's default `security`, for a path the table does not list."],
    declarations: [{ name: "defaultSecurity", type: "SecurityAlternatives", initializer: tsLiteral(model.defaultSecurity) }],
  });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    leadingTrivia: "\n",
    docs: ["The path of every `servers` URL (variables expanded), longest first: the prefixes the verifier strips."],
    declarations: [{ name: "basePaths", type: "readonly string[]", initializer: tsLiteral(model.basePaths) }],
  });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    leadingTrivia: "\n",
    docs: ["The spec's security schemes that are not x-hmac, sent as the spec declares them."],
    declarations: [
      { name: "plainSchemes", type: "Readonly<Record<string, PlainScheme>>", initializer: plainSchemeTable(model.otherSchemes) },
    ],
  });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    leadingTrivia: "\n",
    docs: ["Request body media types per operation, in spec order: the client writes a body as the first JSON one, else the first."],
    declarations: [{ name: "requestMediaTypes", type: "RequestMediaTypes", initializer: raw(mediaTypeTable(model)) }],
  });
}

function mediaTypeTable(model: ApiModel): string {
  const rows = model.operations.flatMap((operation) =>
    operation.requestBody
      ? [`  ${JSON.stringify(`${operation.method} ${operation.path}`)}: ${tsLiteral(operation.requestBody.mediaTypes)},`]
      : [],
  );
  return rows.length === 0 ? "{}" : `{\n${rows.join("\n")}\n}`;
}

function operationTable(model: ApiModel): string {
  const rows = model.operations.map((operation) =>
    printEntry(stringLiteral(`${operation.method} ${operation.path}`), operation.security, 2),
  );
  return rows.length === 0 ? "{}" : `{\n${rows.join("\n")}\n}`;
}

function plainSchemeTable(schemes: readonly OtherScheme[]): string {
  const rows = schemes.flatMap((scheme) => {
    const value = plainScheme(scheme);
    return value ? [`  ${propertyName(scheme.name)}: ${value},`] : [];
  });
  return rows.length === 0 ? "{}" : `{\n${rows.join("\n")}\n}`;
}

function plainScheme(scheme: OtherScheme): string | undefined {
  if (scheme.type === "apiKey") return tsLiteral({ type: "apiKey", in: scheme.in ?? "header", name: scheme.parameterName ?? "" });
  if (scheme.type === "http") return tsLiteral({ type: "http", scheme: scheme.httpScheme ?? "bearer" });
  if (scheme.type === "oauth2" || scheme.type === "openIdConnect") return tsLiteral({ type: scheme.type });
  return undefined;
}
