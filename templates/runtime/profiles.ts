/**
 * The standard profiles the dispatchers (sign.ts, verify.ts) call: RFC 9421 HTTP Message Signatures and
 * AWS Signature Version 4. The generator writes this file for each spec with only the profiles its
 * schemes use, and stand-ins (unused-profile.ts) for the others, so an output whose schemes are all
 * template schemes holds none of rfc9421/ or sigv4/ and a client bundle carries none of their code.
 */
export { signRfc9421, verifyRfc9421 } from "./rfc9421/index.js";
export { presignSigV4, signSigV4, sigV4CanonicalQuery, verifySigV4 } from "./sigv4/index.js";
