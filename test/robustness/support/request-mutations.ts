/**
 * Mutations of a signed request's covered parts, for the signed-mutation property (issue 16). A mutation
 * is plain data (a kind and a few numbers) applied to the raw request, so fast-check can shrink it and a
 * counterexample prints as what was changed. Each kind aims at one part: only the parts the scheme covers
 * are mutated (coverageOf), plus the credential headers the signer added.
 */
import fc from "fast-check";
import type { Coverage, SignedCase } from "./random-operations.js";
import type { RawRequest } from "./raw-http.js";

export const MUTATION_KINDS = [
  "method",
  "path-segment",
  "path-escape",
  "query",
  "query-escape",
  "covered-header",
  "body-byte",
  "credential",
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutation {
  /** Chosen among the kinds that apply to the case, modulo their number. */
  kind: number;
  /** Which element (segment, pair, byte, header, character), modulo their number. */
  at: number;
  /** Which variant of the change. */
  how: number;
  /** A character to write in. */
  char: string;
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.nat(),
  at: fc.nat(),
  how: fc.nat(),
  char: fc.constantFrom(..."aZ09-._~%/+&=;:", "%2F", "%2f", "%25", "%2E", "%20", "%2B", "%41", "%C3%A9"),
});

export function applicableKinds(coverage: Coverage, signed: SignedCase): MutationKind[] {
  return MUTATION_KINDS.filter((kind) => {
    if (kind === "method") return coverage.method;
    if (kind === "path-segment" || kind === "path-escape") return coverage.path;
    if (kind === "query" || kind === "query-escape") return coverage.query;
    if (kind === "body-byte") return coverage.body;
    if (kind === "covered-header") return signed.coveredHeaders.some((name) => headerIndex(signed.request, name) >= 0);
    return signed.signerHeaders.length > 0;
  });
}

export interface Applied {
  kind: MutationKind;
  /** What was done, for the counterexample. */
  what: string;
  request: RawRequest & { body: Buffer };
}

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;

function headerIndex(request: RawRequest, name: string): number {
  return request.headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
}

function splitTarget(target: string): { path: string; query: string | undefined } {
  const q = target.indexOf("?");
  return q < 0 ? { path: target, query: undefined } : { path: target.slice(0, q), query: target.slice(q + 1) };
}

const join = (path: string, query: string | undefined): string => (query === undefined ? path : `${path}?${query}`);

/** A different character of the same kind, so a flip is more than "now it is malformed". */
function flipChar(text: string, at: number, how: number): string {
  if (text.length === 0) return "x";
  const i = at % text.length;
  const c = text[i] as string;
  let next: string;
  if (how % 3 === 0 && c.toLowerCase() !== c.toUpperCase()) next = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
  else if (/[0-9]/.test(c)) next = String((Number(c) + 1 + (how % 8)) % 10);
  else if (/[a-f]/i.test(c)) next = String.fromCharCode(((c.toLowerCase().charCodeAt(0) - 97 + 1) % 6) + (c === c.toLowerCase() ? 97 : 65));
  else if (/[a-z]/i.test(c)) next = c === "z" ? "a" : c === "Z" ? "A" : String.fromCharCode(c.charCodeAt(0) + 1);
  else next = c === "=" ? "A" : c === "+" ? "/" : "0";
  return `${text.slice(0, i)}${next}${text.slice(i + 1)}`;
}

function mutatePath(path: string, m: Mutation): string {
  const segments = path.split("/");
  const i = 1 + (m.at % Math.max(1, segments.length - 1));
  const segment = segments[i] ?? "";
  const variants = [
    () => [...segments.slice(0, i), flipChar(segment, m.how, m.how), ...segments.slice(i + 1)],
    () => [...segments.slice(0, i), `${segment}${m.char}`, ...segments.slice(i + 1)],
    () => [...segments.slice(0, i), ...segments.slice(i + 1)],
    () => [...segments.slice(0, i), segment, segment, ...segments.slice(i + 1)],
    () => [...segments.slice(0, i), ".", segment, ...segments.slice(i + 1)],
    () => [...segments.slice(0, i), "x", "..", segment, ...segments.slice(i + 1)],
    () => [...segments.slice(0, i), "", segment, ...segments.slice(i + 1)],
    () => [...segments.slice(0, i), segment.toUpperCase(), ...segments.slice(i + 1)],
    () => (segments.at(-1) === "" ? segments.slice(0, -1) : [...segments, ""]),
  ];
  return pick(variants, m.how)().join("/");
}

/** Percent-escapes: encode a character, decode an escape, re-case its hex, a slash for %2F and back. */
function mutateEscape(path: string, m: Mutation): string {
  const escapes = [...path.matchAll(/%[0-9A-Fa-f]{2}/g)].map((match) => match.index ?? 0);
  const plain = [...path].map((c, i) => (c !== "/" && c !== "%" ? i : -1)).filter((i) => i > 0);
  const slashes = [...path].map((c, i) => (c === "/" ? i : -1)).filter((i) => i > 0 && i < path.length - 1);
  const variants: Array<() => string | undefined> = [
    () => {
      if (plain.length === 0) return undefined;
      const i = pick(plain, m.at);
      const hex = (path.codePointAt(i) ?? 0).toString(16).padStart(2, "0");
      return `${path.slice(0, i)}%${m.how % 2 ? hex.toUpperCase() : hex.toLowerCase()}${path.slice(i + 1)}`;
    },
    () => {
      if (escapes.length === 0) return undefined;
      const i = pick(escapes, m.at);
      const byte = Number.parseInt(path.slice(i + 1, i + 3), 16);
      // Only ASCII decodes to one character; a raw control or space is refused by Node's parser anyway.
      return byte < 0x80 ? `${path.slice(0, i)}${String.fromCharCode(byte)}${path.slice(i + 3)}` : undefined;
    },
    () => {
      if (escapes.length === 0) return undefined;
      const i = pick(escapes, m.at);
      const hex = path.slice(i + 1, i + 3);
      const recased = hex === hex.toUpperCase() ? hex.toLowerCase() : hex.toUpperCase();
      return recased === hex ? undefined : `${path.slice(0, i + 1)}${recased}${path.slice(i + 3)}`;
    },
    () => {
      if (slashes.length === 0) return undefined;
      const i = pick(slashes, m.at);
      return `${path.slice(0, i)}${m.how % 2 ? "%2F" : "%2f"}${path.slice(i + 1)}`;
    },
    () => {
      const i = path.search(/%2F/i);
      return i < 0 ? undefined : `${path.slice(0, i)}/${path.slice(i + 3)}`;
    },
    () => {
      if (plain.length === 0) return undefined;
      const i = pick(plain, m.at);
      return `${path.slice(0, i)}%25${path.slice(i)}`;
    },
  ];
  return pickApplicable(variants, m.how) ?? `${path}${m.char}`;
}

/** The variants that apply to this request, then one of them: a rare precondition is not a rare mutation. */
function pickApplicable(variants: Array<() => string | undefined>, how: number): string | undefined {
  const results = variants.map((variant) => variant()).filter((result): result is string => result !== undefined);
  return results.length === 0 ? undefined : pick(results, how);
}

/** Escapes in the query: `+`, `%20` and `%2B` swapped (form decoding makes `+` a space), re-cased, decoded, added. */
function mutateQueryEscape(query: string | undefined, m: Mutation): string {
  const text = query ?? "";
  const swap = (from: RegExp, to: string) => () => (from.test(text) ? text.replace(from, to) : undefined);
  const escapes = [...text.matchAll(/%[0-9A-Fa-f]{2}/g)].map((match) => match.index ?? 0);
  const plain = [...text].map((c, i) => (/[A-Za-z0-9]/.test(c) ? i : -1)).filter((i) => i >= 0);
  const variants: Array<() => string | undefined> = [
    swap(/%2B/i, "+"),
    swap(/%20/, "+"),
    swap(/\+/, "%2B"),
    swap(/\+/, "%20"),
    () => {
      if (escapes.length === 0) return undefined;
      const i = pick(escapes, m.at);
      const hex = text.slice(i + 1, i + 3);
      const recased = hex === hex.toUpperCase() ? hex.toLowerCase() : hex.toUpperCase();
      return recased === hex ? undefined : `${text.slice(0, i + 1)}${recased}${text.slice(i + 3)}`;
    },
    () => {
      if (escapes.length === 0) return undefined;
      const i = pick(escapes, m.at);
      const byte = Number.parseInt(text.slice(i + 1, i + 3), 16);
      return byte < 0x80 && byte > 0x20 ? `${text.slice(0, i)}${String.fromCharCode(byte)}${text.slice(i + 3)}` : undefined;
    },
    () => {
      if (plain.length === 0) return undefined;
      const i = pick(plain, m.at);
      return `${text.slice(0, i)}%${(text.codePointAt(i) ?? 0).toString(16).toUpperCase()}${text.slice(i + 1)}`;
    },
  ];
  return pickApplicable(variants, m.how) ?? `${text}${text ? "&" : ""}z=${m.char}`;
}

function mutateQuery(query: string | undefined, m: Mutation): string {
  const pairs = query === undefined || query === "" ? [] : query.split("&");
  const i = m.at % Math.max(1, pairs.length);
  const pair = pairs[i] ?? "";
  const eq = pair.indexOf("=");
  const name = eq < 0 ? pair : pair.slice(0, eq);
  const value = eq < 0 ? "" : pair.slice(eq + 1);
  const set = (next: string[]) => next.join("&");
  const variants: Array<() => string | undefined> = [
    () => (pairs.length === 0 ? undefined : set(pairs.map((p, j) => (j === i ? `${flipChar(name, m.how, m.how)}=${value}` : p)))),
    () => (pairs.length === 0 ? undefined : set(pairs.map((p, j) => (j === i ? `${name}=${flipChar(value, m.how, m.how)}` : p)))),
    () => (pairs.length === 0 ? undefined : set(pairs.map((p, j) => (j === i ? `${name}=${value}${m.char}` : p)))),
    () => (pairs.length < 2 ? undefined : set([...pairs.slice(i), ...pairs.slice(0, i)].reverse())),
    () => (pairs.length === 0 ? undefined : set([...pairs, pair])),
    () => (pairs.length === 0 ? undefined : set(pairs.filter((_, j) => j !== i))),
    () => set([...pairs, `${m.char}=1`]),
    () => set([...pairs, "blank"]),
    () => (value.includes("%20") ? set(pairs.map((p, j) => (j === i ? `${name}=${value.replace("%20", "+")}` : p))) : undefined),
    () => (value.includes("%2B") ? set(pairs.map((p, j) => (j === i ? `${name}=${value.replace("%2B", "+")}` : p))) : undefined),
    () => set([...pairs, ""]),
  ];
  return pick(variants, m.how)() ?? set([...pairs, `z${m.how}=${m.char}`]);
}

export function applyMutation(signed: SignedCase, coverage: Coverage, m: Mutation): Applied {
  const kinds = applicableKinds(coverage, signed);
  const kind = pick(kinds, m.kind);
  const original = signed.request;
  const request = { ...original, headers: [...original.headers], body: Buffer.from(original.body) };
  const { path, query } = splitTarget(original.target);
  const withBody = (body: Buffer): RawRequest & { body: Buffer } => ({
    ...request,
    body,
    headers: [...request.headers.filter(([n]) => n.toLowerCase() !== "content-length"), ["content-length", String(body.length)]],
  });
  switch (kind) {
    case "method": {
      const method = pick(
        ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"].filter((x) => x !== original.method),
        m.how,
      );
      return { kind, what: `method ${original.method} -> ${method}`, request: { ...request, method } };
    }
    case "path-segment":
    case "path-escape": {
      const next = kind === "path-segment" ? mutatePath(path, m) : mutateEscape(path, m);
      return { kind, what: `path ${path} -> ${next}`, request: { ...request, target: join(next, query) } };
    }
    case "query":
    case "query-escape": {
      const next = kind === "query" ? mutateQuery(query, m) : mutateQueryEscape(query, m);
      return { kind, what: `query ${query ?? "(none)"} -> ${next}`, request: { ...request, target: join(path, next) } };
    }
    case "covered-header": {
      const present = signed.coveredHeaders.filter((name) => headerIndex(request, name) >= 0);
      const name = pick(present, m.at);
      const index = headerIndex(request, name);
      const [header, value] = request.headers[index] as [string, string];
      const variants = [
        () => request.headers.map((h, j): [string, string] => (j === index ? [header, flipChar(value, m.how, m.how)] : h)),
        () => request.headers.map((h, j): [string, string] => (j === index ? [header, `${value}${m.char}`] : h)),
        () => request.headers.filter((_, j) => j !== index),
        () => [...request.headers, [header, `${value}x`] as [string, string]],
      ];
      const headers = pick(variants, m.how)();
      return { kind, what: `header ${name} (variant ${m.how % variants.length})`, request: { ...request, headers } };
    }
    case "body-byte": {
      const body = request.body;
      const variants = [
        () => (body.length === 0 ? Buffer.from(m.char) : Buffer.from(flipChar(body.toString("latin1"), m.at, m.how), "latin1")),
        () => Buffer.concat([body, Buffer.from(m.char)]),
        () => (body.length === 0 ? Buffer.from(" ") : body.subarray(0, body.length - 1)),
        () => Buffer.concat([Buffer.from(" "), body]),
      ];
      const next = pick(variants, m.how)();
      return {
        kind,
        what: `body ${JSON.stringify(body.toString("latin1"))} -> ${JSON.stringify(next.toString("latin1"))}`,
        request: withBody(next),
      };
    }
    case "credential": {
      const name = pick(signed.signerHeaders, m.at);
      const index = headerIndex(request, name);
      const [header, value] = request.headers[index] as [string, string];
      const variants = [
        () => flipChar(value, m.how >> 2, m.how),
        () => flipChar(value, value.length - 1 - ((m.how >> 2) % Math.max(1, value.length)), 0),
        () => value.toUpperCase(),
        () => value.toLowerCase(),
        () => value.slice(0, -1),
        () => `${value}${m.char}`,
      ];
      const next = pick(variants, m.how)();
      return {
        kind,
        what: `${name} ${JSON.stringify(value)} -> ${JSON.stringify(next)}`,
        request: { ...request, headers: request.headers.map((h, j): [string, string] => (j === index ? [header, next] : h)) },
      };
    }
  }
}
