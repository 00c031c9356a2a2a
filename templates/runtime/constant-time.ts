/**
 * Constant-time comparison of two signature strings, as Python's hmac.compare_digest: a short-circuiting
 * compare lets an attacker guess a signature byte by byte through timing. The loop always runs over the
 * expected value's full length, and a length mismatch is folded into the result instead of returning early.
 */
export function constantTimeEqual(expected: string, received: string): boolean {
  let diff = expected.length ^ received.length;
  for (let i = 0; i < expected.length; i++) {
    // charCodeAt past the end is NaN, and NaN | 0 is 0: the mismatch is already in `diff`.
    diff |= expected.charCodeAt(i) ^ (received.charCodeAt(i) | 0);
  }
  return diff === 0;
}
