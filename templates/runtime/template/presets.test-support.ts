/**
 * Test support, not shipped (the embed script and the package leave `*.test-support.ts` out): a request
 * signed under one of the README's presets with fixed credentials, clock and nonce, and the verifier
 * call that checks it, so each test changes one thing and reads the reason verifyRequest gives.
 */
import type { PresetName } from "../../../src/scheme/profiles/template/presets.js";
import { presetScheme } from "../../../test/support/preset-scheme.js";
import { utf8 } from "../encoding.js";
import { signRequest } from "../sign.js";
import type { HashAlgorithm, HmacScheme, RequestDescription } from "../types.js";
import { type VerifyOptions, type VerifyResult, verifyRequest } from "../verify.js";

export const NOW = 1_700_000_000_000; // a whole second: unix timestamps are exact
export const NONCE = "0123456789abcdef0123456789abcdef";
export const SECRETS = {
  base64: Buffer.from("a 32-byte secret for these tests").toString("base64"),
  utf8: "an api key secret",
  hex: "00112233445566778899aabbccddeeff",
};
export const KEY_ID = "client-1";

export interface Fixture {
  scheme: HmacScheme;
  request: RequestDescription & { headers: Record<string, string> };
  secret: string;
  signature: string;
  verify(request?: RequestDescription, options?: Partial<VerifyOptions>): Promise<VerifyResult>;
}

export async function fixture(
  preset: PresetName,
  init: { method?: string; url?: string; body?: string; nonce?: string; algorithm?: HashAlgorithm } = {},
): Promise<Fixture> {
  const s = presetScheme(preset);
  const secret = SECRETS[s.secretEncoding];
  const body = init.body === undefined ? undefined : utf8(init.body);
  const method = init.method ?? "POST";
  const url = init.url ?? "/api/v1/items/?b=2&a=1";
  const signed = await signRequest(
    s,
    { method, url, headers: { "Content-Type": "application/json" }, body },
    { keyId: KEY_ID, secret },
    { now: () => NOW, nonce: () => init.nonce ?? NONCE, algorithm: init.algorithm },
  );
  const request = { method, url: signed.url, headers: { "Content-Type": "application/json", ...signed.headers }, body };
  return {
    scheme: s,
    request,
    secret,
    signature: signed.signature,
    verify: (changed = request, options = {}) =>
      verifyRequest(s, changed, { resolveKey: () => secret, now: () => NOW, ...options }),
  };
}

export function withHeaders(
  request: Fixture["request"],
  changes: Record<string, string | undefined>,
): Fixture["request"] {
  const headers = { ...request.headers };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return { ...request, headers };
}

export const failure = (reason: string, status = 401) => ({ ok: false, reason, status });
