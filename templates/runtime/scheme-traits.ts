/**
 * What the client and server glue need to know about any scheme, whatever its profile: whether it reads
 * the body, and whether it needs a key id. One place, so the glue never inspects a profile's fields.
 */
import type { SigningScheme } from "./types.js";

/** Whether signing or verifying reads the body (adapters and the client skip reading it otherwise). */
export function coversBody(scheme: SigningScheme): boolean {
  switch (scheme.profile) {
    case "rfc9421":
      return scheme.components.some((component) => component.name === "content-digest");
    case "aws-sigv4":
      return scheme.payload === "signed";
    default:
      return scheme.stringToSign.components.some((component) => component === "bodyHash" || component === "body");
  }
}

/** Whether credentials must carry a key id (AWS: the access key id; RFC 9421: the `keyid` parameter). */
export function requiresKeyId(scheme: SigningScheme): boolean {
  switch (scheme.profile) {
    case "rfc9421":
      return scheme.parameters.includes("keyid");
    case "aws-sigv4":
      return true;
    default:
      return scheme.keyId !== null;
  }
}
