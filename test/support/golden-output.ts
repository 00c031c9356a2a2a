/**
 * The golden output of an example spec, imported as an application would import its generated folder,
 * with credentials for every scheme it declares (test-only values), and a call for each operation.
 */
import { basename } from "node:path";
import { expect } from "vitest";
import { TEST_KEY_ID, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { requiresKeyId } from "../../templates/runtime/scheme-traits.js";
import type * as ClientModule from "../golden/nextcloud-drf/client.js";
import type * as SchemesModule from "../golden/nextcloud-drf/schemes.js";
import type * as SecurityModule from "../golden/nextcloud-drf/security.js";
import type * as ServerModule from "../golden/nextcloud-drf/server.js";

export interface GoldenOutput {
  name: string;
  client: typeof ClientModule;
  server: typeof ServerModule;
  schemes: Record<string, (typeof SchemesModule.schemes)[keyof typeof SchemesModule.schemes]>;
  security: typeof SecurityModule;
}

export async function loadGolden(spec: string): Promise<GoldenOutput> {
  const name = basename(spec, ".yaml");
  const base = `../golden/${name}`;
  return {
    name,
    client: (await import(`${base}/client.ts`)) as typeof ClientModule,
    server: (await import(`${base}/server.ts`)) as typeof ServerModule,
    schemes: ((await import(`${base}/schemes.ts`)) as typeof SchemesModule).schemes,
    security: (await import(`${base}/security.ts`)) as typeof SecurityModule,
  };
}

export const PLAIN_VALUE = "plain-credential-1";

/** Credentials for every scheme of the spec: test-only secrets for x-hmac, a fixed value for the others. */
export function allCredentials(golden: GoldenOutput): Record<string, unknown> {
  const credentials: Record<string, unknown> = {};
  for (const [name, scheme] of Object.entries(golden.schemes)) {
    credentials[name] = { keyId: TEST_KEY_ID, secret: TEST_SECRETS[scheme.secretEncoding] };
  }
  for (const [name, plain] of Object.entries(golden.security.plainSchemes)) {
    credentials[name] = plain.type === "http" && plain.scheme === "basic" ? { username: "u", password: PLAIN_VALUE } : PLAIN_VALUE;
  }
  return credentials;
}

export function resolveTestKey(keyId: string | undefined, scheme: string, golden: GoldenOutput): string | undefined {
  const resolved = golden.schemes[scheme];
  if (!resolved || (requiresKeyId(resolved) && keyId !== TEST_KEY_ID)) return undefined;
  return TEST_SECRETS[resolved.secretEncoding];
}

export interface OperationCall {
  key: string;
  method: string;
  path: string;
  params: { path: Record<string, string> };
  body: unknown;
  /** The body as an echo server reads it: JSON parsed, anything else as text (multipart: its file part). */
  arrives: unknown;
}

/**
 * One call per operation: every path parameter filled and, where the method carries one, a body of the
 * operation's first media type (JSON where it declares none): text, form fields, a file part, or bytes.
 */
export function operationCalls(golden: GoldenOutput): OperationCall[] {
  const mediaTypes: Readonly<Record<string, readonly string[]>> = golden.security.requestMediaTypes;
  return Object.keys(golden.security.operationSecurity).map((key) => {
    const [method = "GET", path = "/"] = key.split(" ");
    const params: Record<string, string> = {};
    for (const match of path.matchAll(/\{([^{}]+)\}/g)) params[match[1] ?? ""] = "p 1";
    const declared = mediaTypes[key] ?? [];
    const media = declared.find((type) => type.includes("json")) ?? declared[0] ?? "application/json";
    const sample = ["POST", "PUT", "PATCH"].includes(method) ? sampleBody(media) : undefined;
    return { key, method, path, params: { path: params }, body: sample?.body, arrives: sample?.arrives ?? null };
  });
}

function sampleBody(media: string): { body: unknown; arrives: unknown } {
  if (media.includes("json")) return { body: { scope: "read", note: "ü" }, arrives: { scope: "read", note: "ü" } };
  if (media.startsWith("text/")) return { body: "scope=read ü", arrives: "scope=read ü" };
  if (media === "application/x-www-form-urlencoded") return { body: { title: "read", note: "ü" }, arrives: "title=read&note=%C3%BC" };
  if (media === "multipart/form-data") {
    return {
      body: { file: new Blob(["ü"]), title: "read" },
      arrives: expect.stringMatching(/name="file"; filename="blob"\r\n(.+\r\n)*\r\nü\r\n/),
    };
  }
  return { body: new Blob(["ü"]), arrives: "ü" };
}
