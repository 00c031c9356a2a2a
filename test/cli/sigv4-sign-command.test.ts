/**
 * The AWS SigV4 test suite through the `sign` command (the built binary, one process per case), for header
 * and query signing: the canonical request, string to sign and signature it prints are the suite's byte for
 * byte. The same 37 cases as templates/runtime/sigv4/aws-suite.test.ts (74 runs); the session token comes
 * from AWS_SESSION_TOKEN, never argv. Then `verify` accepts a few signed requests and refuses them elsewhere.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type SuiteCase, suiteCases } from "../support/aws-sigv4-suite.js";
import { ROOT } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

const dir = tempDir();
const cases = suiteCases();
const written = new Set<string>();

/**
 * One spec per combination the suite uses. signedHeaders lists every header any case sends: the signer
 * signs those a request carries, which for the suite is all of them, as its reference signer does.
 */
function specFor(suiteCase: SuiteCase, location: "header" | "query"): string {
  const { context } = suiteCase;
  const names = [...new Set(cases.flatMap((each) => each.request.headers.map(([name]) => name.toLowerCase())))].filter(
    (name) => name !== "host",
  );
  const file = join(dir, `suite-${context.normalize}-${context.sign_body}-${location}.yaml`);
  // Written once: the runs read these files concurrently, and a rewrite would race with a reader.
  if (written.has(file)) return file;
  written.add(file);
  const awsSigV4 = {
    region: context.region,
    service: context.service,
    normalizePath: context.normalize,
    contentSha256Header: context.sign_body,
    location,
    expiresIn: context.expiration_in_seconds,
    signedHeaders: names.sort(),
  };
  const spec = {
    openapi: "3.1.0",
    info: { title: "AWS SigV4 test suite", version: "1" },
    components: {
      securitySchemes: {
        sigv4:
          location === "header"
            ? { type: "apiKey", in: "header", name: "Authorization" }
            : { type: "apiKey", in: "query", name: "X-Amz-Signature" },
      },
    },
    security: [{ sigv4: [] }],
    paths: {},
  };
  Object.assign(spec.components.securitySchemes.sigv4, { "x-hmac": { profile: "aws-sigv4", awsSigV4 } });
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

interface SignOutput {
  headers: Record<string, string>;
  url: string;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

const BIN = join(ROOT, "bin/hmac-codegen.js");
const LOCATIONS = ["header", "query"] as const;

/** The built binary, asynchronously, so the 74 runs share the machine's cores (a pool of three). */
function runAsync(args: string[], env: Record<string, string>): Promise<{ status: number; stdout: string; stderr: string }> {
  const { HMAC_SECRET: _secret, AWS_SESSION_TOKEN: _token, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...inherited, ...env } }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function pool<T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
  return results;
}

function argsFor(suiteCase: SuiteCase): { requestArgs: string[]; env: Record<string, string> } {
  const { context, request } = suiteCase;
  const bodyFile = join(dir, `${suiteCase.name}.body`);
  if (!written.has(bodyFile)) {
    written.add(bodyFile);
    writeFileSync(bodyFile, request.body);
  }
  const headerArgs = request.headers.flatMap(([name, value]) => ["--header", `${name}: ${value}`]);
  const env: Record<string, string> = { HMAC_SECRET: context.credentials.secret_access_key };
  if (context.credentials.token) env.AWS_SESSION_TOKEN = context.credentials.token;
  return { requestArgs: ["--method", request.method, "--url", request.path, ...headerArgs, "--body-file", bodyFile], env };
}

const runs = cases.flatMap((suiteCase) => LOCATIONS.map((location) => ({ suiteCase, location })));
const outputs = new Map<string, { status: number; stdout: string; stderr: string }>();

beforeAll(async () => {
  const results = await pool(runs, 3, ({ suiteCase, location }) => {
    const { requestArgs, env } = argsFor(suiteCase);
    const keyId = suiteCase.context.credentials.access_key_id;
    return runAsync(
      ["sign", specFor(suiteCase, location), ...requestArgs, "--key-id", keyId, "--timestamp", suiteCase.context.timestamp],
      env,
    );
  });
  for (const [index, run] of runs.entries()) outputs.set(`${run.suiteCase.name} ${run.location}`, results[index] as never);
}, 600_000);

describe.each(runs)("$suiteCase.name ($location)", ({ suiteCase, location }) => {
  it("sign prints the suite's canonical request, string to sign and signature", () => {
    const result = outputs.get(`${suiteCase.name} ${location}`);
    expect(result?.stderr).toBe("");
    expect(result?.status).toBe(0);
    const signed = JSON.parse(result?.stdout ?? "{}") as SignOutput;
    expect(signed.canonicalRequest).toBe(suiteCase.read(`${location}-canonical-request.txt`));
    expect(signed.stringToSign).toBe(suiteCase.read(`${location}-string-to-sign.txt`));
    expect(signed.signature).toBe(suiteCase.read(`${location}-signature.txt`).trim());
  });
});

/** verify through the binary too, on a few cases: a session token, a body, a presigned URL. */
describe.each([
  { name: "get-vanilla-with-session-token", location: "header" as const },
  { name: "post-x-www-form-urlencoded", location: "header" as const },
  { name: "get-vanilla-query-order-encoded", location: "query" as const },
])("verify $name ($location)", ({ name, location }) => {
  it("accepts the signed request and refuses it under another region", async () => {
    const suiteCase = cases.find((each) => each.name === name) as SuiteCase;
    const { requestArgs, env } = argsFor(suiteCase);
    const signed = JSON.parse(outputs.get(`${name} ${location}`)?.stdout ?? "{}") as SignOutput;
    const signedHeaders = Object.entries(signed.headers).flatMap(([header, value]) => ["--header", `${header}: ${value}`]);
    const args = ["verify", specFor(suiteCase, location), ...requestArgs.map((arg) => (arg === suiteCase.request.path ? signed.url : arg))];
    const now = ["--now", suiteCase.context.timestamp];
    const verified = await runAsync([...args, ...signedHeaders, ...now], env);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, keyId: suiteCase.context.credentials.access_key_id });
    expect(verified.status).toBe(0);
    const elsewhere = await runAsync([...args, ...signedHeaders, ...now, "--aws-region", "eu-west-1"], env);
    expect(JSON.parse(elsewhere.stdout)).toMatchObject({ ok: false, reason: "wrong_scope" });
    expect(elsewhere.status).toBe(1);
  });
});
