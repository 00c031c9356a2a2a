/** Every reason verifyRequest gives under the nextcloud-drf preset, from a request signRequest signed. */
import { describe, expect, it } from "vitest";
import { MemoryReplayStore, type ReplayStore, ReplayStoreUnavailableError } from "../replay-store.js";
import { KeyConfigurationError, verifyRequest } from "../verify.js";
import { MAX_CARRIER_LENGTH } from "./header-template.js";
import { failure, fixture, KEY_ID, NONCE, NOW, withHeaders } from "./presets.test-support.js";

describe("verifyRequest: nextcloud-drf", () => {
  it("accepts the signed request", async () => {
    const f = await fixture("nextcloud-drf");
    expect(Object.keys(f.request.headers).sort()).toEqual([
      "Content-Type",
      "X-Client-Id",
      "X-Nonce",
      "X-Signature",
      "X-Timestamp",
    ]);
    expect(f.request.headers["X-Timestamp"]).toBe("1700000000");
    expect(await f.verify()).toEqual({ ok: true, scheme: "nextcloud-drf", keyId: KEY_ID, algorithm: "sha256" });
  });

  it("missing or empty credentials -> missing_credentials", async () => {
    const f = await fixture("nextcloud-drf");
    for (const name of ["X-Signature", "X-Client-Id", "X-Timestamp", "X-Nonce"]) {
      expect(await f.verify(withHeaders(f.request, { [name]: undefined })), name).toMatchObject(
        failure("missing_credentials"),
      );
      expect(await f.verify(withHeaders(f.request, { [name]: "" })), name).toMatchObject(
        failure("missing_credentials"),
      );
    }
    expect(await f.verify(withHeaders(f.request, { "X-Signature": "   " }))).toMatchObject(
      failure("missing_credentials"),
    );
  });

  it("a header and its legacy alias with different values -> conflicting_headers", async () => {
    const f = await fixture("nextcloud-drf");
    const sig = f.request.headers["X-Signature"] ?? "";
    const conflicts: Record<string, string> = {
      "X-NC-CLIENT-ID": "client-2",
      "X-NC-TIMESTAMP": "1700000001",
      "X-NC-NONCE": NONCE.replace("0", "f"),
      "X-NC-SIGNATURE": sig.replace(/^./, sig.startsWith("0") ? "1" : "0"),
    };
    for (const [alias, value] of Object.entries(conflicts)) {
      expect(await f.verify(withHeaders(f.request, { [alias]: value })), alias).toMatchObject(
        failure("conflicting_headers"),
      );
    }
    // Both present and agreeing, as Nextcloud sends them: fine.
    const both = withHeaders(f.request, {
      "X-NC-CLIENT-ID": KEY_ID,
      "x-nc-timestamp": "1700000000",
      "X-NC-NONCE": NONCE,
    });
    expect(await f.verify(both)).toMatchObject({ ok: true });
  });

  it("the legacy X-NC-* names alone are accepted", async () => {
    const f = await fixture("nextcloud-drf");
    const h = f.request.headers;
    const legacy = {
      ...f.request,
      headers: {
        "X-NC-CLIENT-ID": h["X-Client-Id"] ?? "",
        "X-NC-TIMESTAMP": h["X-Timestamp"] ?? "",
        "X-NC-NONCE": h["X-Nonce"] ?? "",
        "X-NC-SIGNATURE": h["X-Signature"] ?? "",
      },
    };
    expect(await f.verify(legacy)).toEqual({ ok: true, scheme: "nextcloud-drf", keyId: KEY_ID, algorithm: "sha256" });
  });

  it("hex is case-insensitive under this preset: an upper-case signature verifies", async () => {
    const f = await fixture("nextcloud-drf");
    expect(f.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(f.signature).toMatch(/[a-f]/);
    expect(await f.verify(withHeaders(f.request, { "X-Signature": f.signature.toUpperCase() }))).toMatchObject({
      ok: true,
    });
  });

  it("a signature that is not hex -> malformed_signature", async () => {
    const f = await fixture("nextcloud-drf");
    for (const bad of [`zz${f.signature.slice(2)}`, f.signature.slice(1), `${f.signature} x`, `0x${f.signature}`]) {
      expect(await f.verify(withHeaders(f.request, { "X-Signature": bad })), bad).toMatchObject(
        failure("malformed_signature"),
      );
    }
    // Well-formed hex of the wrong length is simply a wrong signature.
    expect(await f.verify(withHeaders(f.request, { "X-Signature": f.signature.slice(2) }))).toMatchObject(
      failure("bad_signature"),
    );
  });

  it("unknown key id -> unknown_key", async () => {
    const f = await fixture("nextcloud-drf");
    const seen: Array<[string | undefined, string]> = [];
    const resolveKey = (keyId: string | undefined, schemeName: string) => {
      seen.push([keyId, schemeName]);
      return undefined;
    };
    expect(await f.verify(f.request, { resolveKey })).toMatchObject(failure("unknown_key"));
    expect(seen).toEqual([[KEY_ID, "nextcloud-drf"]]);
    expect(await f.verify(f.request, { resolveKey: async () => [] })).toMatchObject(failure("unknown_key"));
  });

  it("a malformed key id or nonce -> malformed_header", async () => {
    const f = await fixture("nextcloud-drf");
    expect(await f.verify(withHeaders(f.request, { "X-Client-Id": "client 1" }))).toMatchObject(
      failure("malformed_header"),
    );
    expect(await f.verify(withHeaders(f.request, { "X-Client-Id": "k".repeat(257) }))).toMatchObject(
      failure("malformed_header"),
    );
    expect(await f.verify(withHeaders(f.request, { "X-Nonce": "a nonce" }))).toMatchObject(failure("malformed_header"));
    expect(await f.verify(withHeaders(f.request, { "X-Nonce": "é" }))).toMatchObject(failure("malformed_header"));
    expect(await f.verify(withHeaders(f.request, { "X-Signature": "a".repeat(MAX_CARRIER_LENGTH + 2) }))).toMatchObject(
      failure("malformed_header"),
    );
  });

  it("a malformed timestamp -> malformed_timestamp", async () => {
    const f = await fixture("nextcloud-drf");
    for (const bad of ["abc", "1700000000.5", "-1700000000", "1.7e9", "2023-11-14T22:13:20Z", "1700000000000000"]) {
      expect(await f.verify(withHeaders(f.request, { "X-Timestamp": bad })), bad).toMatchObject(
        failure("malformed_timestamp"),
      );
    }
  });

  it("stale and future timestamps, 300 s either way inclusive", async () => {
    const f = await fixture("nextcloud-drf");
    const at = (now: number) => f.verify(f.request, { now: () => now });
    expect(await at(NOW + 300_000)).toMatchObject({ ok: true });
    expect(await at(NOW + 300_001)).toMatchObject(failure("stale_timestamp"));
    expect(await at(NOW - 300_000)).toMatchObject({ ok: true });
    expect(await at(NOW - 300_001)).toMatchObject(failure("future_timestamp"));
  });

  it("a replay store that cannot answer -> replay_store_unavailable (503), never trust", async () => {
    const f = await fixture("nextcloud-drf");
    const throwing: ReplayStore = {
      claim: () => {
        throw new Error("ECONNREFUSED");
      },
    };
    const rejecting: ReplayStore = { claim: () => Promise.reject(new ReplayStoreUnavailableError("timeout")) };
    const full = new MemoryReplayStore({ maxEntries: 1, now: () => NOW });
    full.claim("other", "nonce", 60_000);
    for (const replayStore of [throwing, rejecting, full]) {
      expect(await f.verify(f.request, { replayStore })).toMatchObject(failure("replay_store_unavailable", 503));
    }
  });

  it("a replayed nonce -> replayed_nonce; a forged request does not reach the store", async () => {
    const f = await fixture("nextcloud-drf");
    const claims: string[] = [];
    const memory = new MemoryReplayStore({ now: () => NOW });
    const replayStore: ReplayStore = {
      claim: (scope, nonce, ttlMs) => {
        claims.push(`${scope} ${nonce} ${ttlMs}`);
        return memory.claim(scope, nonce, ttlMs);
      },
    };
    const forged = withHeaders(f.request, { "X-Signature": "0".repeat(64) });
    expect(await f.verify(forged, { replayStore })).toMatchObject(failure("bad_signature"));
    expect(claims).toEqual([]);
    expect(await f.verify(f.request, { replayStore })).toMatchObject({ ok: true });
    expect(await f.verify(f.request, { replayStore })).toMatchObject(failure("replayed_nonce"));
    // nextcloud-drf does not sign X-Client-Id, so the nonce is claimed scheme-wide, not per key id spelling.
    expect(claims).toEqual([`nextcloud-drf: ${NONCE} 600000`, `nextcloud-drf: ${NONCE} 600000`]);
  });

  it("regression: a nonce is forgotten the millisecond its timestamp is still fresh, so an exact-boundary replay verifies", async () => {
    // The freshness window is closed ([ts - 300 s, ts + 300 s], 600 s + 1 ms) but the nonce TTL is 600 s
    // with an exclusive expiry: first seen at ts - 300 s, replayed at exactly ts + 300 s.
    const f = await fixture("nextcloud-drf");
    let clock = NOW - 300_000;
    const replayStore = new MemoryReplayStore({ now: () => clock });
    expect(await f.verify(f.request, { replayStore, now: () => clock })).toMatchObject({ ok: true });
    clock = NOW + 300_000;
    expect(await f.verify(f.request, { replayStore, now: () => clock })).toMatchObject({ ok: false });
  });

  it("a secret resolveKey returns that is not valid in the scheme's encoding throws KeyConfigurationError, naming no secret", async () => {
    const f = await fixture("nextcloud-drf");
    const error = await f.verify(f.request, { resolveKey: () => "not base64!" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KeyConfigurationError);
    expect(String(error)).not.toContain("not base64!");
  });

  it("the scheme's failure status is used for authentication failures", async () => {
    const f = await fixture("nextcloud-drf");
    const forbidding = { ...f.scheme, failureStatus: 403 as const };
    const forged = withHeaders(f.request, { "X-Signature": "0".repeat(64) });
    const result = await verifyRequest(forbidding, forged, { resolveKey: () => f.secret, now: () => NOW });
    expect(result).toEqual({ ok: false, scheme: "nextcloud-drf", reason: "bad_signature", status: 403 });
  });
});
