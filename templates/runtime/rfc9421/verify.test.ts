/** verifyRfc9421's decisions that the HTTP tests do not reach: labels, extra components, rotation, the replay store. */
import { describe, expect, it } from "vitest";
import { B25_SCHEME, TEST_CREATED, TEST_REQUEST, TEST_SHARED_SECRET } from "../../../test/support/rfc9421-examples.js";
import { MemoryReplayStore, type ReplayStore } from "../replay-store.js";
import { signRequest } from "../sign.js";
import type { RequestDescription, Rfc9421Scheme } from "../types.js";
import { verifyRequest } from "../verify.js";

const NOW = TEST_CREATED * 1000;
const SCHEME: Rfc9421Scheme = {
  ...B25_SCHEME,
  name: "app",
  label: "app",
  parameters: ["created", "nonce", "keyid"],
  nonce: { bytes: 16, encoding: "hex", ttlSeconds: 600 },
};

async function signedWith(scheme: Rfc9421Scheme, nonce = "n-1"): Promise<RequestDescription> {
  const signed = await signRequest(
    scheme,
    TEST_REQUEST,
    { keyId: "k", secret: TEST_SHARED_SECRET },
    { now: () => NOW, nonce: () => nonce },
  );
  return {
    ...TEST_REQUEST,
    headers: [...(TEST_REQUEST.headers as Array<[string, string]>), ...Object.entries(signed.headers)],
  };
}

const options = (extra: { replayStore?: ReplayStore; secrets?: string[] } = {}) => ({
  resolveKey: () => extra.secrets ?? TEST_SHARED_SECRET,
  now: () => NOW,
  replayStore: extra.replayStore,
});

describe("verifyRfc9421", () => {
  it("extra covered components are fine; the scheme's are the minimum", async () => {
    const more = {
      ...SCHEME,
      components: [...SCHEME.components, { name: "@path", params: [] }, { name: "content-length", params: [] }],
    };
    expect((await verifyRequest(SCHEME, await signedWith(more), options())).ok).toBe(true);
  });

  it("reads only the scheme's label: another signature beside it is ignored, alone it is missing", async () => {
    const other = await signedWith({ ...SCHEME, label: "proxy" }, "n-2");
    const mine = await signedWith(SCHEME, "n-3");
    const pick = (request: RequestDescription, name: string) =>
      (request.headers as Array<[string, string]>).find(([n]) => n === name)?.[1] ?? "";
    const both: RequestDescription = {
      ...TEST_REQUEST,
      headers: [
        ...(TEST_REQUEST.headers as Array<[string, string]>),
        ["Signature-Input", pick(other, "Signature-Input")],
        ["Signature-Input", pick(mine, "Signature-Input")],
        ["Signature", `${pick(other, "Signature")}, ${pick(mine, "Signature")}`],
      ],
    };
    expect((await verifyRequest(SCHEME, both, options())).ok).toBe(true);
    expect(await verifyRequest(SCHEME, other, options())).toMatchObject({ ok: false, reason: "missing_credentials" });
  });

  it("during a rotation either secret verifies", async () => {
    const request = await signedWith(SCHEME);
    expect((await verifyRequest(SCHEME, request, options({ secrets: ["b2xk", TEST_SHARED_SECRET] }))).ok).toBe(true);
    expect(await verifyRequest(SCHEME, request, options({ secrets: ["b2xk"] }))).toMatchObject({
      reason: "bad_signature",
    });
    expect(await verifyRequest(SCHEME, request, { ...options(), resolveKey: () => undefined })).toMatchObject({
      reason: "unknown_key",
    });
  });

  it("claims the nonce only after the signature verified, and fails closed when the store fails", async () => {
    const store = new MemoryReplayStore();
    const forged = await signedWith({ ...SCHEME, secretEncoding: "utf8" }, "n-4");
    expect(await verifyRequest(SCHEME, forged, options({ replayStore: store }))).toMatchObject({
      reason: "bad_signature",
    });
    const genuine = await signedWith(SCHEME, "n-4");
    expect((await verifyRequest(SCHEME, genuine, options({ replayStore: store }))).ok).toBe(true);
    expect(await verifyRequest(SCHEME, genuine, options({ replayStore: store }))).toMatchObject({
      reason: "replayed_nonce",
    });
    const broken: ReplayStore = { claim: () => Promise.reject(new Error("down")) };
    expect(
      await verifyRequest(SCHEME, await signedWith(SCHEME, "n-5"), options({ replayStore: broken })),
    ).toMatchObject({
      reason: "replay_store_unavailable",
      status: 503,
    });
  });

  it("parameters of the wrong type are malformed; a 403 scheme answers 403", async () => {
    const request = await signedWith(SCHEME);
    const retyped = {
      ...request,
      headers: (request.headers as Array<[string, string]>).map(([n, v]): [string, string] => [
        n,
        n === "Signature-Input" ? v.replace(/created=(\d+)/, 'created="$1"') : v,
      ]),
    };
    expect(await verifyRequest({ ...SCHEME, failureStatus: 403 }, retyped, options())).toEqual({
      ok: false,
      scheme: "app",
      reason: "malformed_header",
      status: 403,
    });
  });
});
