/**
 * The three signed APIs the hostile requests are aimed at, covering every parser the verifier has:
 * seed 004 (hex signature, unix timestamp, nonce, legacy aliases), seed 000 (base64, case-sensitive) and
 * seed 003 (the `HMAC-SHA512 key;sig;iso8601` Authorization template, python-compact JSON bodies). Each
 * signs requests with the published test credentials at the fixed test instant.
 */
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../../src/emit/test-credentials.js";
import { signRequest } from "../../../templates/runtime/sign.js";
import type { SigningScheme } from "../../../templates/runtime/types.js";
import { schemes as djangoHmac } from "../../golden/django-hmac-authentication/schemes.js";
import { schemes as drf } from "../../golden/nextcloud-drf/schemes.js";
import { schemes as drfBase64 } from "../../golden/nextcloud-drf-base64/schemes.js";

export type TargetName = "drf" | "drf64" | "djhmac";

export interface SignInput {
  method: string;
  target: string;
  body?: string;
  headers?: Record<string, string>;
  /** Offset of the signer's clock from the verifier's, in seconds. */
  skewSeconds?: number;
  nonce?: string;
  secret?: string;
}

export interface Target {
  name: TargetName;
  /** The golden output folder whose server.ts the adapters run. */
  golden: string;
  scheme: SigningScheme;
  secret: string;
  /** A signed GET operation, and a signed operation with a JSON body. */
  getPath: string;
  postPath: string;
  /** Headers the POST operation needs besides the signature (seed 004's API key). */
  postExtra: Record<string, string>;
  sign(input: SignInput): Promise<Array<[string, string]>>;
}

let nonceCounter = 0;
/** Unique per process and per run, so every request but a deliberate replay is fresh. */
export function freshNonce(): string {
  nonceCounter += 1;
  return `${process.pid.toString(16)}${Date.now().toString(16)}${nonceCounter.toString(16)}`.padStart(32, "0").slice(-32);
}

function target(
  name: TargetName,
  golden: string,
  scheme: SigningScheme,
  paths: Pick<Target, "getPath" | "postPath" | "postExtra">,
): Target {
  const secret = TEST_SECRETS[scheme.secretEncoding];
  return {
    name,
    golden,
    scheme,
    secret,
    ...paths,
    async sign(input) {
      const headers = { ...(input.body !== undefined ? { "content-type": "application/json" } : {}), ...input.headers };
      const signed = await signRequest(
        scheme,
        { method: input.method, url: input.target, headers, body: new TextEncoder().encode(input.body ?? "") },
        { keyId: TEST_KEY_ID, secret: input.secret ?? secret },
        { now: () => TEST_NOW_MS + (input.skewSeconds ?? 0) * 1000, nonce: () => input.nonce ?? freshNonce() },
      );
      return [...Object.entries(headers), ...Object.entries(signed.headers)];
    },
  };
}

export const TARGETS: readonly Target[] = [
  target("drf", "nextcloud-drf", drf.integrationHmac, {
    getPath: "/api/v1/integrations/nextcloud/ping/",
    postPath: "/api/v1/integrations/token/",
    postExtra: { "X-API-Key": "k" },
  }),
  target("drf64", "nextcloud-drf-base64", drfBase64.integrationHmac, {
    getPath: "/api/v1/integrations/nextcloud/ping/",
    postPath: "/api/v1/integrations/token/",
    postExtra: { "X-API-Key": "k" },
  }),
  target("djhmac", "django-hmac-authentication", djangoHmac.hmacAuth, {
    getPath: "/accounts/an-authenticated-view/",
    postPath: "/accounts/an-authenticated-view/",
    postExtra: {},
  }),
];

export { TEST_KEY_ID, TEST_NOW_MS };
