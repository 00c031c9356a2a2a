/**
 * The query string as the scheme signs it. `canonical` follows Nextcloud TokenSigner's and DRF's contract
 * (nextcloud-drf):
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
  const keys: string[] = [];
  const values: string[] = [];
  // One pass over the raw query with indexOf, no split arrays: this runs on every signed request. The next
  // "=" is remembered, so segments without one do not search the rest of the query again (quadratic).
  let equals = -1;
  for (let start = 0; start <= rawQuery.length; ) {
    let end = rawQuery.indexOf("&", start);
    if (end < 0) end = rawQuery.length;
    // Empty segments (`a=1&&b=2`) carry nothing; Python's parse_qsl skips them too.
    if (end > start) {
      if (equals < start) {
        equals = rawQuery.indexOf("=", start);
        if (equals < 0) equals = Number.POSITIVE_INFINITY;
      }
      const hasValue = equals < end;
      const rawValue = hasValue ? rawQuery.slice(equals + 1, end) : "";
      if (!(rule.blanks === "drop" && rawValue === "")) {
        keys.push(reencode(rawQuery.slice(start, hasValue ? equals : end), rule, bare));
        values.push(reencode(rawValue, rule, bare));
      }
    }
    start = end + 1;
  }
  const order = keys.map((_, index) => index);
  if (rule.sort) sortPairs(order, keys, values);
  let out = "";
  for (let i = 0; i < order.length; i++) {
    const index = order[i] as number;
    out += `${i === 0 ? "" : "&"}${keys[index]}=${values[index]}`;
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

/**
 * Sorts pair indices by (key, value). Ordinal order of ASCII strings, the same as PHP strcmp and
 * Python's tuple sort here. Queries are short and often already in order, so an insertion sort
 * (n - 1 comparisons when sorted, stable) beats Array.prototype.sort's comparator calls; long ones use sort.
 */
function sortPairs(order: number[], keys: readonly string[], values: readonly string[]): void {
  const before = (a: number, b: number): boolean => {
    const keyA = keys[a] as string;
    const keyB = keys[b] as string;
    return keyA === keyB ? (values[a] as string) < (values[b] as string) : keyA < keyB;
  };
  if (order.length > 16) {
    order.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    return;
  }
  for (let i = 1; i < order.length; i++) {
    const current = order[i] as number;
    let j = i - 1;
    while (j >= 0 && before(current, order[j] as number)) {
      order[j + 1] = order[j] as number;
      j--;
    }
    order[j + 1] = current;
  }
}
