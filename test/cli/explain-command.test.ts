/**
 * `hmac-codegen explain` run as a process. Seed 000 end to end: the Nextcloud side (PHP, the
 * independent reference) signs with base64_encode(hash_hmac(..., true)); the DRF side's contract says
 * hex; explain must name the encoding, and then, once the contract is base64, the lowercasing verifier.
 */
import { createHmac } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import aws4 from "aws4";
import { describe, expect, it } from "vitest";
import { TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { runReference } from "../interop/reference-runner.js";
import { runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

const env = { HMAC_SECRET: TEST_SECRETS.base64 };
const TS = "1778841776"; // the seed's epoch
const NONCE = "5f1d0c2b9a8e7d6c5b4a39281706f5e4";
const PING = "/api/v1/integrations/nextcloud/ping/";

function explain(spec: string, received: string | undefined, extra: string[] = []) {
  return runCli(
    [
      "explain",
      spec,
      "--method",
      "GET",
      "--url",
      PING,
      "--header",
      "X-NC-CLIENT-ID: nc-1",
      "--header",
      `X-NC-TIMESTAMP: ${TS}`,
      "--header",
      `X-NC-NONCE: ${NONCE}`,
      ...(received === undefined ? [] : ["--header", `X-NC-SIGNATURE: ${received}`]),
      ...extra,
    ],
    { env },
  );
}

describe("hmac-codegen explain", () => {
  it("prints each step: values, canonical path and query, body hash, the escaped string to sign and the signature", () => {
    const result = runCli(
      [
        "explain",
        "specs/nextcloud-drf.yaml",
        "--method",
        "GET",
        "--url",
        "/api/v1/forecast/?days=3&city=Z%C3%BCrich&q=a+b",
        "--key-id",
        "nc-1",
        "--timestamp",
        TS,
        "--nonce",
        NONCE,
      ],
      { env },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("signed     city=Z%C3%BCrich&days=3&q=a%20b  (canonical)");
    expect(result.stdout).toContain("sha256 hex: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(result.stdout).toContain(`"GET\\n/api/v1/forecast/\\ncity=Z%C3%BCrich&days=3&q=a%20b\\n${TS}\\n${NONCE}\\ne3b0`);
    expect(result.stdout).toMatch(/HMAC-SHA256, hex: [0-9a-f]{64}/);
    expect(result.stdout).not.toContain(TEST_SECRETS.base64);
  });

  it("seed 000 end to end: PHP signs base64, the DRF contract says hex, explain names the encoding; then the lowercasing", () => {
    // Nextcloud (PHP): base64_encode(hash_hmac('sha256', $canonical, $secret, true)).
    const [php] = runReference("php", [
      {
        op: "sign",
        preset: "nextcloud-drf-base64",
        method: "GET",
        url: PING,
        headers: {},
        body_b64: "",
        secret: TEST_SECRETS.base64,
        key_id: "nc-1",
        timestamp: TS,
        nonce: NONCE,
      },
    ]);
    if (!php || !("signature" in php)) throw new Error(`PHP did not sign: ${JSON.stringify(php)}`);
    expect(php.signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);

    // Django's contract (the nextcloud-drf preset): hex. Every request fails with "invalid signature".
    const hex = explain("specs/nextcloud-drf.yaml", php.signature);
    expect(hex.status).toBe(1);
    expect(hex.stdout).toContain("DOES NOT MATCH");
    expect(hex.stdout).toMatch(
      /=> \[encoding\] the received signature is the base64 encoding of the right HMAC; the scheme encodes it as hex/,
    );

    // The fix: a base64 contract. The verifier still lowercased what it received (signature.lower()).
    const lowered = explain("specs/nextcloud-drf-base64.yaml", php.signature.toLowerCase());
    expect(lowered.status).toBe(1);
    expect(lowered.stdout).toMatch(/=> \[case-lowered\] .*seed 000's second bug/);

    // Both bugs fixed: the PHP signature verifies under the base64 contract, exit 0.
    const fixed = explain("specs/nextcloud-drf-base64.yaml", php.signature);
    expect(fixed.stdout).toContain("MATCHES");
    expect(fixed.status).toBe(0);
  });

  it("--json gives the steps and the findings as data", () => {
    const result = explain("specs/nextcloud-drf.yaml", "not-a-signature", ["--json"]);
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout) as { stringToSign: { text: string }; received: { matches: boolean; findings: unknown[] } };
    expect(json.stringToSign.text.split("\n")).toHaveLength(6);
    expect(json.received).toMatchObject({ matches: false, findings: [] });
  });

  it("never prints the secret, even where the scheme signs it (seed 002)", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "body.json"), '{"a":1}');
    const result = runCli(
      ["explain", "specs/django-api-signing.yaml", "--method", "POST", "--url", "/api/login/", "--body-file", join(dir, "body.json")],
      { env: { HMAC_SECRET: TEST_SECRETS.utf8 } },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('"<secret>-POST-/api/login/-{\\"a\\":1}"'.replace(/\\"/g, '"'));
    expect(result.stdout + result.stderr).not.toContain(TEST_SECRETS.utf8);
  });

  it("a scheme with a key id and none given: exit 2 naming --key-id", () => {
    const result = runCli(["explain", "specs/nextcloud-drf.yaml", "--method", "GET", "--url", "/x/"], { env });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--key-id");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("without a secret: exit 2", () => {
    const result = runCli(["explain", "specs/nextcloud-drf.yaml", "--method", "GET", "--url", "/x/", "--key-id", "k"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("HMAC_SECRET");
  });

  it("--help has examples", () => {
    const help = runCli(["explain", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Examples:");
    expect(help.stdout).toContain("--received-signature");
  });
});

describe("hmac-codegen explain for the standard profiles", () => {
  it("rfc9421: a peer that sent hex in Signature is told RFC 9421 sends base64", () => {
    const params = '("@method" "@authority" "@path");created=1767225600;keyid="test-shared-secret"';
    const base = `"@method": GET\n"@authority": example.com\n"@path": /items\n"@signature-params": ${params}`;
    const scheme = ["components:", ...["@method", "@authority", "@path"].map((name) => `  - "${name}"`)];
    const dir = tempDir();
    const spec = join(dir, "rfc9421.yaml");
    writeFileSync(
      spec,
      [
        "openapi: 3.1.0",
        "info: { title: t, version: '1' }",
        "components:",
        "  securitySchemes:",
        "    sig:",
        "      type: apiKey",
        "      in: header",
        "      name: Signature",
        "      x-hmac:",
        "        profile: rfc9421",
        "        secret: { encoding: base64 }",
        "        rfc9421:",
        "          label: sig1",
        ...scheme.map((line) => `          ${line}`),
        "          parameters: [created, keyid]",
        "security: [{ sig: [] }]",
        "paths: {}",
      ].join("\n"),
    );
    const hex = createHmac("sha256", Buffer.from(TEST_SECRETS.base64, "base64")).update(base).digest("hex");
    const args = ["explain", spec, "--method", "GET", "--url", "/items", "--header", "Host: example.com"];
    const result = runCli([...args, "--header", `Signature-Input: sig1=${params}`, "--header", `Signature: sig1=:${hex}:`], { env });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(base.replace(/\n/g, "\\n"));
    expect(result.stdout).toMatch(/=> \[encoding\] the received signature is the hex encoding of the right HMAC; RFC 9421/);
  });

  it("aws-sigv4: aws4 signing for us-east-1 against an eu-west-1 API is told the region", () => {
    const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
    const host = "abc123.execute-api.eu-west-1.amazonaws.com";
    const signed = aws4.sign(
      {
        host,
        method: "GET",
        path: "/prod/orders",
        service: "execute-api",
        region: "us-east-1",
        headers: { "X-Amz-Date": "20260101T000000Z" },
      },
      credentials,
    );
    const headers = Object.entries(signed.headers as Record<string, string>).flatMap(([name, value]) => ["--header", `${name}: ${value}`]);
    const args = ["explain", "specs/aws-sigv4-example.yaml", "--method", "GET", "--url", "/prod/orders", ...headers];
    const result = runCli(args, { env: { HMAC_SECRET: credentials.secretAccessKey } });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("scope      20260101/eu-west-1/execute-api/aws4_request");
    expect(result.stdout).toMatch(/=> \[scope-region\] the peer signed for region us-east-1; the scheme's region is eu-west-1/);
    expect(result.stdout).not.toContain(credentials.secretAccessKey);
  });
});
