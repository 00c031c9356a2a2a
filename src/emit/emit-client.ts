/**
 * client.ts: `createClient(options)`, an openapi-fetch `Client<SecuredPaths>` (secured-paths.ts: the spec's
 * paths, the verifier's answers among the errors) whose middleware (templates/client) authenticates every
 * request as its operation's `security` says. The file holds only what is specific to the spec (the
 * credential types); the security table is security.ts, the logic the copied template.
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
    {
      moduleSpecifier: "openapi-fetch",
      defaultImport: "createFetchClient",
      namedImports: ["type Client", "type ClientOptions", "type Middleware"],
    },
    {
      moduleSpecifier: "./client/index.js",
      namedImports: [...(model.otherSchemes.some(isBasic) ? ["type BasicCredentials"] : []), "createSigningMiddleware", "SignableRequest"],
    },
    { moduleSpecifier: "./runtime/index.js", isTypeOnly: true, namedImports: ["Credentials", "CryptoProvider"] },
    { moduleSpecifier: "./secured-paths.js", isTypeOnly: true, namedImports: ["SecuredPaths"] },
    { moduleSpecifier: "./schemes.js", namedImports: ["schemes"] },
    { moduleSpecifier: "./security.js", namedImports: ["defaultSecurity", "operationSecurity", "plainSchemes"] },
  ]);

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

  file.addInterface({
    kind: StructureKind.Interface,
    name: "CreateClientOptions",
    isExported: true,
    // `credentials` is ours (the API), so RequestInit's fetch-mode `credentials` is not offered.
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
    returnType: "Client<SecuredPaths>",
    statements: [
      "const { credentials, now, nonce, crypto, middleware = [], ...fetchOptions } = options;",
      "const client = createFetchClient<SecuredPaths>({ ...fetchOptions, Request: SignableRequest });",
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

function describePlain(scheme: OtherScheme): string {
  if (scheme.type === "apiKey") return `apiKey, sent in ${scheme.in ?? "header"} \`${scheme.parameterName ?? ""}\`.`;
  if (isBasic(scheme)) return "http basic: `{ username, password }`.";
  if (scheme.type === "http") return `http ${scheme.httpScheme ?? "bearer"}: the token.`;
  return `${scheme.type}: the access token, sent as a bearer token.`;
}

function isBasic(scheme: OtherScheme): boolean {
  return scheme.type === "http" && scheme.httpScheme === "basic";
}
