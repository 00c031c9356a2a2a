/**
 * Reads the vendored AWS SigV4 test suite (test/fixtures/aws-sigv4-suite, from awslabs/aws-c-auth) for the
 * library test (templates/runtime/sigv4/aws-suite.test.ts) and the `sign` command test.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { AwsSigV4Scheme } from "../../templates/runtime/types.js";
import { ROOT } from "./run-cli.js";

export const SUITE_DIR = join(ROOT, "test/fixtures/aws-sigv4-suite");
export const EXCLUDED: Record<string, string> = {
  "post-sts-header-after": "omit_session_token: the token is added after signing (AWS IoT); this profile always signs it",
};

export interface SuiteContext {
  credentials: { access_key_id: string; secret_access_key: string; token?: string };
  expiration_in_seconds: number;
  normalize: boolean;
  region: string;
  service: string;
  sign_body: boolean;
  timestamp: string;
  omit_session_token?: boolean;
}

export interface SuiteCase {
  name: string;
  context: SuiteContext;
  request: { method: string; path: string; headers: Array<[string, string]>; body: Uint8Array };
  read(file: string): string;
}

export function suiteCases(): SuiteCase[] {
  return readdirSync(SUITE_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !(entry.name in EXCLUDED))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const read = (file: string): string => readFileSync(join(SUITE_DIR, name, file), "utf8");
      return { name, context: JSON.parse(read("context.json")) as SuiteContext, request: parseRequest(read("request.txt")), read };
    });
}

/**
 * request.txt is an HTTP/1.1 message as the suite writes it: `METHOD <path> HTTP/1.1`, where the path may
 * hold a raw space (`get-space-*`), headers with obsolete line folding (`get-header-value-multiline`),
 * then a blank line and the body.
 */
export function parseRequest(text: string): SuiteCase["request"] {
  const blank = text.indexOf("\n\n");
  const head = blank >= 0 ? text.slice(0, blank) : text.replace(/\n$/, "");
  const body = blank >= 0 ? text.slice(blank + 2) : "";
  const [requestLine = "", ...lines] = head.split("\n");
  const match = /^(\S+) (.*) HTTP\/1\.1$/.exec(requestLine);
  if (!match) throw new Error(`bad request line: ${requestLine}`);
  const headers: Array<[string, string]> = [];
  for (const line of lines) {
    const last = headers.at(-1);
    if (/^[ \t]/.test(line) && last) {
      last[1] += `\n${line}`;
      continue;
    }
    const colon = line.indexOf(":");
    headers.push([line.slice(0, colon), line.slice(colon + 1)]);
  }
  return { method: match[1] ?? "", path: match[2] ?? "", headers, body: new TextEncoder().encode(body) };
}

export function suiteScheme(context: SuiteContext, headers: Array<[string, string]>, location: "header" | "query"): AwsSigV4Scheme {
  return {
    profile: "aws-sigv4",
    name: "suite",
    algorithm: "sha256",
    secretEncoding: "utf8",
    region: context.region,
    service: context.service,
    normalizePath: context.normalize,
    doubleEncodePath: true,
    payload: "signed",
    contentSha256Header: context.sign_body,
    location,
    expiresInSeconds: context.expiration_in_seconds,
    signedHeaders: headers.map(([name]) => name.toLowerCase()).filter((name) => name !== "host"),
    pastSeconds: 900,
    futureSeconds: 900,
    failureStatus: 401,
  };
}
