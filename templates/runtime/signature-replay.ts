/**
 * The replay guard of schemes that carry no nonce (AWS SigV4, django-hmac-authentication, django-api-key):
 * a verified signature may be claimed once while its timestamp is fresh. The claim key is the signature
 * as the verifier computed it (canonical text, never the client's spelling), in a scope per scheme: an
 * HMAC output already binds the key, so a re-spelled key id maps to the same claim. Stored through the
 * same ReplayStore as nonces (memory or Redis), so every process behind a load balancer shares it.
 */
import type { ReasonCode } from "./reasons.js";
import type { ReplayStore } from "./replay-store.js";

export interface SignatureReplayRule {
  /** How long a seen signature is remembered: the whole timestamp window, past plus future. */
  ttlSeconds: number;
}

/** Undefined when the claim holds (or no guard or store is configured); the reason otherwise. */
export async function claimSignature(
  rule: SignatureReplayRule | null | undefined,
  store: ReplayStore | undefined,
  schemeName: string,
  signature: string,
): Promise<ReasonCode | undefined> {
  if (!rule || !store) return undefined;
  try {
    const fresh = await store.claim(`${schemeName}:signature`, signature, rule.ttlSeconds * 1000);
    return fresh ? undefined : "replayed_signature";
  } catch {
    // Whatever the store's failure, fail closed.
    return "replay_store_unavailable";
  }
}
