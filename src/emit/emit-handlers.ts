/**
 * handlers.ts: typed operation handlers. `Handlers` has one function per operation, typed from schema.ts
 * (params, body, responses); `createRouter(verifier, handlers)` is a fetch handler that verifies each
 * request per its operation's `security` before calling the user's function. The user's implementation
 * lives in the user's own file, so regenerating never overwrites it.
 */
import { type SourceFile, StructureKind, VariableDeclarationKind } from "ts-morph";
import type { ApiModel, Operation } from "../spec/model.js";
import { type GeneratedFile, tsBanner } from "./banner.js";
import { printTs, propertyName } from "./ts-source.js";
import { printEntry } from "./ts-value.js";

export function emitHandlers(specName: string, model: ApiModel): GeneratedFile {
  return { path: "handlers.ts", contents: printTs(tsBanner(specName), (file, raw) => buildHandlers(file, model, raw)) };
}

/**
 * operationId where it is unique, else `METHOD /path`: a stable key the user's object literal can use.
 * An operationId may itself read `GET /d` (issue 17), so a fallback name an operationId already holds gets
 * a number (`GET /d (2)`): the spec's own names never change, and no two operations share a key, which
 * would be a duplicate property (a compile error) and send two operations to one handler.
 */
export function handlerNames(operations: readonly Operation[]): string[] {
  const counts = new Map<string, number>();
  for (const operation of operations) {
    if (operation.operationId) counts.set(operation.operationId, (counts.get(operation.operationId) ?? 0) + 1);
  }
  const own = operations.map((operation) =>
    operation.operationId && counts.get(operation.operationId) === 1 ? operation.operationId : undefined,
  );
  const taken = new Set(own.filter((name) => name !== undefined));
  return operations.map((operation, index) => {
    const name = own[index];
    if (name !== undefined) return name;
    const fallback = `${operation.method} ${operation.path}`;
    let unique = fallback;
    for (let suffix = 2; taken.has(unique); suffix++) unique = `${fallback} (${suffix})`;
    taken.add(unique);
    return unique;
  });
}

function buildHandlers(file: SourceFile, model: ApiModel, raw: (text: string) => string): void {
  const names = handlerNames(model.operations);
  file.addImportDeclarations([
    { moduleSpecifier: "./schema.js", isTypeOnly: true, namedImports: ["paths"] },
    {
      moduleSpecifier: "./server/index.js",
      namedImports: ["createOperationRouter", "type OperationAuth", "type OperationTable", "type TypedHandlers", "type Verifier"],
    },
  ]);
  file.addInterface({
    kind: StructureKind.Interface,
    name: "Operations",
    isExported: true,
    docs: ["Every operation of the spec by handler name, as openapi-typescript types it."],
    properties: model.operations.map((operation, index) => ({
      name: propertyName(names[index] ?? ""),
      type: `paths[${JSON.stringify(operation.path)}][${JSON.stringify(operation.method.toLowerCase())}]`,
    })),
  });
  file.addInterface({
    kind: StructureKind.Interface,
    name: "OperationAuths",
    isExported: true,
    docs: ["What each handler's `auth` holds: its operation's key and one of its security alternatives, by the spec's names."],
    properties: model.operations.map((operation, index) => ({
      name: propertyName(names[index] ?? ""),
      type: operationAuthType(propertyName(names[index] ?? ""), operation, new Set(model.hmacSchemes.map((scheme) => scheme.name))),
    })),
  });
  file.addTypeAlias({
    isExported: true,
    name: "Handlers",
    docs: ["Your implementation: one function per operation, with typed params, body, response and auth."],
    type: "TypedHandlers<Operations, OperationAuths>",
  });
  const rows = model.operations.map((operation, index) =>
    printEntry(
      propertyName(names[index] ?? ""),
      {
        key: `${operation.method} ${operation.path}`,
        parameters: operation.parameters,
        ...(operation.requestBody ? { body: operation.requestBody } : {}),
      },
      2,
    ),
  );
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    leadingTrivia: "\n",
    docs: ["Each handler's operation, the parameters the router turns back into typed values, and the body it accepts."],
    declarations: [{ name: "operationTable", type: "OperationTable", initializer: rows.length ? raw(`{\n${rows.join("\n")}\n}`) : "{}" }],
  });
  file.addFunction({
    isExported: true,
    name: "createRouter",
    docs: [
      "A fetch handler `(request) => Response` that verifies each request, then calls its operation's handler. " +
        'From node:http or Express: `nodeRouter(createRouter(...))` (`app.use("/v1", ...)` keeps the mount path); Fastify: `app.register(fastifyRouter(createRouter(...)))`.',
    ],
    parameters: [
      { name: "verifier", type: "Verifier" },
      { name: "handlers", type: "Handlers" },
    ],
    returnType: "(request: Request) => Promise<Response>",
    statements: ["return createOperationRouter(verifier, operationTable, handlers);"],
  });
  file.addExportDeclaration({
    leadingTrivia: "\n",
    moduleSpecifier: "./server/index.js",
    namedExports: ["fastifyRouter", "nodeRouter"],
  });
}

/**
 * `OperationAuth<"METHOD /path", ...>`: one member per security alternative, as the verifier reports the one
 * that held: its schemes in spec order, and the first x-hmac scheme among them (undefined where none is).
 * A public operation holds the empty alternative.
 */
function operationAuthType(property: string, operation: Operation, hmacNames: ReadonlySet<string>): string {
  const alternatives = operation.security.length === 0 ? [[]] : operation.security;
  const members = alternatives.map((alternative) => {
    const scheme = alternative.find((name) => hmacNames.has(name));
    const schemes = alternative.map((name) => JSON.stringify(name)).join(", ");
    return `{ schemes: readonly [${schemes}]; scheme: ${scheme === undefined ? "undefined" : JSON.stringify(scheme)} }`;
  });
  const key = JSON.stringify(`${operation.method} ${operation.path}`);
  const unique = [...new Set(members)];
  const oneLine = `OperationAuth<${key}, ${unique.join(" | ")}>`;
  // The property is printed at two spaces, `name: type;`: past 120 columns, one argument (and union member) a line.
  if (2 + property.length + 2 + oneLine.length + 1 <= 120) return oneLine;
  const union = unique.length === 1 ? `    ${unique[0]}` : unique.map((member) => `    | ${member}`).join("\n");
  return `OperationAuth<\n    ${key},\n${union}\n  >`;
}
