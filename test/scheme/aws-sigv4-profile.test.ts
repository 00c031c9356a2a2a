/**
 * x-hmac `profile: aws-sigv4`: defaults in one place, S3's per-service defaults, and coded, pointed
 * SpecIssues for what the profile cannot mean.
 */
import { describe, expect, it } from "vitest";
import { resolveScheme } from "../../src/scheme/resolve.js";

const POINTER = "#/components/securitySchemes/aws/x-hmac";
const header = { name: "aws", pointer: POINTER, type: "apiKey", in: "header", parameterName: "Authorization" };

describe("profile: aws-sigv4", () => {
  it("applies the defaults", () => {
    const { scheme, issues } = resolveScheme({ profile: "aws-sigv4", awsSigV4: { region: "eu-west-1", service: "execute-api" } }, header);
    expect(issues).toEqual([]);
    expect(scheme).toEqual({
      profile: "aws-sigv4",
      name: "aws",
      algorithm: "sha256",
      secretEncoding: "utf8",
      region: "eu-west-1",
      service: "execute-api",
      normalizePath: true,
      doubleEncodePath: true,
      payload: "signed",
      contentSha256Header: false,
      location: "header",
      expiresInSeconds: 900,
      signedHeaders: ["content-type"],
      pastSeconds: 900,
      futureSeconds: 900,
      failureStatus: 401,
    });
  });

  it("S3: the path is the key (no normalisation, encoded once) and x-amz-content-sha256 is sent; written knobs still win", () => {
    const s3 = resolveScheme(
      { profile: "aws-sigv4", awsSigV4: { region: "us-east-1", service: "s3", payload: "unsigned" } },
      header,
    ).scheme;
    expect(s3).toMatchObject({ normalizePath: false, doubleEncodePath: false, contentSha256Header: true, payload: "unsigned" });
    const own = resolveScheme(
      { profile: "aws-sigv4", awsSigV4: { region: "us-east-1", service: "s3", contentSha256Header: false } },
      header,
    );
    expect(own.scheme).toMatchObject({ contentSha256Header: false });
  });

  it("region and service come from the generator's options first, then x-hmac, then the spec", () => {
    const written = { profile: "aws-sigv4", awsSigV4: { region: "eu-west-1", service: "execute-api" } };
    const aws = { fromSpec: { region: "us-west-2", service: "lambda" }, overrides: { region: "ap-south-1" } };
    expect(resolveScheme(written, { ...header, aws }).scheme).toMatchObject({ region: "ap-south-1", service: "execute-api" });
    expect(resolveScheme({ profile: "aws-sigv4" }, { ...header, aws: { ...aws, overrides: {} } }).scheme).toMatchObject({
      region: "us-west-2",
      service: "lambda",
    });
  });

  it.each([
    {
      name: "no region anywhere",
      raw: { profile: "aws-sigv4", awsSigV4: { service: "execute-api" } },
      context: header,
      issue: { code: "E_AWS_SIGV4_REGION", pointer: `${POINTER}/awsSigV4/region` },
    },
    {
      name: "no service anywhere",
      raw: { profile: "aws-sigv4", awsSigV4: { region: "eu-west-1" } },
      context: header,
      issue: { code: "E_AWS_SIGV4_SERVICE", pointer: `${POINTER}/awsSigV4/service` },
    },
    {
      name: "a template knob",
      raw: { profile: "aws-sigv4", algorithm: "sha512", awsSigV4: { region: "eu-west-1", service: "s3" } },
      context: header,
      issue: { code: "E_XHMAC_UNKNOWN_KEY", pointer: `${POINTER}/algorithm` },
    },
    {
      name: "an unknown payload mode",
      raw: { profile: "aws-sigv4", awsSigV4: { region: "eu-west-1", service: "s3", payload: "streaming" } },
      context: header,
      issue: { code: "E_XHMAC_VALUE", pointer: `${POINTER}/awsSigV4/payload` },
    },
    {
      name: "a presigned URL lifetime over seven days",
      raw: { profile: "aws-sigv4", awsSigV4: { region: "eu-west-1", service: "s3", expiresIn: 604_801 } },
      context: header,
      issue: { code: "E_XHMAC_RANGE", pointer: `${POINTER}/awsSigV4/expiresIn` },
    },
    {
      name: "an upper-case region",
      raw: { profile: "aws-sigv4", awsSigV4: { region: "EU-WEST-1", service: "s3" } },
      context: header,
      issue: { pointer: `${POINTER}/awsSigV4/region` },
    },
    {
      name: "a signature header that is not Authorization",
      raw: { profile: "aws-sigv4", awsSigV4: { region: "eu-west-1", service: "s3" } },
      context: { ...header, parameterName: "X-Signature" },
      issue: { code: "E_XHMAC_CARRIER", pointer: POINTER },
    },
    {
      name: "an http scheme",
      raw: { profile: "aws-sigv4", awsSigV4: { region: "eu-west-1", service: "s3" } },
      context: { ...header, type: "http" },
      issue: { code: "E_XHMAC_SCHEME_TYPE", pointer: POINTER },
    },
    {
      name: "a bad --aws-region",
      raw: { profile: "aws-sigv4", awsSigV4: { service: "s3" } },
      context: { ...header, aws: { fromSpec: {}, overrides: { region: "us east" } } },
      issue: { code: "E_AWS_SIGV4_REGION" },
    },
  ])("$name: $issue.code", ({ raw, context, issue }) => {
    const { scheme, issues } = resolveScheme(raw, context);
    expect(scheme).toBeUndefined();
    expect(issues[0]).toMatchObject(issue);
    expect(issues[0]?.message.length).toBeGreaterThan(10);
  });

  it("location query pairs with an apiKey in the query", () => {
    const query = { ...header, in: "query", parameterName: "X-Amz-Signature" };
    const { scheme } = resolveScheme(
      { profile: "aws-sigv4", awsSigV4: { region: "eu-west-1", service: "s3", location: "query", expiresIn: 60 } },
      query,
    );
    expect(scheme).toMatchObject({ location: "query", expiresInSeconds: 60 });
  });
});
