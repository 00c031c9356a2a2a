/**
 * client/request-bodies.ts for one spec: json-body.ts where every request body the spec declares is
 * exactly `application/json` (openapi-fetch's own JSON writing; a client bundle leaves declared-body.ts
 * out, 0.6 kB gzip), else declared-body.ts, which writes multipart, URL-encoded, text, bytes and `+json`
 * media types as declared. `+json` needs declared-body.ts: openapi-fetch would send `application/json`.
 */
import type { ApiModel } from "../spec/model.js";
import { type GeneratedFile, tsBanner } from "./banner.js";

export const REQUEST_BODIES_PATH = "client/request-bodies.ts";

/** Whether each request body of the spec is declared as `application/json` alone (parameters allowed). */
export function onlyJsonBodies(operations: ApiModel["operations"]): boolean {
  return operations.every((operation) => operation.requestMediaTypes.every((media) => /^application\/json\s*(;|$)/i.test(media.trim())));
}

export function emitRequestBodies(specName: string, model: ApiModel): GeneratedFile {
  return requestBodiesFile(specName, onlyJsonBodies(model.operations));
}

export function requestBodiesFile(specName: string, jsonOnly: boolean): GeneratedFile {
  const contents = jsonOnly
    ? [
        "/** Every request body this spec declares is application/json: openapi-fetch's JSON writing (json-body.ts). */",
        'export { requestBodies } from "./json-body.js";',
      ]
    : [
        "/** This spec declares request bodies other than application/json: each is written as declared. */",
        'export { requestBodies } from "./declared-body.js";',
      ];
  return { path: REQUEST_BODIES_PATH, contents: `${tsBanner(specName)}${contents.join("\n")}\n` };
}
