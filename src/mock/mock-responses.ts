/**
 * The canned answer of each operation for the msw mocks: its first success response (200, else the
 * lowest 2XX, else `default`), in JSON where it offers JSON, with the spec's example when there is one,
 * else sample data from the schema.
 */
import { refResolver } from "../spec/parameters.js";
import { sampleFromSchema } from "./sample-data.js";

export interface CannedResponse {
  status: number;
  contentType?: string;
  body?: unknown;
}

export function cannedResponse(document: Record<string, unknown>, path: string, method: string): CannedResponse {
  const resolve = refResolver(document);
  const operation = resolve(resolve((document.paths as Record<string, unknown> | undefined)?.[path])[method.toLowerCase()]);
  const responses = resolve(operation.responses);
  const codes = Object.keys(responses);
  const success = codes.filter((code) => /^2(\d\d|XX)$/i.test(code)).sort();
  const code = codes.includes("200") ? "200" : (success[0] ?? (codes.includes("default") ? "default" : undefined));
  if (code === undefined) return { status: 204 };
  const status = /^\d{3}$/.test(code) ? Number(code) : 200;
  const content = resolve(resolve(responses[code]).content);
  const types = Object.keys(content);
  const contentType = types.find((type) => type === "application/json") ?? types.find((type) => /[/+]json\b/.test(type)) ?? types[0];
  if (contentType === undefined || status === 204 || status === 205) return { status };
  const media = resolve(content[contentType]);
  return { status, contentType, body: exampleOf(media, resolve) ?? sampleFromSchema(media.schema, resolve) };
}

function exampleOf(media: Record<string, unknown>, resolve: (value: unknown) => Record<string, unknown>): unknown {
  if (media.example !== undefined) return media.example;
  const examples = resolve(media.examples);
  for (const example of Object.values(examples)) {
    const value = resolve(example).value;
    if (value !== undefined) return value;
  }
  return undefined;
}
