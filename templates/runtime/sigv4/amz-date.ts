/**
 * X-Amz-Date: ISO 8601 basic format in UTC, `YYYYMMDD'T'HHMMSS'Z'`; its first eight characters are the
 * credential scope's date (AWS IAM User Guide, "Elements of an AWS API request signature").
 */

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export interface AmzDate {
  /** `20150830T123600Z` */
  long: string;
  /** `20150830` */
  short: string;
}

/**
 * The last second formatted: a signer asks for the same second many times (toISOString and two regexes were 6% of
 * signing).
 */
let lastSecond = Number.NaN;
let lastDate: Readonly<AmzDate> = { long: "", short: "" };

export function formatAmzDate(epochMs: number): AmzDate {
  const second = Math.floor(epochMs / 1000);
  if (second === lastSecond) return lastDate;
  const long = new Date(second * 1000)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
  lastSecond = second;
  // Frozen: every caller in this second shares it.
  lastDate = Object.freeze({ long, short: long.slice(0, 8) });
  return lastDate;
}

/** Milliseconds since the epoch, or undefined when the text is not a real instant in the basic format. */
export function parseAmzDate(text: string): number | undefined {
  const match = AMZ_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 20150231 over to March: a date that does not round-trip is not a date.
  return formatAmzDate(ms).long === text ? ms : undefined;
}

/**
 * The X-Amz-Date to send: an exact value (`sign --timestamp`, known-answer tests) in the basic format or
 * any ISO 8601 instant, else the clock.
 */
export function amzDateFor(exact: string | undefined, now: () => number): AmzDate | undefined {
  if (exact === undefined) return formatAmzDate(now());
  const basic = parseAmzDate(exact);
  if (basic !== undefined) return formatAmzDate(basic);
  const parsed = /^\d{4}-\d{2}-\d{2}T/.test(exact) ? Date.parse(exact) : Number.NaN;
  return Number.isNaN(parsed) ? undefined : formatAmzDate(parsed);
}
