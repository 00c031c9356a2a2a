/**
 * The query string as the scheme signs it. `canonical` follows seed 004's TokenSigner/DRF contract:
 * split on `&` keeping duplicates, `+` as space (form semantics) when configured, percent-decode,
 * re-encode with RFC 3986 unreserved characters left bare and upper-case hex (PHP rawurlencode with
 * `%7E` turned back into `~`; Python quote(safe="-_.~")), sort by (encoded key, encoded value),
 * join as `k=v&k=v` with no leading `?`.
 */
import { bareTable, percentDecodeToBytes, percentEncodeBytes } from "./percent-encoding.js";
import type { QueryRule } from "./types.js";

export function canonicalQuery(rawQuery: string, rule: QueryRule): string {
  if (rule.form === "as-sent") return rawQuery;
  if (rawQuery === "") return "";
  const bare = bareTable(rule.safe);
  const pairs: Array<[string, string]> = [];
  for (const segment of rawQuery.split("&")) {
    // Empty segments (`a=1&&b=2`) carry nothing; Python's parse_qsl skips them too.
    if (segment === "") continue;
    const equals = segment.indexOf("=");
    const rawKey = equals >= 0 ? segment.slice(0, equals) : segment;
    const rawValue = equals >= 0 ? segment.slice(equals + 1) : "";
    if (rule.blanks === "drop" && rawValue === "") continue;
    pairs.push([reencode(rawKey, rule, bare), reencode(rawValue, rule, bare)]);
  }
  if (rule.sort && pairs.length > 1) pairs.sort(comparePairs);
  let out = "";
  for (let i = 0; i < pairs.length; i++) {
    const [key, value] = pairs[i] as [string, string];
    out += i === 0 ? `${key}=${value}` : `&${key}=${value}`;
  }
  return out;
}

function reencode(component: string, rule: QueryRule, bare: Uint8Array): string {
  // Most values (`city=Bern`, `days=3`) hold only characters that stay bare: decoding and re-encoding
  // would give them back unchanged, so they skip both.
  let plain = true;
  for (let i = 0; i < component.length && plain; i++) {
    const code = component.charCodeAt(i);
    plain = code < 0x80 && bare[code] === 1;
  }
  if (plain) return component;
  const text = rule.plus === "space" ? component.replace(/\+/g, " ") : component;
  return percentEncodeBytes(percentDecodeToBytes(text), rule.safe, rule.hexCase);
}

/** Ordinal comparison of ASCII strings, the same as PHP strcmp and Python's tuple sort here. */
function comparePairs(a: [string, string], b: [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}
