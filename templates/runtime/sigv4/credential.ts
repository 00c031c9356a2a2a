/**
 * The Credential value: `<access key id>/<date>/<region>/<service>/aws4_request` (AWS IAM User Guide,
 * "Elements of an AWS API request signature"). An access key id is 16-128 word characters in AWS; any
 * printable ASCII without `/`, `,` or spaces is accepted here, so test keys and other issuers fit.
 */
import { SCOPE_TERMINATOR } from "./constants.js";

export interface CredentialScope {
  accessKeyId: string;
  shortDate: string;
  region: string;
  service: string;
}

const ACCESS_KEY_ID = /^[\x21-\x2b\x2d\x2e\x30-\x7e]{1,128}$/;
const SHORT_DATE = /^\d{8}$/;
const SCOPE_PART = /^[a-z0-9-]{1,64}$/;

export function isWellFormedAccessKeyId(value: string): boolean {
  return ACCESS_KEY_ID.test(value);
}

export function formatCredential(scope: CredentialScope): string {
  return `${scope.accessKeyId}/${scope.shortDate}/${scope.region}/${scope.service}/${SCOPE_TERMINATOR}`;
}

/** Undefined unless the value has exactly five well-formed parts ending in aws4_request. */
export function parseCredential(value: string): CredentialScope | undefined {
  const parts = value.split("/");
  if (parts.length !== 5) return undefined;
  const [accessKeyId = "", shortDate = "", region = "", service = "", terminator] = parts;
  if (terminator !== SCOPE_TERMINATOR || !isWellFormedAccessKeyId(accessKeyId) || !SHORT_DATE.test(shortDate))
    return undefined;
  if (!SCOPE_PART.test(region) || !SCOPE_PART.test(service)) return undefined;
  return { accessKeyId, shortDate, region, service };
}
