/**
 * server.ts: `createVerifier(options)` bound to the spec's security (security.ts, schemes.ts), and the
 * adapters from server/ re-exported, so an application imports one file:
 *   import { createVerifier, honoVerification } from "./generated/api/server.js";
 */
import type { SourceFile } from "ts-morph";
import type { ApiModel } from "../spec/model.js";
import { type GeneratedFile, tsBanner } from "./banner.js";
import { commentText } from "./escape.js";
import { printTs } from "./ts-source.js";

export function emitServer(specName: string, model: ApiModel): GeneratedFile {
  return { path: "server.ts", contents: printTs(tsBanner(specName), (file) => buildServer(file, model)) };
}

function buildServer(file: SourceFile, model: ApiModel): void {
  file.addImportDeclarations([
    { moduleSpecifier: "./schemes.js", namedImports: ["schemes"] },
    { moduleSpecifier: "./security.js", namedImports: ["basePaths", "defaultSecurity", "operationSecurity", "plainSchemes"] },
    { moduleSpecifier: "./server/index.js", namedImports: ["createSpecVerifier", "type Verifier", "type VerifierOptions"] },
  ]);
  file.addFunction({
    isExported: true,
    name: "createVerifier",
    docs: [
      `Verifies requests to ${commentText(`${model.title} ${model.version}`)} as each operation's \`security\` requires: resolveKey gives the` +
        " secret(s) for a key id, replayStore defaults to one in memory (use a RedisReplayStore across processes).",
    ],
    parameters: [{ name: "options", type: "VerifierOptions" }],
    returnType: "Verifier",
    statements: [
      "const spec = { operations: operationSecurity, defaultSecurity, basePaths, hmacSchemes: schemes, plainSchemes };",
      "return createSpecVerifier(spec, options);",
    ],
  });
  file.addExportDeclaration({
    moduleSpecifier: "./server/index.js",
    namedExports: [
      "expressVerification",
      "fastifyVerification",
      "honoVerification",
      "ioRedisSetIfAbsent",
      "nodeRedisSetIfAbsent",
      "nodeVerification",
      "problemFor",
      "problemResponse",
      "RedisReplayStore",
      "verificationOf",
      "withNodeVerification",
      "withVerification",
      "type Verifier",
      "type VerifierOptions",
      "type VerifierResult",
    ],
  });
  file.addExportDeclaration({ moduleSpecifier: "./runtime/index.js", namedExports: ["MemoryReplayStore", "type ReplayStore"] });
}
