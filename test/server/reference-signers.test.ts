/**
 * The independent Python and PHP reference signers (test/interop) sign requests that every generated
 * server adapter accepts, for every seed preset: the servers agree with the seeds' own languages.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { PRESET_NAMES, type PresetName } from "../../src/scheme/profiles/template/presets.js";
import { formatTimestamp } from "../../templates/runtime/template/timestamp.js";
import type * as ServerModule from "../golden/document-store/server.js";
import { type ReferenceCase, runReference } from "../interop/reference-runner.js";
import { ADAPTERS, type RunningServer, startAdapter } from "../support/adapter-servers.js";
import { generateVariant } from "../support/generate-variant.js";
import { presetScheme } from "../support/preset-scheme.js";

const NONCE = "0123456789abcdef0123456789abcdef";
const BODY = JSON.stringify({ title: "Grüße", tags: ["a", "b"] });
const URL_PATH = "/documents/p1/metadata";

function signCase(preset: PresetName): ReferenceCase {
  const scheme = presetScheme(preset);
  return {
    op: "sign",
    preset,
    method: "POST",
    url: URL_PATH,
    headers: { "content-type": "application/json" },
    body_b64: Buffer.from(BODY).toString("base64"),
    secret: TEST_SECRETS[scheme.secretEncoding],
    key_id: TEST_KEY_ID,
    nonce: NONCE,
    ...(scheme.timestamp ? { timestamp: formatTimestamp(TEST_NOW_MS, scheme.timestamp) } : {}),
  };
}

const SIGNERS: Array<{ language: "python" | "php"; presets: readonly PresetName[] }> = [
  { language: "python", presets: PRESET_NAMES },
  { language: "php", presets: ["nextcloud-drf", "nextcloud-drf-base64"] },
];

describe.each(SIGNERS)("$language reference signer", ({ language, presets }) => {
  const signed = new Map<PresetName, Record<string, string>>();
  beforeAll(() => {
    const results = runReference(language, presets.map(signCase));
    presets.forEach((preset, index) => {
      const result = results[index];
      if (!result || !("headers" in result)) throw new Error(`${language} did not sign ${preset}: ${JSON.stringify(result)}`);
      signed.set(preset, result.headers);
    });
  });

  describe.each(presets.map((preset) => ({ preset })))("$preset", ({ preset }) => {
    let server: typeof ServerModule;
    const running: RunningServer[] = [];
    beforeAll(async () => {
      const out = await generateVariant("specs/document-store.yaml", "docsHmac", preset);
      server = (await import(join(out, "server.ts"))) as typeof ServerModule;
    }, 60_000);
    afterAll(async () => {
      await Promise.all(running.map((r) => r.close()));
    });

    it.each(ADAPTERS.map((adapter) => ({ adapter })))("is accepted by the $adapter adapter", async ({ adapter }) => {
      const scheme = presetScheme(preset);
      const verifier = server.createVerifier({
        resolveKey: (keyId) => (scheme.keyId && keyId !== TEST_KEY_ID ? undefined : TEST_SECRETS[scheme.secretEncoding]),
        now: () => TEST_NOW_MS + 1000,
      });
      const started = await startAdapter(adapter, verifier as never);
      running.push(started);
      const headers = { "content-type": "application/json", ...signed.get(preset) };
      const response = await fetch(`${started.baseUrl}${URL_PATH}`, { method: "POST", headers, body: BODY });
      const answer = (await response.json()) as { body?: unknown; reason?: string };
      expect(response.status, JSON.stringify(answer)).toBe(200);
      expect(answer.body).toEqual(JSON.parse(BODY));
      // The same request again is a replay wherever the scheme has a nonce.
      const again = await fetch(`${started.baseUrl}${URL_PATH}`, { method: "POST", headers, body: BODY });
      expect(again.status).toBe(scheme.nonce ? 401 : 200);
    });
  });
});
