/**
 * Timestamps a peer may have signed instead of the one it sent: the same instant in another format
 * (unix seconds vs milliseconds, ISO 8601 with `Z` or `+00:00`, 0/3/6 fraction digits; seed 003 signs
 * Python's isoformat() with microseconds), or a clock read twice, a few seconds apart.
 */
import { formatTimestamp, parseTimestamp } from "../../templates/runtime/template/timestamp.js";
import type { TimestampRule } from "../../templates/runtime/types.js";

export interface TimestampVariant {
  value: string;
  cause: string;
  fix: string;
}

/** How far apart two clock readings of one signer plausibly are. */
const MAX_SKEW_SECONDS = 120;

const FORMATS: Array<Pick<TimestampRule, "format" | "fractionDigits" | "utcSuffix">> = [
  { format: "unix", fractionDigits: 0, utcSuffix: "Z" },
  { format: "unix-ms", fractionDigits: 0, utcSuffix: "Z" },
  { format: "http-date", fractionDigits: 0, utcSuffix: "Z" },
  ...([0, 3, 6] as const).flatMap((fractionDigits) =>
    (["Z", "+00:00"] as const).map((utcSuffix) => ({ format: "iso8601" as const, fractionDigits, utcSuffix })),
  ),
];

export function* timestampVariants(sent: string, rule: TimestampRule): Generator<TimestampVariant> {
  const instant = parseTimestamp(sent, rule);
  if (instant === undefined) return;
  const seen = new Set([sent]);
  for (const format of FORMATS) {
    const value = formatTimestamp(instant, { ...rule, ...format });
    if (seen.has(value)) continue;
    seen.add(value);
    yield {
      value,
      cause: `the peer signed the timestamp as "${value}" but sent "${sent}"`,
      fix: "sign the timestamp string exactly as it is sent, in the scheme's format",
    };
  }
  for (let offset = 1; offset <= MAX_SKEW_SECONDS; offset++) {
    for (const sign of [-1, 1]) {
      const value = formatTimestamp(instant + sign * offset * 1000, rule);
      if (seen.has(value)) continue;
      seen.add(value);
      yield {
        value,
        cause: `the peer signed timestamp "${value}" but sent "${sent}" (${sign * offset > 0 ? "+" : ""}${sign * offset} s): it read the clock twice`,
        fix: "read the clock once; sign and send that one value",
      };
    }
  }
}
