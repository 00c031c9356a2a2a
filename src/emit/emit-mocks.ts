/**
 * mocks.ts: `createHandlers(options)`, msw 2 handlers for every operation that verify each intercepted
 * request with the generated server's verifier, then answer with a typed override or the canned response
 * (the spec's example, or deterministic sample data computed here, so the file is the same every run).
 */
import { type SourceFile, StructureKind, VariableDeclarationKind } from "ts-morph";
import { cannedResponse } from "../mock/mock-responses.js";
import type { ApiModel } from "../spec/model.js";
import { type GeneratedFile, tsBanner } from "./banner.js";
import { handlerNames } from "./emit-handlers.js";
import { printTs, propertyName } from "./ts-source.js";
import { printEntry } from "./ts-value.js";

export function emitMocks(specName: string, model: ApiModel): GeneratedFile {
  return { path: "mocks.ts", contents: printTs(tsBanner(specName), (file, raw) => buildMocks(file, model, raw)) };
}

function buildMocks(file: SourceFile, model: ApiModel, raw: (text: string) => string): void {
  const names = handlerNames(model.operations);
  file.addImportDeclarations([
    { moduleSpecifier: "msw", isTypeOnly: true, namedImports: ["HttpHandler"] },
    { moduleSpecifier: "./handlers.js", namedImports: ["type Handlers", "operationTable"] },
    { moduleSpecifier: "./mocks/index.js", namedImports: ["createMockHandlersFor", "type MockResponses"] },
    { moduleSpecifier: "./server.js", namedImports: ["createVerifier"] },
    { moduleSpecifier: "./server/index.js", isTypeOnly: true, namedImports: ["VerifierOptions"] },
  ]);
  const rows = model.operations.map((operation, index) => {
    const canned = cannedResponse(model.document, operation.path, operation.method);
    return printEntry(propertyName(names[index] ?? ""), canned, 2);
  });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["Each operation's canned success response: the spec's example, or sample data valid against its schema."],
    declarations: [{ name: "mockResponses", type: "MockResponses", initializer: rows.length ? raw(`{\n${rows.join("\n")}\n}`) : "{}" }],
  });
  file.addInterface({
    kind: StructureKind.Interface,
    name: "CreateHandlersOptions",
    isExported: true,
    extends: ["VerifierOptions"],
    properties: [
      {
        name: "overrides",
        hasQuestionToken: true,
        type: "Partial<Handlers> | undefined",
        docs: ["Typed answers for some operations (an error path, a specific body); they see the verified key id and the parsed request."],
      },
      {
        name: "baseUrl",
        hasQuestionToken: true,
        type: "string | undefined",
        docs: ["Only intercept this origin (and path prefix); default: any origin."],
      },
    ],
  });
  file.addFunction({
    isExported: true,
    name: "createHandlers",
    docs: ["msw handlers for every operation; each verifies the request exactly as the generated server does."],
    parameters: [{ name: "options", type: "CreateHandlersOptions" }],
    returnType: "HttpHandler[]",
    statements: [
      "const { overrides = {}, baseUrl, ...verifierOptions } = options;",
      "const basePath = baseUrl ? new URL(baseUrl).pathname : undefined;",
      "const verifier = createVerifier({ ...verifierOptions, basePath: verifierOptions.basePath ?? basePath });",
      "return createMockHandlersFor(verifier, operationTable, mockResponses, overrides, baseUrl);",
    ],
  });
}
