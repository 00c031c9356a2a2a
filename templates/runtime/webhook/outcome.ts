/** The results every preset's verifier returns, and the replay claim after a signature verified. */

import type { ReasonCode } from "../reasons.js";
import { verificationFailure } from "../reasons.js";
import type { ReplayStore } from "../replay-store.js";
import type { WebhookScheme } from "../types.js";
import type { WebhookVerifyResult } from "./delivery.js";

export function verified(
  scheme: WebhookScheme,
  details: { timestamp?: number | undefined; id?: string | undefined; replayChecked?: boolean | undefined } = {},
): WebhookVerifyResult {
  return {
    ok: true,
    scheme: scheme.name,
    preset: scheme.preset,
    timestamp: details.timestamp,
    id: details.id,
    replayChecked: details.replayChecked ?? false,
  };
}

export function refused(scheme: WebhookScheme, reason: ReasonCode): WebhookVerifyResult {
  return verificationFailure(scheme, reason);
}

/**
 * Claims `key` once for the whole tolerance window, past and future, so the same delivery cannot be
 * accepted twice while its timestamp is fresh. A store that fails refuses the delivery (fail closed).
 */
export async function claimOnce(
  store: ReplayStore,
  scheme: WebhookScheme,
  kind: "webhook-id" | "signature",
  key: string,
): Promise<ReasonCode | undefined> {
  try {
    const fresh = await store.claim(`${scheme.name}:${kind}`, key, scheme.toleranceSeconds * 2000);
    if (fresh) return undefined;
    return kind === "webhook-id" ? "replayed_delivery" : "replayed_signature";
  } catch {
    return "replay_store_unavailable";
  }
}
