/**
 * Secrets stay secret (issue 9): with a known secret, nothing a verifier, an adapter, the CLI or the
 * generator produces (log lines, error messages, problem+json bodies and headers, verification results,
 * generated files) contains the secret (as configured or decoded) or the signature the verifier expected.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { stringify } from "yaml";
import { TEST_KEY_ID, TEST_NOW_MS } from "../../src/emit/test-credentials.js";
import { SpecError } from "../../src/scheme/errors.js";
import { signRequest } from "../../templates/runtime/sign.js";
import { KeyConfigurationError, verifyRequest } from "../../templates/runtime/verify.js";
import { schemes } from "../golden/nextcloud-drf/schemes.js";
import * as server from "../golden/nextcloud-drf/server.js";
import { ADAPTERS, startAdapter } from "../support/adapter-servers.js";
import { generateSpec } from "../support/generate-spec.js";
import { runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";
import { baseSpec } from "./support/hostile-specs.js";
import { sendRaw } from "./support/raw-http.js";

const SECRET_TEXT = "issue-9-super-secret-key-material";
const SECRET = Buffer.from(SECRET_TEXT).toString("base64");
const PING = "/api/v1/integrations/nextcloud/ping/";
const scheme = schemes.integrationHmac;

/** Every form the secret or an expected signature could leak in. */
function forbidden(expectedSignatures: readonly string[]): string[] {
  return [SECRET, SECRET_TEXT, Buffer.from(SECRET_TEXT).toString("hex"), ...expectedSignatures.flatMap((s) => [s, s.toLowerCase()])];
}

function expectClean(text: string, expectedSignatures: readonly string[] = []): void {
  for (const needle of forbidden(expectedSignatures)) expect(text.includes(needle), `leaked ${needle.slice(0, 12)}...`).toBe(false);
}

/** Records everything written to the console and to stdout/stderr while `run` runs. */
async function captureLogs(run: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const record = (...args: unknown[]) => {
    lines.push(
      args
        .map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : typeof arg === "string" ? arg : JSON.stringify(arg)))
        .join(" "),
    );
  };
  const recordChunk = (chunk: unknown): boolean => {
    record(String(chunk));
    return true;
  };
  const spies = [
    ...(["log", "info", "warn", "error", "debug"] as const).map((method) => vi.spyOn(console, method).mockImplementation(record)),
    vi.spyOn(process.stdout, "write").mockImplementation(recordChunk),
    vi.spyOn(process.stderr, "write").mockImplementation(recordChunk),
  ];
  try {
    await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines.join("\n");
}

afterEach(() => vi.restoreAllMocks());

/** A request signed with `secret`, and the signature the verifier (holding SECRET) expects for it. */
async function forged(secret: string, nonce: string): Promise<{ headers: Record<string, string>; expected: string }> {
  const options = { now: () => TEST_NOW_MS, nonce: () => nonce };
  const sent = await signRequest(scheme, { method: "GET", url: PING }, { keyId: TEST_KEY_ID, secret }, options);
  const right = await signRequest(scheme, { method: "GET", url: PING }, { keyId: TEST_KEY_ID, secret: SECRET }, options);
  return { headers: sent.headers, expected: right.signature };
}

describe("verifier and core", () => {
  it("the log capture sees the console and both streams (so the adapter checks below can fail)", async () => {
    const logs = await captureLogs(async () => {
      // biome-ignore lint/suspicious/noConsole: the point is a console line, as a framework would print one.
      console.error(new Error("console-line"));
      process.stdout.write("stdout-line");
      process.stderr.write(SECRET);
    });
    expect(logs).toContain("console-line");
    expect(logs).toContain("stdout-line");
    expect(() => expectClean(logs)).toThrow();
  });

  it("results and errors name no secret and no expected signature", async () => {
    const { headers, expected } = await forged(Buffer.from("wrong").toString("base64"), "a".repeat(32));
    const result = await verifyRequest(scheme, { method: "GET", url: PING, headers }, { resolveKey: () => SECRET, now: () => TEST_NOW_MS });
    expect(result).toMatchObject({ ok: false, reason: "bad_signature" });
    expectClean(JSON.stringify(result), [expected]);
    const badKey = `${SECRET}!`;
    const error = await verifyRequest(
      scheme,
      { method: "GET", url: PING, headers },
      { resolveKey: () => badKey, now: () => TEST_NOW_MS },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(KeyConfigurationError);
    expectClean(`${(error as Error).message}\n${(error as Error).stack}`);
    expect((error as Error).message.includes(badKey)).toBe(false);
  });

  it("a secret written into the spec is refused without echoing it", async () => {
    const dir = tempDir("secret-spec-");
    const file = join(dir, "api.yaml");
    writeFileSync(file, stringify(baseSpec({}, { preset: "nextcloud-drf", secret: SECRET })));
    const { loadSpec } = await import("../../src/spec/load.js");
    const { buildModel } = await import("../../src/spec/model.js");
    const spec = await loadSpec(file);
    const error = (() => {
      try {
        buildModel(spec.document, spec.locate);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).issues[0]?.code).toBe("E_XHMAC_SECRET_IN_SPEC");
    expectClean((error as SpecError).message);
    const cli = runCli([file, "-o", join(dir, "out")]);
    expect(cli.status).toBe(2);
    expectClean(cli.stdout + cli.stderr);
  });
});

describe.each(ADAPTERS.map((adapter) => ({ adapter })))("$adapter adapter", ({ adapter }) => {
  it("no log line, problem body or header carries the secret or the expected signature", async () => {
    const expectedSignatures: string[] = [];
    const answers: string[] = [];
    const logs = await captureLogs(async () => {
      const verifier = server.createVerifier({
        // "broken" resolves to a secret that is not valid base64: a configuration error, answered 500.
        resolveKey: (keyId) => (keyId === TEST_KEY_ID ? SECRET : keyId === "broken" ? `${SECRET}!!` : undefined),
        now: () => TEST_NOW_MS,
        maxBodyBytes: 64,
      });
      const running = await startAdapter(adapter, verifier);
      const port = Number(new URL(running.baseUrl).port);
      try {
        let n = 0;
        const nonce = () => (++n).toString(16).padStart(32, "0");
        const requests: Array<{ headers: Record<string, string>; body?: string }> = [];
        for (const wrong of [Buffer.from("wrong").toString("base64"), `${SECRET.slice(0, -4)}AAA=`]) {
          const { headers, expected } = await forged(wrong, nonce());
          expectedSignatures.push(expected);
          requests.push({ headers });
        }
        const good = await forged(SECRET, nonce());
        requests.push({ headers: good.headers }, { headers: good.headers }); // accepted, then a replay
        requests.push({ headers: setHeader(good.headers, "x-timestamp", "1") });
        requests.push({ headers: setHeader((await forged(SECRET, nonce())).headers, "x-client-id", "broken") });
        requests.push({ headers: (await forged(SECRET, nonce())).headers, body: "x".repeat(200) });
        for (const request of requests) {
          const response = await sendRaw(port, {
            method: request.body ? "POST" : "GET",
            target: PING,
            headers: [
              ...Object.entries(request.headers),
              ...(request.body ? ([["content-length", String(request.body.length)]] as Array<[string, string]>) : []),
            ],
            ...(request.body ? { body: request.body } : {}),
          });
          answers.push(`${response.status} ${JSON.stringify(response.headers)} ${response.body}`);
        }
      } finally {
        await running.close();
      }
    });
    expect(answers.map((answer) => answer.slice(0, 3))).toEqual([
      "401",
      "401",
      "200",
      "401",
      "401",
      "500",
      expect.stringMatching(/^4\d\d$/),
    ]);
    expectClean(answers.join("\n"), expectedSignatures);
    expectClean(logs, expectedSignatures);
  });
});

describe("CLI and generator", () => {
  it("sign and verify print no secret, and a failed verify no expected signature", () => {
    const env = { HMAC_SECRET: SECRET };
    const common = ["--method", "GET", "--url", PING, "--timestamp", "1767225600", "--nonce", "b".repeat(32), "--key-id", TEST_KEY_ID];
    const signed = runCli(["sign", "specs/nextcloud-drf.yaml", ...common], { env });
    expect(signed.status).toBe(0);
    expectClean(signed.stdout + signed.stderr);
    const { headers, signature } = JSON.parse(signed.stdout) as { headers: Record<string, string>; signature: string };
    const tampered = { ...headers, "X-Signature": "0".repeat(64) };
    const verify = runCli(
      [
        "verify",
        "specs/nextcloud-drf.yaml",
        "--method",
        "GET",
        "--url",
        PING,
        "--now",
        "1767225600",
        ...Object.entries(tampered).flatMap(([name, value]) => ["--header", `${name}: ${value}`]),
      ],
      { env },
    );
    expect(verify.status).toBe(1);
    expectClean(verify.stdout + verify.stderr, [signature]);
    const broken = runCli(["sign", "specs/nextcloud-drf.yaml", ...common], { env: { HMAC_SECRET: `${SECRET}!!` } });
    expect(broken.status).toBe(2);
    expectClean(broken.stdout + broken.stderr);
  });

  it("generated files hold no runtime secret, even with HMAC_SECRET set while generating", async () => {
    const dir = tempDir("secret-gen-");
    const cli = runCli(["specs/nextcloud-drf.yaml", "-o", dir], { env: { HMAC_SECRET: SECRET } });
    expect(cli.status).toBe(0);
    expectClean(cli.stdout + cli.stderr);
    const walk = (at: string): string[] =>
      readdirSync(at).flatMap((name) => (statSync(join(at, name)).isDirectory() ? walk(join(at, name)) : [join(at, name)]));
    const files = walk(dir);
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expectClean(readFileSync(file, "utf8"));
    for (const file of await generateSpec("specs/nextcloud-drf.yaml")) expectClean(file.contents);
  });
});

function setHeader(headers: Record<string, string>, name: string, value: string): Record<string, string> {
  return { ...Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name)), [name]: value };
}
