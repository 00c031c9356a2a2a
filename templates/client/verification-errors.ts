/**
 * The verifier's answers as part of each secured operation's declared responses, at the type level only:
 * openapi-fetch derives a call's `error` from the operation's 4XX/5XX responses, so adding the
 * problem+json bodies (RFC 9457) the verifier sends makes `error.reason` a typed ReasonCode at every call.
 * secured-paths.ts applies this to the spec's `paths` with each secured operation's failure statuses.
 */
import type { ReasonCode } from "../runtime/index.js";

/** The body of a failed verification (server/problem.ts writes it): RFC 9457 members plus the stable reason. */
export interface VerificationProblem {
  type: `urn:hmac-codegen:reason:${ReasonCode}`;
  title: string;
  status: number;
  detail: string;
  reason: ReasonCode;
  /** The security scheme that failed, where one did. */
  scheme?: string;
}

interface ProblemResponse {
  headers: { [name: string]: unknown };
  content: { "application/problem+json": VerificationProblem };
}

/**
 * What a verifier answers besides the scheme's failure status: 400 (a body or target it cannot canonicalise),
 * 413 (over the body limit), 415 (a Content-Encoding the signature does not cover), 503 (no replay store).
 */
export type VerifierStatus = 400 | 413 | 415 | 503;

/** A response the spec declares keeps its own content; the problem+json body is added beside it. */
type WithProblem<Declared> = Declared extends { content: infer Content }
  ? Omit<Declared, "content"> & { content: Content & ProblemResponse["content"] }
  : ProblemResponse;

type WithProblems<Responses, Statuses extends number> = Omit<Responses, Statuses> & {
  [S in Statuses]: S extends keyof Responses ? WithProblem<Responses[S]> : ProblemResponse;
};

type SecuredOperation<Operation, Statuses extends number> = Operation extends { responses: infer Responses }
  ? Omit<Operation, "responses"> & { responses: WithProblems<Responses, Statuses> }
  : Operation;

/**
 * `Paths` (openapi-typescript's `paths`) with the verifier's problem+json responses added to the operations
 * `Secured` lists, by path and lower-case method, each with its schemes' failure status (401 or 403).
 */
export type WithVerificationErrors<Paths, Secured> = {
  [P in keyof Paths]: P extends keyof Secured
    ? {
        [M in keyof Paths[P]]: M extends keyof Secured[P]
          ? SecuredOperation<Paths[P][M], (Secured[P][M] & number) | VerifierStatus>
          : Paths[P][M];
      }
    : Paths[P];
};
