/**
 * The profiles the dispatchers (sign.ts, verify.ts) call: the x-hmac template model, RFC 9421 HTTP Message
 * Signatures and AWS Signature Version 4. The generator writes this file for each spec with only the profiles
 * its schemes use, and stand-ins (unused-profile.ts) for the others, so an output holds only the profile
 * folders its schemes use and a client bundle carries none of the others' code.
 */
export { signRfc9421, verifyRfc9421 } from "./rfc9421/index.js";
export { presignSigV4, signSigV4, sigV4CanonicalQuery, verifySigV4 } from "./sigv4/index.js";
export { signTemplate, verifyTemplate } from "./template/index.js";
