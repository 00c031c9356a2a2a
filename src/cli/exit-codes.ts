/** Exit codes, documented in the README; scripts rely on them. */
export const EXIT = {
  /** Success; for verify, the request verified. */
  ok: 0,
  /** verify: the request did not verify. --check: the output on disk is stale. */
  failed: 1,
  /** The spec or the command line is wrong (the message says where). */
  usage: 2,
  /** Reading or writing files failed. */
  io: 3,
} as const;
