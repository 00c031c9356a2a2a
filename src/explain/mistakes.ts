/**
 * The usual mistakes behind "invalid signature", each as a mutation of the correct signing attempt.
 * The detector signs every mutation with the one core and compares the result with the received
 * signature: a match names the mistake the peer made. Ids are stable (tests and --json use them).
 *
 * Sources: seed 000 (hex vs base64; a verifier that lowercased a base64 signature), seed 004 (query
 * canonicalisation between PHP and Python, decoded paths, base64-decoded secrets), seed 001 (what is
 * covered; a GET body signed as empty bytes), seed 003 (re-serialised JSON bodies, timestamps with microseconds).
 */

import { canonicalQuery } from "../../templates/runtime/canonical-query.js";
import { utf8, utf8Text } from "../../templates/runtime/encoding.js";
import { splitRequestTarget } from "../../templates/runtime/request-target.js";
import { canonicalPath } from "../../templates/runtime/template/canonical-path.js";
import { signsBodyAsEmpty } from "../../templates/runtime/template/signed-body.js";
import type { Component, HashAlgorithm, HmacScheme, QueryRule } from "../../templates/runtime/types.js";
import type { SignAttempt } from "./attempt.js";
import { secretMistakes } from "./secret-mistakes.js";
import { timestampVariants } from "./timestamp-variants.js";

export const MISTAKE_IDS = [
  "encoding",
  "case-lowered",
  "case-uppered",
  "secret-as-text",
  "secret-decoded",
  "path-form",
  "path-prefix",
  "query-order",
  "query-encoding",
  "query-plus",
  "component-missing",
  "component-extra",
  "component-order",
  "separator",
  "timestamp",
  "nonce",
  "algorithm",
  "body",
  "body-hash",
  "template",
] as const;
export type MistakeId = (typeof MISTAKE_IDS)[number];

export interface Mistake {
  id: MistakeId;
  /** What the peer did, for this request. */
  cause: string;
  /** What to change, on which side. */
  fix: string;
}

export interface Variant {
  mistake: Mistake;
  attempt: SignAttempt;
}

const PATH_FORMS = ["as-sent", "decoded", "reencoded"] as const;
const PATH_FORM_TEXT: Record<(typeof PATH_FORMS)[number], string> = {
  "as-sent": "the path exactly as sent",
  decoded: "the percent-decoded path (Django's request.path, PHP rawurldecode)",
  reencoded: "the RFC 3986 normalised path",
};
const HASHES: HashAlgorithm[] = ["sha256", "sha512", "sha384", "sha1"];

/** Every mutation of `base` that is a known mistake and changes what gets signed. */
export function* mistakeVariants(
  base: SignAttempt,
  aliasValues: { timestamp: string[]; nonce: string[] },
  basePaths: readonly string[] = [],
): Generator<Variant> {
  yield* secretVariants(base);
  yield* pathVariants(base);
  yield* prefixVariants(base, basePaths);
  yield* queryVariants(base);
  yield* componentVariants(base);
  yield* valueVariants(base, aliasValues);
  yield* algorithmVariants(base);
  yield* bodyVariants(base);
}

function withScheme(base: SignAttempt, patch: Partial<HmacScheme>): SignAttempt {
  return { ...base, scheme: { ...base.scheme, ...patch } };
}

function* secretVariants(base: SignAttempt): Generator<Variant> {
  const { secret, scheme } = base;
  if (typeof secret !== "string") return;
  for (const { mistake, key } of secretMistakes(scheme.secretEncoding, secret)) yield { mistake, attempt: { ...base, secret: key } };
}

function* pathVariants(base: SignAttempt): Generator<Variant> {
  const { scheme } = base;
  if (!scheme.stringToSign.components.includes("path")) return;
  const rawPath = pathOf(base.request.url);
  const ours = canonicalPath(rawPath, scheme.path.form);
  const seen = new Set([ours]);
  for (const form of PATH_FORMS) {
    const theirs = canonicalPath(rawPath, form);
    if (seen.has(theirs)) continue;
    seen.add(theirs);
    yield {
      mistake: {
        id: "path-form",
        cause: `the peer signed ${PATH_FORM_TEXT[form]} "${theirs}", the scheme signs ${PATH_FORM_TEXT[scheme.path.form]} "${ours}"`,
        fix: `make both sides sign the path the same way (x-hmac path.form: ${scheme.path.form})`,
      },
      attempt: withScheme(base, { path: { form } }),
    };
  }
}

/**
 * A proxy or framework mount between signer and verifier: the peer signed the path without the prefix the
 * request carries (an Express router mounted with app.use("/v1", ...) that read req.url, not originalUrl),
 * or with a base path (the spec's servers URL) the request no longer carries.
 */
function* prefixVariants(base: SignAttempt, basePaths: readonly string[]): Generator<Variant> {
  if (!base.scheme.stringToSign.components.includes("path")) return;
  const { path, query } = splitRequestTarget(base.request.url);
  const withPath = (signed: string): SignAttempt => ({
    ...base,
    request: { ...base.request, url: query === "" ? signed : `${signed}?${query}` },
  });
  const segments = path.split("/");
  // "/v1/items/" → "/items/", then "/" + the rest of each shorter tail; never the empty path.
  for (let cut = 2; cut < segments.length - 1; cut++) {
    const prefix = segments.slice(0, cut).join("/");
    const stripped = `/${segments.slice(cut).join("/")}`;
    yield {
      mistake: {
        id: "path-prefix",
        cause: `a path prefix stripped: the peer signed "${stripped}", without the "${prefix}" the request carries (a mount path or proxy prefix removed before signing or verifying)`,
        fix: `sign and verify the path as sent, "${path}": behind a mount, read the original URL (Express req.originalUrl), and give the verifier the prefix as a base path`,
      },
      attempt: withPath(stripped),
    };
  }
  for (const prefix of basePaths) {
    const trimmed = prefix.replace(/\/+$/, "");
    if (trimmed === "" || path.startsWith(`${trimmed}/`)) continue;
    yield {
      mistake: {
        id: "path-prefix",
        cause: `a path prefix added: the peer signed "${trimmed}${path}", with the servers base path "${trimmed}" the request does not carry`,
        fix: `sign the path the request is sent with; if the server expects "${trimmed}", send it (baseUrl with the prefix) and sign that`,
      },
      attempt: withPath(`${trimmed}${path}`),
    };
  }
}

function* queryVariants(base: SignAttempt): Generator<Variant> {
  const { scheme } = base;
  if (!scheme.stringToSign.components.includes("query")) return;
  const rawQuery = queryOf(base.request.url);
  if (rawQuery === "") return;
  const ours = canonicalQuery(rawQuery, scheme.query);
  const seen = new Set([ours]);
  const rule = scheme.query;
  const canonical: QueryRule = { ...rule, form: "canonical" };
  const candidates: Array<{ id: MistakeId; rule: QueryRule; cause: string; fix: string }> = [];
  if (rule.form === "as-sent") {
    candidates.push({
      id: "query-encoding",
      rule: canonical,
      cause: "the peer canonicalised the query (decoded, re-encoded, sorted); the scheme signs it as sent",
      fix: "sign the raw query string exactly as it goes on the wire",
    });
    candidates.push({
      id: "query-order",
      rule: { ...canonical, sort: true },
      cause: "the peer sorted the query parameters; the scheme signs them in the order sent",
      fix: "sign the raw query string exactly as it goes on the wire",
    });
  } else {
    // The most specific cause first: where two mutations sign the same bytes, the first one is reported.
    candidates.push({
      id: "query-order",
      rule: { ...rule, sort: !rule.sort },
      cause: rule.sort
        ? "the peer kept the parameters in the order sent; the scheme sorts them"
        : "the peer sorted the parameters; the scheme keeps their order",
      fix: rule.sort
        ? "sort by (encoded key, encoded value), byte order (strcmp in PHP, not <=>)"
        : "keep the parameters in the order sent",
    });
    candidates.push({
      id: "query-encoding",
      rule: { ...rule, form: "as-sent" },
      cause: "the peer signed the raw query as sent; the scheme signs its canonical form",
      fix: "canonicalise the query before signing: decode, re-encode (RFC 3986), sort by encoded pairs (seed 004)",
    });
    candidates.push({
      id: "query-encoding",
      rule: { ...rule, hexCase: rule.hexCase === "upper" ? "lower" : "upper" },
      cause: `the peer wrote percent-escapes in ${rule.hexCase === "upper" ? "lower" : "upper"} case (%2f vs %2F)`,
      fix: `write escapes in ${rule.hexCase} case, as RFC 3986 §6.2.2.1 recommends upper case`,
    });
    candidates.push({
      id: "query-encoding",
      rule: { ...rule, safe: `${rule.safe}/` },
      cause: "the peer left / unescaped in query values (Python's quote() default safe='/')",
      fix: `escape everything but ${rule.safe}: quote(value, safe="${rule.safe}") in Python`,
    });
    if (rule.safe.includes("~")) {
      candidates.push({
        id: "query-encoding",
        rule: { ...rule, safe: rule.safe.replace("~", "") },
        cause: "the peer escaped ~ as %7E (PHP rawurlencode before 5.3, urlencode)",
        fix: "leave ~ bare: str_replace('%7E', '~', rawurlencode($v)) in PHP",
      });
    }
    candidates.push({
      id: "query-encoding",
      rule: { ...rule, blanks: rule.blanks === "keep" ? "drop" : "keep" },
      cause: rule.blanks === "keep" ? "the peer dropped blank parameters (a=)" : "the peer kept blank parameters (a=)",
      fix: rule.blanks === "keep" ? "keep blank values: parse_qsl(query, keep_blank_values=True) in Python" : "drop blank values",
    });
    candidates.push({
      id: "query-plus",
      rule: { ...rule, plus: rule.plus === "space" ? "literal" : "space" },
      cause: rule.plus === "space" ? "the peer read + as a literal plus, not a space" : "the peer read + as a space (form encoding)",
      fix: rule.plus === "space" ? "decode + as a space before re-encoding, as parse_qsl and PHP's form decoding do" : "keep + as a plus",
    });
  }
  for (const candidate of candidates) {
    const theirs = canonicalQuery(rawQuery, candidate.rule);
    if (seen.has(theirs)) continue;
    seen.add(theirs);
    yield {
      mistake: { id: candidate.id, cause: `${candidate.cause}: "${theirs}"`, fix: candidate.fix },
      attempt: withScheme(base, { query: candidate.rule }),
    };
  }
  // `+` vs `%20`: the peer signed one spelling of a space and sent the other (an HTTP library re-encoded).
  for (const [from, to] of [
    ["+", "%20"],
    ["%20", "+"],
  ] as const) {
    if (!rawQuery.includes(from)) continue;
    const signedQuery = rawQuery.split(from).join(to);
    if (seen.has(canonicalQuery(signedQuery, scheme.query))) continue;
    yield {
      mistake: {
        id: "query-plus",
        cause: `the peer signed the query with ${to} where the request carries ${from} ("${signedQuery}"): its HTTP library re-encoded the URL after signing`,
        fix: "sign the URL exactly as the HTTP library sends it (sign last, after the URL is serialised)",
      },
      attempt: { ...base, request: { ...base.request, url: `${pathOf(base.request.url)}?${signedQuery}` } },
    };
  }
}

function* componentVariants(base: SignAttempt): Generator<Variant> {
  const { scheme } = base;
  const components = scheme.stringToSign.components;
  const separator = scheme.stringToSign.separator;
  const withComponents = (list: Component[], sep = separator): SignAttempt =>
    withScheme(base, { stringToSign: { components: list, separator: sep } });
  for (const [index, component] of components.entries()) {
    if (components.length === 1) break;
    yield {
      mistake: {
        id: "component-missing",
        cause: `the peer left ${component} out of the string to sign`,
        fix: `sign ${components.join(` "${visible(separator)}" `)}`,
      },
      attempt: withComponents(components.filter((_, i) => i !== index)),
    };
  }
  yield {
    mistake: {
      id: "separator",
      cause: `the peer's string to sign ends with an extra "${visible(separator)}"`,
      fix: "join the components with the separator, without a trailing one (implode / str.join, not a loop that appends)",
    },
    attempt: withComponents([...components, "literal:"]),
  };
  const available: Component[] = ["method", "path", "query", "bodyHash", "body"];
  if (scheme.timestamp) available.push("timestamp");
  if (scheme.nonce) available.push("nonce");
  if (scheme.keyId) available.push("keyId");
  for (const component of available) {
    if (components.includes(component)) continue;
    for (let position = 0; position <= components.length; position++) {
      yield {
        mistake: {
          id: "component-extra",
          cause: `the peer also signed ${component} (at position ${position + 1}), which the scheme does not cover`,
          fix: `sign only ${components.join(", ")}; if ${component} should be covered, add it to stringToSign.components on both sides`,
        },
        attempt: withComponents([...components.slice(0, position), component, ...components.slice(position)]),
      };
    }
  }
  for (let index = 0; index + 1 < components.length; index++) {
    const swapped = [...components];
    [swapped[index], swapped[index + 1]] = [swapped[index + 1] as Component, swapped[index] as Component];
    yield {
      mistake: {
        id: "component-order",
        cause: `the peer signed ${components[index + 1]} before ${components[index]}`,
        fix: `keep the order ${components.join(", ")}`,
      },
      attempt: withComponents(swapped),
    };
  }
  const otherSeparators = separator === "\n" ? ["\r\n"] : separator === "\r\n" ? ["\n"] : [];
  for (const other of otherSeparators) {
    yield {
      mistake: {
        id: "separator",
        cause: `the peer joined the components with "${visible(other)}", not "${visible(separator)}" (Windows line endings)`,
        fix: `join with "${visible(separator)}"`,
      },
      attempt: withComponents(components, other),
    };
  }
}

function* valueVariants(base: SignAttempt, aliasValues: { timestamp: string[]; nonce: string[] }): Generator<Variant> {
  const { scheme } = base;
  const components = scheme.stringToSign.components;
  if (scheme.timestamp && base.timestamp !== undefined && components.includes("timestamp")) {
    for (const other of aliasValues.timestamp) {
      if (other === base.timestamp) continue;
      yield {
        mistake: {
          id: "timestamp",
          cause: `the peer signed the timestamp of a legacy alias header ("${other}"), which disagrees with the one read ("${base.timestamp}")`,
          fix: "send one timestamp; a header and its alias must carry the same value",
        },
        attempt: { ...base, timestamp: other },
      };
    }
    for (const variant of timestampVariants(base.timestamp, scheme.timestamp)) {
      yield { mistake: { id: "timestamp", cause: variant.cause, fix: variant.fix }, attempt: { ...base, timestamp: variant.value } };
    }
  }
  if (scheme.nonce && base.nonce !== undefined && components.includes("nonce")) {
    const candidates = new Map<string, string>();
    for (const other of aliasValues.nonce) candidates.set(other, `the nonce of a legacy alias header ("${other}")`);
    candidates.set(base.nonce.toLowerCase(), `the nonce in lower case ("${base.nonce.toLowerCase()}")`);
    candidates.set(base.nonce.toUpperCase(), `the nonce in upper case ("${base.nonce.toUpperCase()}")`);
    candidates.set("", "an empty nonce (it generated one after signing)");
    candidates.delete(base.nonce);
    for (const [value, what] of candidates) {
      yield {
        mistake: {
          id: "nonce",
          cause: `the peer signed ${what}, but the request carries "${base.nonce}"`,
          fix: "generate the nonce once, sign it and send exactly that value",
        },
        attempt: { ...base, nonce: value },
      };
    }
  }
}

function* algorithmVariants(base: SignAttempt): Generator<Variant> {
  for (const algorithm of HASHES) {
    if (algorithm === base.algorithm) continue;
    yield {
      mistake: {
        id: "algorithm",
        cause: `the peer used HMAC-${algorithm.toUpperCase()}, the request calls for HMAC-${base.algorithm.toUpperCase()}`,
        fix: `use ${base.algorithm} on both sides`,
      },
      attempt: { ...withScheme(base, { algorithm, acceptedAlgorithms: [algorithm] }), algorithm },
    };
  }
}

function* bodyVariants(base: SignAttempt): Generator<Variant> {
  const { scheme } = base;
  const components = scheme.stringToSign.components;
  const body = base.request.body instanceof Uint8Array ? base.request.body : undefined;
  if (!body || !(components.includes("bodyHash") || components.includes("body"))) return;
  const method = base.request.method.toUpperCase();
  if (body.length > 0 && signsBodyAsEmpty(scheme.body, method)) {
    // Nothing else about this body can matter: the scheme signs empty bytes in its place.
    yield {
      mistake: {
        id: "body-hash",
        cause: `the peer hashed the ${method} body; the scheme signs empty bytes for ${method} whatever body is sent (seed 004)`,
        fix: `hash the empty string for ${method}, as TokenSigner and DRF do, or send no body`,
      },
      attempt: withScheme(base, { body: { ...scheme.body, emptyFor: scheme.body.emptyFor.filter((name) => name !== method) } }),
    };
    return;
  }
  if (body.length > 0 && components.includes("bodyHash")) {
    yield {
      mistake: {
        id: "body-hash",
        cause: `the peer signed empty bytes for the ${method} body (seed 004's rule for GET); the scheme hashes the body as sent`,
        fix: `hash the ${method} body as sent, or declare body.emptyFor: ["${method}"] if both sides really sign it as empty`,
      },
      attempt: withScheme(base, { body: { ...scheme.body, emptyFor: [...scheme.body.emptyFor, method] } }),
    };
  }
  const text = utf8Text(body);
  if (text.endsWith("\n")) {
    yield {
      mistake: {
        id: "body",
        cause: "the peer signed the body without its final newline",
        fix: "sign the exact bytes sent; a file read with curl -d loses its newlines, --data-binary keeps them",
      },
      attempt: { ...base, request: { ...base.request, body: body.slice(0, text.endsWith("\r\n") ? -2 : -1) } },
    };
  } else if (body.length > 0) {
    yield {
      mistake: {
        id: "body",
        cause: "the peer signed the body with a final newline the request does not carry",
        fix: "sign the exact bytes sent (an editor added a newline to the file, or the sender stripped it)",
      },
      attempt: { ...base, request: { ...base.request, body: utf8(`${text}\n`) } },
    };
  }
  if (body.length > 0 && /^\s*[[{]/.test(text)) {
    const json = scheme.body.json === "as-sent" ? "python-compact" : "as-sent";
    yield {
      mistake: {
        id: "body",
        cause:
          json === "python-compact"
            ? "the peer hashed its parsed JSON re-serialised (json.dumps), not the bytes sent (seed 003)"
            : "the peer hashed the bytes sent, but the scheme hashes the JSON the server re-serialises (seed 003)",
        fix: json === "python-compact" ? "hash the raw body bytes" : "hash json.dumps(data, separators=(',', ':')) as the server does",
      },
      attempt: withScheme(base, { body: { ...scheme.body, json } }),
    };
  }
  if (!components.includes("bodyHash")) return;
  for (const encoding of ["hex", "base64", "HEX", "base64url"] as const) {
    if (encoding === scheme.body.hashEncoding) continue;
    yield {
      mistake: {
        id: "body-hash",
        cause: `the peer wrote the body hash in ${encoding}, the scheme in ${scheme.body.hashEncoding}`,
        fix: `encode the body hash as ${scheme.body.hashEncoding}`,
      },
      attempt: withScheme(base, { body: { ...scheme.body, hashEncoding: encoding } }),
    };
  }
  for (const algorithm of HASHES) {
    if (algorithm === scheme.body.hashAlgorithm) continue;
    yield {
      mistake: {
        id: "body-hash",
        cause: `the peer hashed the body with ${algorithm}, the scheme with ${scheme.body.hashAlgorithm}`,
        fix: `hash the body with ${scheme.body.hashAlgorithm}`,
      },
      attempt: withScheme(base, { body: { ...scheme.body, hashAlgorithm: algorithm } }),
    };
  }
  if (body.length === 0) {
    const empty = scheme.body.empty === "hash" ? "empty-string" : "hash";
    yield {
      mistake: {
        id: "body-hash",
        cause:
          empty === "empty-string"
            ? "the peer signed nothing for the empty body; the scheme signs the hash of the empty string (seed 004)"
            : "the peer signed the hash of the empty string; the scheme signs nothing for an empty body (seed 003)",
        fix:
          empty === "empty-string"
            ? "hash the empty body too (e3b0c442... for sha256 hex)"
            : "leave the body hash empty when there is no body",
      },
      attempt: withScheme(base, { body: { ...scheme.body, empty } }),
    };
  }
}

function pathOf(url: string): string {
  return splitRequestTarget(url).path;
}

function queryOf(url: string): string {
  return splitRequestTarget(url).query;
}

function visible(text: string): string {
  return text.replace(/\r/g, "\\r").replace(/\n/g, "\\n").replace(/\t/g, "\\t");
}
