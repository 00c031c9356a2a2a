/**
 * Timestamp formats and the freshness window. Past and future tolerances are separate because real
 * verifiers differ: django-api-key and nextcloud-drf allow 300 s either way, django_hmac_authentication
 * allows 5 s of age and none ahead.
 */
import type { TimestampRule } from "../types.js";

export function formatTimestamp(epochMs: number, rule: TimestampRule): string {
  switch (rule.format) {
    case "unix":
      return String(Math.floor(epochMs / 1000));
    case "unix-ms":
      return String(Math.floor(epochMs));
    case "http-date":
      // Date#toUTCString writes the IMF-fixdate of RFC 9110 §5.6.7: "Sun, 06 Nov 1994 08:49:37 GMT".
      return new Date(Math.floor(epochMs / 1000) * 1000).toUTCString();
    case "iso8601":
      return formatIso8601(epochMs, rule);
  }
}

function formatIso8601(epochMs: number, rule: TimestampRule): string {
  const iso = new Date(Math.floor(epochMs)).toISOString(); // 2023-05-07T14:15:37.862Z
  const seconds = iso.slice(0, 19);
  const millis = iso.slice(20, 23);
  const fraction = rule.fractionDigits === 0 ? "" : `.${`${millis}000`.slice(0, rule.fractionDigits)}`;
  return `${seconds}${fraction}${rule.utcSuffix}`;
}

const ISO8601 = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;
const HTTP_DATE = /* @__PURE__ */ new RegExp(
  "^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) " +
    "(\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$",
);
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Milliseconds since the epoch, or undefined when the text is not a valid timestamp of the format. */
export function parseTimestamp(text: string, rule: TimestampRule): number | undefined {
  switch (rule.format) {
    case "unix":
      // Digits only: no sign, no fraction, no exponent, no whitespace; at most year 33658.
      return /^\d{1,12}$/.test(text) ? Number(text) * 1000 : undefined;
    case "unix-ms":
      return /^\d{1,15}$/.test(text) ? Number(text) : undefined;
    case "iso8601":
      return parseIso8601(text);
    case "http-date":
      return parseHttpDate(text);
  }
}

function parseIso8601(text: string): number | undefined {
  const match = ISO8601.exec(text);
  if (!match) return undefined; // a timestamp without an offset is ambiguous, so it is malformed
  const [, year, month, day, hour, minute, second, fraction = "", zulu, sign, offsetH, offsetM] = match;
  const base = utcMillis(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second));
  if (base === undefined) return undefined;
  // Whole milliseconds exactly (no float error), then the sub-millisecond rest (Python's microseconds).
  const wholeMillis = Number(fraction.slice(0, 3).padEnd(3, "0"));
  const millis = fraction.length > 3 ? wholeMillis + Number(`0.${fraction.slice(3)}`) : wholeMillis;
  const offsetMinutes = zulu ? 0 : (sign === "-" ? -1 : 1) * (Number(offsetH) * 60 + Number(offsetM));
  if (!zulu && (Number(offsetH) > 23 || Number(offsetM) > 59)) return undefined;
  return base + millis - offsetMinutes * 60_000;
}

function parseHttpDate(text: string): number | undefined {
  const match = HTTP_DATE.exec(text);
  if (!match) return undefined;
  const [, day, monthName = "", year, hour, minute, second] = match;
  const parsed = utcMillis(
    Number(year),
    MONTHS.indexOf(monthName) + 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  // The weekday must match the date, or the value was not produced by a correct formatter.
  return parsed !== undefined && new Date(parsed).toUTCString() === text ? parsed : undefined;
}

function utcMillis(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  // setUTCFullYear, not Date.UTC, which reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const millis = date.getTime();
  // Date.UTC rolls 31 February over into March; a real date survives the round trip.
  return new Date(millis).getUTCDate() === day ? millis : undefined;
}

export type Freshness = "fresh" | "stale" | "future";

/**
 * The clock reads whole milliseconds (Date.now floors the true time), while an ISO-8601 timestamp may carry
 * microseconds (Python's datetime.isoformat()). django_hmac_authentication compares two microsecond datetimes,
 * so a request signed earlier in the current millisecond is not in its future: the future side compares
 * the timestamp floored to the clock's millisecond, never refusing what the microsecond server accepts.
 */
export function checkFreshness(timestampMs: number, nowMs: number, rule: TimestampRule): Freshness {
  if (nowMs - timestampMs > rule.pastSeconds * 1000) return "stale";
  if (Math.floor(timestampMs) - nowMs > rule.futureSeconds * 1000) return "future";
  return "fresh";
}
