/**
 * secured-paths.ts: `SecuredPaths`, the spec's `paths` with the verifier's problem+json answers among each
 * secured operation's responses (templates/client/verification-errors.ts), so the client's `error` is
 * typed with them. An operation is secured when no alternative of its security is empty: one that may be
 * called without credentials is never refused by the verifier.
 */
import { type SourceFile, StructureKind } from "ts-morph";
import type { ApiModel, Operation } from "../spec/model.js";
import { type GeneratedFile, tsBanner } from "./banner.js";
import { printTs, propertyName } from "./ts-source.js";

export function emitSecuredPaths(specName: string, model: ApiModel): GeneratedFile {
  return { path: "secured-paths.ts", contents: printTs(tsBanner(specName), (file) => buildSecuredPaths(file, model)) };
}

function buildSecuredPaths(file: SourceFile, model: ApiModel): void {
  const failureStatus = new Map(model.hmacSchemes.map((scheme) => [scheme.name, scheme.failureStatus]));
  // A failure no scheme can be blamed for gets the first x-hmac scheme's status (server/verifier.ts).
  const fallback = model.hmacSchemes[0]?.failureStatus ?? 401;
  const byPath = new Map<string, string[]>();
  for (const operation of model.operations) {
    if (!isSecured(operation)) continue;
    const statuses = new Set<number>([fallback]);
    for (const name of operation.security.flat()) statuses.add(failureStatus.get(name) ?? fallback);
    const rows = byPath.get(operation.path) ?? [];
    rows.push(`${operation.method.toLowerCase()}: ${[...statuses].sort().join(" | ")}`);
    byPath.set(operation.path, rows);
  }
  file.addImportDeclarations([
    { moduleSpecifier: "./client/index.js", isTypeOnly: true, namedImports: ["WithVerificationErrors"] },
    { moduleSpecifier: "./schema.js", isTypeOnly: true, namedImports: ["paths"] },
  ]);
  file.addInterface({
    kind: StructureKind.Interface,
    name: "SecuredOperations",
    isExported: true,
    docs: ["Each secured operation's failure statuses (its schemes' 401 or 403), by path and method."],
    properties: [...byPath].map(([path, rows]) => ({ name: propertyName(path), type: `{ ${rows.join("; ")} }` })),
  });
  file.addTypeAlias({
    isExported: true,
    name: "SecuredPaths",
    docs: ["`paths` with the verifier's problem+json answers among the secured operations' responses."],
    type: "WithVerificationErrors<paths, SecuredOperations>",
  });
}

function isSecured(operation: Operation): boolean {
  return operation.security.length > 0 && operation.security.every((alternative) => alternative.length > 0);
}
