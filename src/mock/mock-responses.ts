/**
 * The canned answer of each operation for the msw mocks: its first success response (200, else the
 * lowest 2XX, else `default`), in JSON where it offers JSON, with the spec's example when that example is
 * valid against the response schema, else sample data from the schema. Where no valid body can be made
 * (an unsatisfiable schema, a `not` or a pattern the sampler cannot meet), the canned answer is a 501
 * problem saying so, never data that contradicts the schema (issue 17; README, msw mocks).
 */

import { refResolver } from "../spec/parameters.js";
import { conformsToSchema, sampleFromSchema } from "./sample-data.js";

export interface CannedResponse {
  status: number;
  contentType?: string;
  body?: unknown;
}

type Resolve = (value: unknown) => Record<string, unknown>;

/** The stable reason a mock gives when it has no valid body for an operation (RFC 9457 `type` beside it). */
export const NO_VALID_SAMPLE = "mock_no_valid_sample";

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
  const example = validExample(media, resolve);
  if (example !== undefined) return { status, contentType, body: example };
  const body = sampleFromSchema(media.schema, resolve);
  if (media.schema === undefined || conformsToSchema(body, media.schema, resolve)) return { status, contentType, body };
  return noValidSample(["paths", path, method.toLowerCase(), "responses", code, "content", contentType, "schema"]);
}

/**
 * The media type's example (`example`, else the first of `examples`) that is valid against its schema. Specs
 * publish invalid ones (azure.com's batch pools leave out a required `password`; rentcast.io writes each
 * example as a JSON string of the object): a string that parses to a valid value is used parsed.
 */
function validExample(media: Record<string, unknown>, resolve: Resolve): unknown {
  const candidates = [media.example, ...Object.values(resolve(media.examples)).map((example) => resolve(example).value)];
  for (const value of candidates) {
    if (value === undefined) continue;
    if (media.schema === undefined || conformsToSchema(value, media.schema, resolve)) return value;
    const parsed = parsedJson(value);
    if (parsed !== undefined && conformsToSchema(parsed, media.schema, resolve)) return parsed;
  }
  return undefined;
}

function parsedJson(value: unknown): unknown {
  if (typeof value !== "string") return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** 501 Not Implemented (RFC 9110 §15.6.2) as problem+json (RFC 9457): the mock cannot answer this operation by itself. */
function noValidSample(parts: readonly string[]): CannedResponse {
  const pointer = `#/${parts.map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
  return {
    status: 501,
    contentType: "application/problem+json",
    body: {
      type: `urn:hmac-codegen:reason:${NO_VALID_SAMPLE}`,
      title: "Not Implemented",
      status: 501,
      detail: "The mock cannot make a body valid against this response schema; give this operation an override.",
      reason: NO_VALID_SAMPLE,
      schema: pointer,
    },
  };
}
