/** An RFC 9421 explanation as text: parameters, Content-Digest, the base line by line, the signature. */
import { escapeVisible } from "../escape.js";
import { formatReceived } from "../format-received.js";
import type { Rfc9421Explanation } from "./explain-rfc9421.js";

export function formatRfc9421(explanation: Rfc9421Explanation): string {
  const { values, contentDigest, signature } = explanation;
  const lines = [
    `scheme ${explanation.scheme} (profile rfc9421, RFC 9421 HTTP Message Signatures)`,
    `request ${explanation.request.method} ${escapeVisible(explanation.request.url)}, body ${explanation.request.bodyBytes} bytes`,
    "",
    "1. signature parameters (RFC 9421 §2.3)",
    `   label      ${values.label}`,
  ];
  for (const field of ["created", "nonce", "keyId"] as const) {
    const value = values[field];
    lines.push(
      `   ${field.padEnd(10)} ${value === null ? "(not a parameter of this scheme)" : `${escapeVisible(value)}  [${values.sources[field]}]`}`,
    );
  }
  lines.push("2. body (RFC 9530 Content-Digest)");
  if (contentDigest === null) {
    lines.push("   not covered: the scheme does not list content-digest");
  } else {
    lines.push(`   computed   ${contentDigest.computed}`);
    lines.push(`   sent       ${contentDigest.sent === null ? "(none: the signer adds it)" : contentDigest.sent}`);
  }
  lines.push(`3. covered components (RFC 9421 §2.1, §2.2), one line each in the signature base`);
  for (const component of explanation.components) lines.push(`   ${component.id}: ${escapeVisible(component.value)}`);
  lines.push(`   "@signature-params": ${explanation.signatureParams}`);
  lines.push(`4. signature base (RFC 9421 §2.5, ${explanation.signatureBase.bytes} bytes, lines joined by "\\n", none after the last)`);
  lines.push(`   as one string: "${explanation.signatureBase.escaped}"`);
  lines.push("5. signature (RFC 9421 §3.3.3 hmac-sha256)");
  lines.push(`   key        ${explanation.key.bytes} bytes from the ${explanation.key.encoding} secret (not shown)`);
  lines.push(`   HMAC-SHA256, base64: ${signature.value}`);
  for (const [name, value] of Object.entries(signature.fields)) lines.push(`   sent as    ${name}: ${escapeVisible(value)}`);
  if (explanation.received) {
    if (explanation.received.covered) lines.push(`   the peer's Signature-Input covers ${explanation.received.covered.join(" ")}`);
    lines.push(
      ...formatReceived(6, explanation.received, [
        "Check the secret and keyid, then compare the",
        "signature base above with the peer's, byte for byte.",
      ]),
    );
  }
  return `${lines.join("\n")}\n`;
}
