/** Exit codes, documented in the README; scripts rely on them. */
export const EXIT = {
  /** Success; verify: the request verified; explain: the received signature matches (or none was given). */
  ok: 0,
  /**
   * A check failed: verify did not verify; explain's received signature differs; lint found an error
   * (or a warning under --strict); generation under --strict found lint problems; --check found stale output.
   */
  failed: 1,
  /** The spec, the config file or the command line is wrong (the message says where). */
  usage: 2,
  /** Reading or writing files failed. */
  io: 3,
} as const;
