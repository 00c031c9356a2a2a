/**
 * The vector request of one operation, as a partner would send it: the first `servers` URL's path in
 * front (OpenAPI 3.1 §4.8.5, variables at their defaults), path parameters filled in, the query and
 * header parameters the operation requires or gives an example for, and the body in the operation's own
 * media type (JSON where it offers JSON), from its example when that is valid, else sample data from its
 * schema. Values are serialised in OpenAPI's default styles: `simple` in the path and headers, `form`
 * with explode in the query (OpenAPI 3.1 §4.8.12.4).
 */
import { conformsToSchema, sampleFromSchema } from "../mock/sample-data.js";
import type { Operation } from "../spec/model.js";
import { refResolver } from "../spec/parameters.js";
import { serverBasePaths } from "../spec/server-base-paths.js";
import type { VectorRequest } from "./vector-request.js";

type Schema = Record<string, unknown>;
type Resolve = (value: unknown) => Schema;

export function specVectorRequest(document: Record<string, unknown>, operation: Operation): VectorRequest {
  const resolve = refResolver(document);
  const pathItem = resolve(resolve(document.paths)[operation.path]);
  const raw = resolve(pathItem[operation.method.toLowerCase()]);
  const parameters = new Map<string, Schema>();
  for (const list of [pathItem.parameters, raw.parameters]) {
    for (const entry of Array.isArray(list) ? list : []) {
      const parameter = resolve(entry);
      if (typeof parameter.name === "string") parameters.set(`${String(parameter.in)}:${parameter.name}`, parameter);
    }
  }
  let path = operation.path;
  const query: string[] = [];
  const headers: Record<string, string> = {};
  for (const parameter of parameters.values()) {
    const name = String(parameter.name);
    const wanted = parameter.in === "path" || parameter.required === true || parameter.example !== undefined;
    if (!wanted) continue;
    const value = parameterValue(parameter, resolve);
    if (parameter.in === "path") path = path.split(`{${name}}`).join(encodeURIComponent(simple(value) || "42"));
    else if (parameter.in === "query") query.push(...formPairs(name, value));
    else if (parameter.in === "header") headers[name] = simple(value);
  }
  // A parameter the spec does not declare still needs a value to make a URL.
  path = path.replace(/\{[^}]+\}/g, "42");
  const body = requestBody(resolve(raw.requestBody), operation.requestMediaTypes, resolve);
  if (body) headers["Content-Type"] = body.mediaType;
  const url = `${firstServerPath(document)}${path}${query.length > 0 ? `?${query.join("&")}` : ""}`;
  return {
    description: `${operation.method} ${operation.path}${operation.operationId ? ` (${operation.operationId})` : ""}`,
    method: operation.method,
    url,
    headers,
    body: body?.text ?? "",
  };
}

/** The path of the first server, variables at their defaults, without a trailing slash ("" for none). */
function firstServerPath(document: Record<string, unknown>): string {
  const [first] = Array.isArray(document.servers) ? document.servers : [];
  if (typeof first !== "object" || first === null) return "";
  const server = first as { url?: unknown; variables?: Record<string, { default?: unknown }> };
  const variables = Object.fromEntries(
    Object.entries(server.variables ?? {}).map(([name, variable]) => [name, { default: variable?.default }]),
  );
  const [path = ""] = serverBasePaths({ servers: [{ url: server.url, variables }] });
  return path.replace(/\/+$/, "");
}

function parameterValue(parameter: Schema, resolve: Resolve): unknown {
  const examples = Object.values(resolve(parameter.examples)).map((example) => resolve(example).value);
  for (const candidate of [parameter.example, ...examples]) {
    if (candidate !== undefined && (parameter.schema === undefined || conformsToSchema(candidate, parameter.schema, resolve)))
      return candidate;
  }
  return sampleFromSchema(parameter.schema ?? { type: "string" }, resolve);
}

/** `simple` style: an array's items joined by commas, an object's keys and values likewise. */
function simple(value: unknown): string {
  if (Array.isArray(value)) return value.map(simple).join(",");
  if (typeof value === "object" && value !== null) return Object.entries(value).flat().map(simple).join(",");
  return value === null || value === undefined ? "" : String(value);
}

/** `form` style with explode: one pair per array item, an object's properties as their own pairs. */
function formPairs(name: string, value: unknown): string[] {
  const pair = (key: string, item: unknown) => `${encodeURIComponent(key)}=${encodeURIComponent(simple(item))}`;
  if (Array.isArray(value)) return value.map((item) => pair(name, item));
  if (typeof value === "object" && value !== null) return Object.entries(value).map(([key, item]) => pair(key, item));
  return [pair(name, value)];
}

const BOUNDARY = "hmac-codegen-vector";
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

function requestBody(body: Schema, mediaTypes: readonly string[], resolve: Resolve): { mediaType: string; text: string } | undefined {
  const mediaType = mediaTypes.find((type) => JSON_TYPE.test(type)) ?? mediaTypes[0];
  if (mediaType === undefined) return undefined;
  const media = resolve(resolve(body.content)[mediaType]);
  const examples = Object.values(resolve(media.examples)).map((example) => resolve(example).value);
  const valid = [media.example, ...examples].find(
    (candidate) => candidate !== undefined && (media.schema === undefined || conformsToSchema(candidate, media.schema, resolve)),
  );
  const value = valid !== undefined ? valid : sampleFromSchema(media.schema ?? {}, resolve);
  if (JSON_TYPE.test(mediaType)) return { mediaType, text: JSON.stringify(value) };
  if (/^application\/x-www-form-urlencoded\b/i.test(mediaType)) {
    const record = typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
    return {
      mediaType,
      text: Object.entries(record)
        .flatMap(([key, item]) => formPairs(key, item))
        .join("&"),
    };
  }
  if (/^multipart\/form-data\b/i.test(mediaType)) {
    // RFC 7578: each top-level property one part; the boundary is fixed so the vector is.
    const record = typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
    const parts = Object.entries(record).map(
      ([key, item]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${simple(item)}\r\n`,
    );
    return { mediaType: `multipart/form-data; boundary=${BOUNDARY}`, text: `${parts.join("")}--${BOUNDARY}--\r\n` };
  }
  // Text is sent as its characters; other bytes (octet-stream, images) have no sample a vector can fix.
  return { mediaType, text: /^text\//i.test(mediaType) && typeof value === "string" ? value : "" };
}
