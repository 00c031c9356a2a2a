/**
 * The `rfc9421` block of x-hmac (`profile: rfc9421`): RFC 9421 HTTP Message Signatures with hmac-sha256.
 */
import { obj, type Rule } from "../rules.js";

export const RFC9421_RULE: Rule = obj({}, { description: "RFC 9421 HTTP Message Signatures (profile: rfc9421)." });
