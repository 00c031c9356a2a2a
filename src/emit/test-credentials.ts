/**
 * The published, test-only credentials golden vectors are signed with. They protect nothing; peers use
 * them to reproduce the vectors. The same 32 key bytes are written in each secret encoding.
 */
import type { SecretEncoding } from "../../templates/runtime/types.js";

const KEY_TEXT = "hmac-codegen-test-vector-key-32b";

export const TEST_KEY_ID = "test-key-1";

export const TEST_SECRETS: Record<SecretEncoding, string> = {
  utf8: KEY_TEXT,
  base64: Buffer.from(KEY_TEXT, "utf8").toString("base64"),
  hex: Buffer.from(KEY_TEXT, "utf8").toString("hex"),
};

/** The host aws-sigv4 vectors are signed for (the AWS test suite's host). */
export const TEST_AWS_HOST = "example.amazonaws.com";

/** 2026-01-01T00:00:00Z: vectors are signed "now" at this instant. */
export const TEST_NOW_MS = Date.UTC(2026, 0, 1, 0, 0, 0);
