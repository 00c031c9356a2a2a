/**
 * client.ts: `createClient(options)`, an openapi-fetch `Client<SecuredPaths>` (secured-paths.ts: the spec's
 * paths, the verifier's answers among the errors) whose middleware (templates/client) authenticates every
 * request as its operation's `security` says. The file holds only what is specific to the spec (the
 * credential types); the security table is security.ts, the body `createSpecClient` in
 * templates/client/spec-client.ts, as server.ts calls `createSpecVerifier`.
 */
import { type SourceFile, StructureKind } from "ts-morph";
import type { ApiModel, OtherScheme } from "../spec/model.js";
import { type GeneratedFile, tsBanner } from "./banner.js";
import { commentText } from "./escape.js";
import { printTs, propertyName } from "./ts-source.js";

export function emitClient(specName: string, model: ApiModel): GeneratedFile {
  const contents = printTs(tsBanner(specName), (file) => buildClient(file, model));
  return { path: "client.ts", contents };
}

function buildClient(file: SourceFile, model: ApiModel): void {
  file.addImportDeclarations([
    { moduleSpecifier: "openapi-fetch", isTypeOnly: true, namedImports: ["Client"] },
    ...(model.otherSchemes.some(isBasic)
      ? [{ moduleSpecifier: "./client/index.js", isTypeOnly: true, namedImports: ["BasicCredentials"] }]
      : []),
    {
      moduleSpecifier: "./client/spec-client.js",
      namedImports: ["type CreateClientOptions as SpecClientOptions", "createSpecClient"],
    },
    ...(model.hmacSchemes.length > 0 ? [{ moduleSpecifier: "./runtime/index.js", isTypeOnly: true, namedImports: ["Credentials"] }] : []),
    { moduleSpecifier: "./secured-paths.js", isTypeOnly: true, namedImports: ["SecuredPaths"] },
    { moduleSpecifier: "./schemes.js", namedImports: ["schemes"] },
    { moduleSpecifier: "./security.js", namedImports: ["defaultSecurity", "operationSecurity", "plainSchemes", "requestMediaTypes"] },
  ]);

  file.addInterface({
    kind: StructureKind.Interface,
    name: "ClientCredentials",
    isExported: true,
    docs: ["Credentials by security-scheme name; each operation uses the first of its alternatives the client has all of."],
    properties: [
      ...model.hmacSchemes.map((scheme) => ({
        name: propertyName(scheme.name),
        hasQuestionToken: true,
        type: "Credentials | undefined",
        docs: [`x-hmac scheme: \`{ keyId, secret }\`, the secret as ${commentText(String(scheme.secretEncoding))} text or key bytes.`],
      })),
      ...model.otherSchemes.map((scheme) => ({
        name: propertyName(scheme.name),
        hasQuestionToken: true,
        type: isBasic(scheme) ? "BasicCredentials | undefined" : "string | undefined",
        docs: [commentText(describePlain(scheme))],
      })),
    ],
  });

  file.addTypeAlias({
    name: "CreateClientOptions",
    isExported: true,
    docs: ["`baseUrl`, `credentials`, `now`, `nonce`, `crypto`, `middleware` and openapi-fetch's other options."],
    type: "SpecClientOptions<ClientCredentials>",
  });

  file.addFunction({
    isExported: true,
    name: "createClient",
    docs: ["A typed openapi-fetch client that authenticates every request as its operation's `security` requires."],
    parameters: [{ name: "options", type: "CreateClientOptions" }],
    returnType: "Client<SecuredPaths>",
    statements: [
      "const security = {",
      "  operations: operationSecurity,",
      "  defaultSecurity,",
      "  hmacSchemes: schemes,",
      "  plainSchemes,",
      "  requestMediaTypes,",
      "};",
      "return createSpecClient<SecuredPaths, ClientCredentials>(security, options);",
    ],
  });
}

function describePlain(scheme: OtherScheme): string {
  if (scheme.type === "apiKey") return `apiKey, sent in ${scheme.in ?? "header"} \`${scheme.parameterName ?? ""}\`.`;
  if (isBasic(scheme)) return "http basic: `{ username, password }`.";
  if (scheme.type === "http") return `http ${scheme.httpScheme ?? "bearer"}: the token.`;
  return `${scheme.type}: the access token, sent as a bearer token.`;
}

function isBasic(scheme: OtherScheme): boolean {
  return scheme.type === "http" && scheme.httpScheme === "basic";
}
