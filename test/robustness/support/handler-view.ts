/**
 * The judge of the signed-mutation property: a response to a mutated request is right if it is 4xx and
 * no handler ran, or if the one handler that ran got what was signed. "What was signed" is compared the
 * way a handler reads a request, independent of the verifier's canonical forms (which are what is under
 * test): the method exactly; the path as its list of percent-decoded segments (so `%41` and `A` are one
 * path, `a%2Fb` and `a/b` are not); the query as each name's values in order, decoded as URLSearchParams
 * and every framework's parser do (`+` is a space); the body byte for byte, or as its JSON value where
 * the scheme signs the value (python-compact, seed 003); covered and credential headers by value.
 * A sorted query (nextcloud-drf, SigV4) signs no order among a name's values: the verifier hands the
 * handler one order (docs/decisions/0007), so there the query must equal what the intact request's handler
 * got, and the intact one must hold the values it was sent, in some order.
 */
import type { SigningScheme } from "../../../templates/runtime/types.js";
import type { Coverage, SignedCase } from "./random-operations.js";
import type { Seen } from "./route-harness.js";

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function split(url: string): { path: string; query: string } {
  const q = url.indexOf("?");
  return q < 0 ? { path: url, query: "" } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

export function pathView(url: string): string[] {
  return split(url).path.split("/").map(safeDecode);
}

export function queryView(url: string, unordered = false): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(split(url).query)) byName.set(name, [...(byName.get(name) ?? []), value]);
  const entries = [...byName].map(([name, values]) => [name, unordered ? [...values].sort() : values] as const);
  return JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function sortsQuery(scheme: SigningScheme): boolean {
  return scheme.profile === "aws-sigv4" || (scheme.profile === undefined && scheme.query.form === "canonical" && scheme.query.sort);
}

function bodyView(scheme: SigningScheme, latin1: string): string {
  if (scheme.profile !== undefined || scheme.body.json !== "python-compact") return latin1;
  const text = Buffer.from(latin1, "latin1").toString("utf8");
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return latin1;
  }
}

function headerOf(headers: ReadonlyArray<[string, string]> | Record<string, string>, name: string): string | undefined {
  if (!Array.isArray(headers)) return (headers as Record<string, string>)[name];
  const found = headers.filter(([n]) => n.toLowerCase() === name);
  return found.length === 0 ? undefined : found.map(([, v]) => v.trim()).join(", ");
}

function caseInsensitiveSignature(scheme: SigningScheme, header: string): boolean {
  return scheme.profile === undefined && scheme.signature.caseInsensitive && scheme.signature.carrier.name.toLowerCase() === header;
}

/** Undefined when the handler got what was signed, else what differs. */
export function differsFromSigned(signed: SignedCase, coverage: Coverage, got: Seen, intact: Seen): string | undefined {
  const sent = signed.request;
  const queryReference = sortsQuery(signed.scheme) ? intact.url : sent.target;
  if (coverage.method && got.method !== sent.method) return `method ${got.method}, signed ${sent.method}`;
  if (coverage.path && JSON.stringify(pathView(got.url)) !== JSON.stringify(pathView(sent.target)))
    return `path ${split(got.url).path}, signed ${split(sent.target).path}`;
  if (coverage.query && queryView(got.url) !== queryView(queryReference))
    return `query ${queryView(got.url)}, signed ${queryView(queryReference)}`;
  if (coverage.body && bodyView(signed.scheme, got.body) !== bodyView(signed.scheme, sent.body.toString("latin1")))
    return `body ${JSON.stringify(got.body)}, signed ${JSON.stringify(sent.body.toString("latin1"))}`;
  for (const name of [...signed.coveredHeaders, ...signed.signerHeaders]) {
    const want = headerOf(sent.headers, name);
    const have = headerOf(got.headers, name);
    const same = caseInsensitiveSignature(signed.scheme, name) ? want?.toLowerCase() === have?.toLowerCase() : want === have;
    if (!same) return `header ${name} ${JSON.stringify(have)}, signed ${JSON.stringify(want)}`;
  }
  return undefined;
}

/** The unmutated request: the handler must get every byte as sent (target, body, each header's value). */
export function differsFromSent(signed: SignedCase, got: Seen): string | undefined {
  const sent = signed.request;
  if (got.method !== sent.method) return `method ${got.method}, sent ${sent.method}`;
  const reordered =
    sortsQuery(signed.scheme) &&
    split(got.url).path === split(sent.target).path &&
    queryView(got.url, true) === queryView(sent.target, true);
  if (got.url !== sent.target && !reordered) return `target ${got.url}, sent ${sent.target}`;
  if (got.body !== sent.body.toString("latin1"))
    return `body ${JSON.stringify(got.body)}, sent ${JSON.stringify(sent.body.toString("latin1"))}`;
  if (!got.ended) return "the body stream never ended for the handler";
  for (const [name, value] of sent.headers) {
    if (got.headers[name.toLowerCase()] !== value.trim()) return `header ${name} ${got.headers[name.toLowerCase()]}, sent ${value}`;
  }
  return undefined;
}
