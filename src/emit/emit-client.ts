/**
 * client.ts: `createClient(options)`, an openapi-fetch `Client<paths>` whose middleware (templates/client)
 * authenticates every request as its operation's `security` says. The file holds only what is specific to
 * the spec (the security table, the credential types); the logic is the copied template.
 */
import { type SourceFile, StructureKind, VariableDeclarationKind } from "ts-morph";
import type { ApiModel, OtherScheme } from "../spec/model.js";
import type { GeneratedFile } from "./banner.js";
import { tsBanner } from "./banner.js";
import { printTs, propertyName, tsLiteral } from "./ts-source.js";

export function emitClient(specName: string, model: ApiModel): GeneratedFile {
  const contents = printTs(tsBanner(specName), (file) => buildClient(file, model));
  return { path: "client.ts", contents };
}

function buildClient(file: SourceFile, model: ApiModel): void {
  file.addImportDeclarations([
    {
      moduleSpecifier: "openapi-fetch",
      defaultImport: "createFetchClient",
      namedImports: ["type Client", "type ClientOptions", "type Middleware"],
    },
    {
      moduleSpecifier: "./client/index.js",
      namedImports: [
        ...(model.otherSchemes.some(isBasic) ? ["type BasicCredentials"] : []),
        "createSigningMiddleware",
        "type OperationSecurity",
        "type PlainScheme",
        "type SecurityAlternatives",
        "SignableRequest",
      ],
    },
    { moduleSpecifier: "./runtime/index.js", isTypeOnly: true, namedImports: ["Credentials", "CryptoProvider"] },
    { moduleSpecifier: "./schema.js", isTypeOnly: true, namedImports: ["paths"] },
    { moduleSpecifier: "./schemes.js", namedImports: ["schemes"] },
  ]);

  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["Security alternatives per operation (OpenAPI 3.1 §4.8.30): each a set of schemes that must all hold; `[]` is public."],
    declarations: [{ name: "operationSecurity", type: "OperationSecurity", initializer: operationTable(model) }],
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
    docs: ["The spec's security schemes that are not x-hmac, sent as the spec declares them."],
    declarations: [
      { name: "plainSchemes", type: "Readonly<Record<string, PlainScheme>>", initializer: plainSchemeTable(model.otherSchemes) },
    ],
  });

  file.addInterface({
    kind: StructureKind.Interface,
    name: "ClientCredentials",
    isExported: true,
    docs: ["Credentials by security-scheme name. The client uses the first alternative of an operation that it has all of."],
    properties: [
      ...model.hmacSchemes.map((scheme) => ({
        name: propertyName(scheme.name),
        hasQuestionToken: true,
        type: "Credentials | undefined",
        docs: [`x-hmac scheme: \`{ keyId, secret }\`, the secret as ${scheme.secretEncoding} text or key bytes.`],
      })),
      ...model.otherSchemes.map((scheme) => ({
        name: propertyName(scheme.name),
        hasQuestionToken: true,
        type: isBasic(scheme) ? "BasicCredentials | undefined" : "string | undefined",
        docs: [describePlain(scheme)],
      })),
    ],
  });

  file.addInterface({
    kind: StructureKind.Interface,
    name: "CreateClientOptions",
    isExported: true,
    // `credentials` is ours (the issue's API), so RequestInit's fetch-mode `credentials` is not offered.
    extends: ['Omit<ClientOptions, "baseUrl" | "Request" | "credentials">'],
    properties: [
      { name: "baseUrl", type: "string", docs: ["The server's base URL, e.g. `https://api.example.com`."] },
      { name: "credentials", type: "ClientCredentials" },
      {
        name: "now",
        hasQuestionToken: true,
        type: "(() => number) | undefined",
        docs: ["Milliseconds since the epoch; defaults to Date.now (tests pin it)."],
      },
      {
        name: "nonce",
        hasQuestionToken: true,
        type: "(() => string) | undefined",
        docs: ["A nonce source; defaults to random bytes from the crypto provider."],
      },
      {
        name: "crypto",
        hasQuestionToken: true,
        type: "CryptoProvider | undefined",
        docs: ["HMAC, digest and random bytes; defaults to node:crypto where it exists, else Web Crypto."],
      },
      {
        name: "middleware",
        hasQuestionToken: true,
        type: "Middleware[] | undefined",
        docs: ["Middleware that runs before signing, so the signature covers what it changes. `client.use()` adds middleware after it."],
      },
    ],
  });

  file.addFunction({
    isExported: true,
    name: "createClient",
    docs: ["A typed openapi-fetch client that authenticates every request as its operation's `security` requires."],
    parameters: [{ name: "options", type: "CreateClientOptions" }],
    returnType: "Client<paths>",
    statements: [
      "const { credentials, now, nonce, crypto, middleware = [], ...fetchOptions } = options;",
      "const client = createFetchClient<paths>({ ...fetchOptions, Request: SignableRequest });",
      "const signing = createSigningMiddleware({",
      "  operations: operationSecurity,",
      "  defaultSecurity,",
      "  hmacSchemes: schemes,",
      "  plainSchemes,",
      "  // An interface is not assignable to an index signature; a spread copy is.",
      "  credentials: { ...credentials },",
      "  now,",
      "  nonce,",
      "  crypto,",
      "});",
      "client.use(...middleware, signing);",
      "return client;",
    ],
  });
}

function operationTable(model: ApiModel): string {
  const rows = model.operations.map(
    (operation) => `  ${JSON.stringify(`${operation.method} ${operation.path}`)}: ${tsLiteral(operation.security)},`,
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

function describePlain(scheme: OtherScheme): string {
  if (scheme.type === "apiKey") return `apiKey, sent in ${scheme.in ?? "header"} \`${scheme.parameterName ?? ""}\`.`;
  if (isBasic(scheme)) return "http basic: `{ username, password }`.";
  if (scheme.type === "http") return `http ${scheme.httpScheme ?? "bearer"}: the token.`;
  return `${scheme.type}: the access token, sent as a bearer token.`;
}

function isBasic(scheme: OtherScheme): boolean {
  return scheme.type === "http" && scheme.httpScheme === "basic";
}
