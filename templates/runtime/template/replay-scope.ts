/**
 * The scope a nonce is claimed in. A key id enters the scope only when the signature covers its exact
 * spelling: an unsigned key id can be re-cased or re-spelled by anyone, and a lenient keystore
 * (case-insensitive lookup) would still verify it, so scoping by it would let the same signed request
 * be claimed once per spelling. Without a signed key id the nonce is claimed scheme-wide, so nonces must
 * be unique per scheme (random nonces are; per-client counters are not, and are then refused as replays).
 */
import type { HmacScheme } from "../types.js";

export function templateReplayScope(scheme: HmacScheme, keyId: string | undefined): string {
  return keyIdIsSigned(scheme) ? `${scheme.name}:${keyId ?? ""}` : `${scheme.name}:`;
}

function keyIdIsSigned(scheme: HmacScheme): boolean {
  const components = scheme.stringToSign.components;
  if (components.includes("keyId")) return true;
  const carrier = scheme.keyId;
  if (carrier?.in !== "header") return false;
  const name = carrier.name.toLowerCase();
  return (
    components.some((component) => component.toLowerCase() === `header:${name}`) ||
    (components.includes("signedHeaders") && scheme.signedHeaders.some((header) => header.toLowerCase() === name))
  );
}
