/**
 * Replay refusals that must hold through the spec verifier: an unsigned key id re-spelled for a lenient
 * keystore, and a replay under one security alternative that another alternative would otherwise let in.
 */
import { describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { MemoryReplayStore, signRequest } from "../../templates/runtime/index.js";
import { createSpecVerifier, type SpecSecurity } from "../../templates/server/verifier.js";
import { presetScheme } from "../support/preset-scheme.js";

const hmac = presetScheme("nextcloud-drf", "hmac");
const SPEC: SpecSecurity = {
  operations: { "GET /items": [["hmac"]], "GET /either": [["hmac"], ["key"]] },
  hmacSchemes: { hmac },
  plainSchemes: { key: { type: "apiKey", in: "query", name: "key" } },
};

async function signed(url: string): Promise<{ method: string; url: string; headers: Record<string, string> }> {
  const result = await signRequest(
    hmac,
    { method: "GET", url },
    { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 },
    { now: () => TEST_NOW_MS },
  );
  return { method: "GET", url: result.url, headers: result.headers };
}

describe("replay scope", () => {
  // A keystore that looks key ids up case-insensitively and ignores surrounding blanks, as many do.
  const lenient = (keyId: string | undefined) =>
    keyId?.trim().toLowerCase() === TEST_KEY_ID.toLowerCase() ? TEST_SECRETS.base64 : undefined;
  it.each([
    ["re-cased", (id: string) => id.toUpperCase()],
    [
      "re-cased in its first letter",
      (id: string) => (id[0] === id[0]?.toUpperCase() ? id[0]?.toLowerCase() : id[0]?.toUpperCase()) + id.slice(1),
    ],
    ["padded", (id: string) => ` ${id}`],
  ])("refuses the same request with its unsigned key id %s", async (_, respell) => {
    const verifier = createSpecVerifier(SPEC, { resolveKey: lenient, now: () => TEST_NOW_MS, replayStore: new MemoryReplayStore() });
    const request = await signed("/items");
    expect(await verifier.verifyDescription(request)).toMatchObject({ ok: true });
    const replay = { ...request, headers: { ...request.headers, "X-Client-Id": respell(TEST_KEY_ID) } };
    expect(await verifier.verifyDescription(replay)).toMatchObject({ ok: false });
    expect(await verifier.verifyDescription(request)).toMatchObject({ ok: false, reason: "replayed_nonce" });
  });
});

describe("replay under security alternatives", () => {
  it("refuses a replay, never retries it under the next alternative", async () => {
    const verifier = createSpecVerifier(SPEC, {
      resolveKey: () => TEST_SECRETS.base64,
      now: () => TEST_NOW_MS,
      checkCredential: () => true,
      replayStore: new MemoryReplayStore(),
    });
    const request = await signed("/either?key=k1");
    expect(await verifier.verifyDescription(request)).toMatchObject({ ok: true, scheme: "hmac" });
    expect(await verifier.verifyDescription(request)).toMatchObject({ ok: false, scheme: "hmac", reason: "replayed_nonce" });
    // Without the signature the API key alone still holds (the alternative itself is not disabled).
    expect(await verifier.verifyDescription({ method: "GET", url: "/either?key=k1" })).toMatchObject({ ok: true });
  });
});
