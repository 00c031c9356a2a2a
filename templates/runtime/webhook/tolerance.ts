/**
 * The signed timestamp of Standard Webhooks, Stripe and Slack: decimal Unix seconds, accepted within a
 * tolerance either side of now (five minutes by default in all three providers' libraries). A delivery
 * dated ahead is refused too: stripe-node checks only the age, the Standard Webhooks libraries both sides.
 */
import type { ReasonCode } from "../reasons.js";

const UNIX_SECONDS = /^[0-9]{1,12}$/;

/** The seconds, or undefined when the text is not plain decimal digits (no sign, space, fraction or exponent). */
export function parseUnixSeconds(text: string): number | undefined {
  return UNIX_SECONDS.test(text) ? Number(text) : undefined;
}

export function toleranceReason(timestamp: number, nowMs: number, toleranceSeconds: number): ReasonCode | undefined {
  const now = Math.floor(nowMs / 1000);
  if (now - timestamp > toleranceSeconds) return "stale_timestamp";
  if (timestamp - now > toleranceSeconds) return "future_timestamp";
  return undefined;
}
