/**
 * The spec-aware verifier: finds the operation a request hits, and checks its `security` alternatives
 * (OpenAPI 3.1 §4.8.30: any one alternative, every scheme in it) with the one core, verifyRequest.
 * A public operation passes. A path the spec does not declare is refused (`undeclared_route`, 404) unless
 * the application writes down otherwise (`undeclared`): fail closed, because a framework's own routing
 * (param routes, catch-alls) can hand such a path to a protected handler.
 */
import type { PlainScheme } from "../client/plain-credentials.js";
import type { OperationSecurity, SecurityAlternatives } from "../client/security.js";
import {
  bodySize,
  type CryptoProvider,
  coversBody,
  headerMap,
  type KeyResolver,
  MemoryReplayStore,
  type ReasonCode,
  type ReplayStore,
  type RequestDescription,
  reasonStatus,
  type SigningScheme,
  splitRequestTarget,
  verifyRequest,
} from "../runtime/index.js";
import { handedQuery, withQuery } from "./handed-query.js";
import { pathIsAmbiguous, unreservedEscapeMovesRoute } from "./path-ambiguity.js";
import { type PlainCredentialKind, plainCredentialKind, readPlainCredential } from "./plain-credentials.js";
import { readBodyLimited } from "./read-body.js";
import { createRouteMatcher, type RouteMatch } from "./route-matcher.js";
import { encodedBody, targetProblem } from "./target-hygiene.js";

/** The spec's part of a verifier: written into server.ts by the generator. */
export interface SpecSecurity {
  operations: OperationSecurity;
  /** The document's default `security`, applied to undeclared paths when `undeclared` is "verify". */
  defaultSecurity?: SecurityAlternatives | undefined;
  /** The path of every `servers` URL (variables expanded), longest first: the prefixes the spec is served under. */
  basePaths?: readonly string[] | undefined;
  hmacSchemes: Readonly<Record<string, SigningScheme>>;
  plainSchemes: Readonly<Record<string, PlainScheme>>;
}

export interface VerifierOptions {
  /** The secret(s) for a key id and scheme; several during a rotation. */
  resolveKey: KeyResolver;
  /** Shared across processes behind a load balancer (RedisReplayStore); defaults to one in memory. */
  replayStore?: ReplayStore | undefined;
  now?: (() => number) | undefined;
  /**
   * The prefix(es) the spec's paths are served under (`/v1`, or a URL such as `https://api.example.com/v1`).
   * Default: the path of every URL in the spec's `servers`, variables expanded; "" or "/" for none. A prefix
   * is removed only to find the operation; the signature still covers the path as sent.
   */
  basePath?: string | readonly string[] | undefined;
  /**
   * A request to a path the spec does not declare (after the loose matching of route-matcher.ts):
   * "refuse" (default) answers 404 `undeclared_route`, so no framework route (a catch-all, a variant
   * the framework routes to a protected handler) is reached unverified; "verify" applies the document's
   * default `security`; "pass" leaves it to the framework unverified (`operation` undefined): only for
   * routes that need no signature, such as health checks, and best with those mounted before the verifier.
   */
  undeclared?: "refuse" | "pass" | "verify" | undefined;
  /** Bodies larger than this are refused with 413 before they are hashed. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
  /**
   * `withNodeVerification` keeps a body up to this size in memory; a larger one waits for its signature
   * check in a temp file (mode 0600, removed when the response closes), hashed while it arrives where the
   * scheme hashes the body rather than signing its bytes. Default 8 MiB. `maxBodyBytes` still applies.
   */
  spoolAboveBytes?: number | undefined;
  /** Where spooled bodies go; default os.tmpdir(). */
  spoolDirectory?: string | undefined;
  crypto?: CryptoProvider | undefined;
  /**
   * A body sent with a method the scheme signs as empty (nextcloud-drf's GET), which the signature does not
   * cover: "refuse" (default) answers 400 `unsigned_body`; "pass" accepts it as DRF does and hands the
   * unsigned bytes to the handler.
   */
  unsignedBody?: "refuse" | "pass" | undefined;
  /**
   * Checks the value of a non-x-hmac credential (an API key, a bearer token). Without it, presence is
   * required and the value is the application's to check.
   */
  checkCredential?: ((scheme: string, value: string) => boolean | Promise<boolean>) | undefined;
}

export type VerifierResult =
  | {
      ok: true;
      /** `METHOD /path/template`, or undefined for a path the spec does not declare. */
      operation: string | undefined;
      params: Record<string, string>;
      /** The alternative that held (empty for a public operation). */
      schemes: readonly string[];
      /** The first x-hmac scheme verified, and its key id. */
      scheme: string | undefined;
      keyId: string | undefined;
      /**
       * The request-target to hand the handler, when it is not the one sent: the query as the signature
       * fixes it (handed-query.ts). Every adapter applies it; a custom integration must too.
       */
      target?: string | undefined;
    }
  | {
      ok: false;
      operation: string;
      scheme: string | undefined;
      reason: ReasonCode;
      status: number;
      /** Set when the failing scheme is a plain one (not x-hmac): what it carries, for the problem's text. */
      credential?: PlainCredentialKind | undefined;
    };

export type VerifierFailure = Extract<VerifierResult, { ok: false }>;

export interface Verifier {
  readonly maxBodyBytes: number;
  readonly spoolAboveBytes: number;
  readonly spoolDirectory: string | undefined;
  match(method: string, url: string): RouteMatch | undefined;
  /** A web-standard Request; its body is read from a clone, with the size limit, and stays readable. */
  verify(request: Request): Promise<VerifierResult>;
  /** A request whose body an adapter has captured: its bytes, or a StreamedBody (a spooled one). */
  verifyDescription(request: RequestDescription): Promise<VerifierResult>;
  /** Whether the operation's security reads the body; adapters skip capturing it otherwise. */
  needsBody(method: string, url: string): boolean;
}

const DEFAULT_MAX_BODY = 1024 * 1024;
const DEFAULT_SPOOL_ABOVE = 8 * 1024 * 1024;

/**
 * The verifier every adapter runs: finds the operation a request targets, then checks its `security`
 * alternatives (OpenAPI 3.1 §4.8.30), failing closed. The generated server.ts binds it to the spec as
 * `createVerifier(options)`, which is what an application calls.
 *
 * @param spec - the spec's operations, security and schemes, as the generated server.ts passes them.
 * @param options - the key resolver, replay store and limits (VerifierOptions).
 * @returns a Verifier: `verify(request)` for a web Request, `verifyDescription` for a captured one.
 *
 * @example
 * ```ts
 * import { createVerifier, MemoryReplayStore } from "./generated/server.js";
 *
 * const verifier = createVerifier({
 *   resolveKey: (keyId) => (keyId === "nc-1" ? process.env.HMAC_SECRET : undefined),
 *   replayStore: new MemoryReplayStore(),
 * });
 * const result = await verifier.verify(new Request("https://weather.example.com/api/v1/forecast/?city=Bern"));
 * if (!result.ok) console.log(result.status, result.reason); // 401 missing_credentials: nothing was signed
 * ```
 */
export function createSpecVerifier(spec: SpecSecurity, options: VerifierOptions): Verifier {
  const router = createRouteMatcher(Object.keys(spec.operations));
  const routeCount = Object.keys(spec.operations).length;
  const basePaths = normaliseBasePaths(options.basePath ?? spec.basePaths);
  const undeclared = options.undeclared ?? "refuse";
  const undeclaredSecurity = undeclared === "verify" ? (spec.defaultSecurity ?? []) : undefined;
  // Adapters ask needsBody, then verifyDescription, for the same request: the last match is remembered,
  // and each caller gets its own copy of its parameters (they are handed to the application).
  let last: { method: string; url: string; match: RouteMatch | undefined } | undefined;
  const route = (method: string, url: string): RouteMatch | undefined => {
    if (last === undefined || last.method !== method || last.url !== url)
      last = { method, url, match: findRoute(method, url) };
    const match = last.match;
    return match && { key: match.key, pathTemplate: match.pathTemplate, params: { ...match.params } };
  };
  const findRoute = (method: string, url: string): RouteMatch | undefined => {
    if (basePaths.length === 0) return router.match(method, url);
    const { path, query } = splitRequestTarget(url);
    // A prefix is cut at a segment boundary only; the query stays, for `?name` path templates.
    for (const basePath of basePaths) {
      if (path !== basePath && !path.startsWith(`${basePath}/`)) continue;
      const rest = path.slice(basePath.length) || "/";
      const match = router.match(method, query === "" ? rest : `${rest}?${query}`);
      if (match) return match;
    }
    // Outside every prefix (a proxy that already stripped it, a misconfiguration): still the operation
    // its path names, so a framework that routes it there cannot be reached unsigned.
    return router.match(method, url);
  };
  const replayStore = options.replayStore ?? new MemoryReplayStore();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const alternativesOf = (match: RouteMatch): SecurityAlternatives => spec.operations[match.key] ?? [];
  // Plain schemes first: they are cheap, and an alternative missing its API key is not worth a signature
  // check. The spec's alternatives are fixed, so each is ordered once, not copied and sorted per request.
  const ordered = new WeakMap<readonly string[], readonly string[]>();
  const checkOrder = (alternative: readonly string[]): readonly string[] => {
    let names = ordered.get(alternative);
    if (!names) {
      names = [...alternative].sort(
        (a, b) => Number(spec.hmacSchemes[a] !== undefined) - Number(spec.hmacSchemes[b] !== undefined),
      );
      ordered.set(alternative, names);
    }
    return names;
  };

  const verifier: Verifier = {
    maxBodyBytes,
    spoolAboveBytes: options.spoolAboveBytes ?? DEFAULT_SPOOL_ABOVE,
    spoolDirectory: options.spoolDirectory,
    match: route,
    needsBody(method, url) {
      const match = route(method, url);
      const alternatives = match ? alternativesOf(match) : (undeclaredSecurity ?? []);
      return alternatives.some((alternative) =>
        alternative.some((name) => {
          const scheme = spec.hmacSchemes[name];
          return scheme !== undefined && coversBody(scheme);
        }),
      );
    },
    async verify(request) {
      const url = request.url;
      const headers: Array<[string, string]> = [];
      request.headers.forEach((value, name) => {
        headers.push([name, value]);
      });
      if (!verifier.needsBody(request.method, url))
        return verifier.verifyDescription({ method: request.method, url, headers });
      // A GET or HEAD Request built by application code has no body (Fetch standard, the Request constructor
      // refuses one), so there is nothing to clone: @hono/node-server's lazy Request built a whole undici
      // Request for the clone, the larger part of what verifying a GET cost on Hono (throughput bench). A
      // runtime may still hand a server-side GET its body: then it is read and verified like any other.
      if ((request.method === "GET" || request.method === "HEAD") && request.body === null)
        return verifier.verifyDescription({ method: request.method, url, headers, body: new Uint8Array(0) });
      const body = await readBodyLimited(request.clone().body, request.headers.get("content-length"), maxBodyBytes);
      if (!body.ok) {
        const match = route(request.method, url);
        return failure(match?.key ?? `${request.method} ${url}`, undefined, "body_too_large");
      }
      return verifier.verifyDescription({ method: request.method, url, headers, body: body.bytes });
    },
    async verifyDescription(request) {
      const headers = headerMap(request.headers);
      const problem = targetProblem(request.url, headers.get("host"));
      if (problem) return failure(`${request.method} ${request.url}`, undefined, problem);
      const match = route(request.method, request.url);
      const target = splitRequestTarget(request.url);
      const operation = match?.key ?? `${request.method} ${target.path}`;
      if (unreservedEscapeMovesRoute(route, request.method, target.path, target.query))
        return failure(operation, undefined, "ambiguous_path");
      if (!match && undeclared === "refuse") return failure(operation, undefined, "undeclared_route");
      if (!match && (!undeclaredSecurity || undeclaredSecurity.length === 0)) {
        return { ok: true, operation: undefined, params: {}, schemes: [], scheme: undefined, keyId: undefined };
      }
      const alternatives = match ? alternativesOf(match) : (undeclaredSecurity ?? []);
      if (alternatives.length === 0)
        return {
          ok: true,
          operation: match?.key,
          params: match?.params ?? {},
          schemes: [],
          scheme: undefined,
          keyId: undefined,
        };
      // Schemes sign the bytes as sent: a body the framework would inflate after verification is not them.
      if (encodedBody(headers.get("content-encoding"))) return failure(operation, undefined, "unsigned_encoding");
      if (bodySize(request.body) > maxBodyBytes) return failure(operation, undefined, "body_too_large");

      const { path, query } = target;
      // One verification per scheme per request: a nonce claimed by alternative 1 must not make the
      // same scheme in alternative 2 look like a replay.
      const results = new Map<string, Promise<SchemeOutcome>>();
      const outcomeOf = (name: string): Promise<SchemeOutcome> => {
        let outcome = results.get(name);
        if (!outcome) {
          outcome = checkScheme(name);
          results.set(name, outcome);
        }
        return outcome;
      };
      const checkScheme = async (name: string): Promise<SchemeOutcome> => {
        const hmac = spec.hmacSchemes[name];
        if (hmac) {
          // The template model reads the normalised map as is; the profiles get the headers as received
          // (SigV4 canonicalises repeated headers itself, joined with "," where the map joins with ", ").
          const result = await verifyRequest(hmac, hmac.profile === undefined ? { ...request, headers } : request, {
            resolveKey: options.resolveKey,
            replayStore,
            now: options.now,
            crypto: options.crypto,
            unsignedBody: options.unsignedBody,
          });
          return result.ok
            ? { ok: true, scheme: name, keyId: result.keyId }
            : { ok: false, scheme: name, reason: result.reason };
        }
        const plain = spec.plainSchemes[name];
        const value = plain ? readPlainCredential(plain, headers, query) : undefined;
        if (value === undefined) return { ok: false, scheme: name, reason: "missing_credentials" };
        if (options.checkCredential && !(await options.checkCredential(name, value)))
          return { ok: false, scheme: name, reason: "unknown_key" };
        return { ok: true, scheme: name, keyId: undefined };
      };

      let best: SchemeFailure | undefined;
      for (const alternative of alternatives) {
        let failed: SchemeFailure | undefined;
        let verified: { scheme: string; keyId: string | undefined } | undefined;
        for (const name of checkOrder(alternative)) {
          const outcome = await outcomeOf(name);
          if (!outcome.ok) {
            failed = outcome;
            break;
          }
          if (spec.hmacSchemes[name] && !verified) verified = { scheme: name, keyId: outcome.keyId };
        }
        // A replay is final: it authenticated, so another alternative must not let the same request in again.
        if (failed?.reason === "replayed_nonce" || failed?.reason === "replayed_signature")
          return failure(operation, failed.scheme, failed.reason);
        if (!failed) {
          const hmacNames = alternative.filter((name) => spec.hmacSchemes[name] !== undefined);
          const ambiguous = hmacNames.find((name) =>
            pathIsAmbiguous(spec.hmacSchemes[name] as SigningScheme, route, request.method, path, query, routeCount),
          );
          if (ambiguous) return failure(operation, ambiguous, "ambiguous_path");
          let handedTarget: string | undefined;
          for (const name of hmacNames) {
            const handed = handedQuery(spec.hmacSchemes[name] as SigningScheme, query);
            if (handed !== undefined) {
              handedTarget = withQuery(request.url, handed);
              break;
            }
          }
          return {
            ok: true,
            operation: match?.key,
            params: match?.params ?? {},
            schemes: alternative,
            scheme: verified?.scheme,
            keyId: verified?.keyId,
            ...(handedTarget === undefined ? {} : { target: handedTarget }),
          };
        }
        // Report the most telling failure: a signature that was there and wrong beats a missing credential.
        if (!best || (best.reason === "missing_credentials" && failed.reason !== "missing_credentials")) best = failed;
      }
      return failure(operation, best?.scheme, best?.reason ?? "missing_credentials");
    },
  };

  function failure(operation: string, scheme: string | undefined, reason: ReasonCode): VerifierFailure {
    const failureStatus = (scheme && spec.hmacSchemes[scheme]?.failureStatus) || firstFailureStatus(spec);
    const plain = scheme === undefined || spec.hmacSchemes[scheme] ? undefined : spec.plainSchemes[scheme];
    const status = reasonStatus(reason, failureStatus);
    return {
      ok: false,
      operation,
      scheme,
      reason,
      status,
      ...(plain ? { credential: plainCredentialKind(plain) } : {}),
    };
  }
  return verifier;
}

type SchemeFailure = { ok: false; scheme: string; reason: ReasonCode };
type SchemeOutcome = { ok: true; scheme: string; keyId: string | undefined } | SchemeFailure;

function firstFailureStatus(spec: SpecSecurity): 401 | 403 {
  for (const scheme of Object.values(spec.hmacSchemes)) return scheme.failureStatus;
  return 401;
}

/** Every prefix normalised, without duplicates or the root, longest first (the most specific wins). */
function normaliseBasePaths(basePath: string | readonly string[] | undefined): string[] {
  const given = basePath === undefined ? [] : typeof basePath === "string" ? [basePath] : basePath;
  const paths = new Set(given.map(normaliseBasePath).filter((path) => path !== ""));
  return [...paths].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/**
 * "/v1", "v1/", or a `servers` URL such as "https://api.example.com/v1" all mean the prefix "/v1". A
 * value that cannot be read as a path is a configuration error, never silently "no request matches".
 */
function normaliseBasePath(basePath: string): string {
  if (basePath === "" || basePath === "/") return "";
  let path = basePath;
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(path)) path = new URL(path).pathname;
  if (!path.startsWith("/")) path = `/${path}`;
  if (/[?#]/.test(path))
    throw new Error(`[hmac-codegen] basePath ${JSON.stringify(basePath)} must be a path such as "/v1"`);
  return path.replace(/\/+$/, "");
}
