/** A SigV4 explanation as text: the canonical request line by line, the string to sign, the key, the signature. */
import { escapeVisible } from "../escape.js";
import { formatReceived } from "../format-received.js";
import type { SigV4Explanation } from "./explain-sigv4.js";

export function formatSigV4(explanation: SigV4Explanation): string {
  const { values, canonicalRequest: canonical } = explanation;
  const lines = [
    `scheme ${explanation.scheme} (profile aws-sigv4, AWS Signature Version 4)`,
    `request ${explanation.request.method} ${escapeVisible(explanation.request.url)}, body ${explanation.request.bodyBytes} bytes`,
    "",
    "1. values",
    `   access key ${values.accessKeyId}  [${values.sources.accessKeyId}]`,
    `   X-Amz-Date ${values.date}  [${values.sources.date}]`,
    `   scope      ${values.scope}`,
    "2. canonical request",
    `   method          ${canonical.method}`,
    `   canonical URI   ${escapeVisible(canonical.uri)}`,
    `   canonical query ${canonical.query === "" ? "(empty)" : escapeVisible(canonical.query)}`,
    ...canonical.headers.map((line, index) => `   ${index === 0 ? "headers        " : "               "} ${escapeVisible(line)}`),
    `   signed headers  ${canonical.signedHeaders}`,
    `   payload hash    ${canonical.payloadHash}`,
    `   as one string: "${canonical.escaped}"`,
    "3. string to sign",
    `   as one string: "${explanation.stringToSign.escaped}"`,
    "4. signing key (derived keys not shown)",
    ...explanation.signingKey.map((step) => `   ${step}`),
    "5. signature",
    `   HMAC-SHA256(kSigning, string to sign), hex: ${explanation.signature.value}`,
    ...Object.entries(explanation.signature.sent).map(([name, value]) => `   sent as    ${name}: ${escapeVisible(value)}`),
  ];
  if (explanation.received) {
    lines.push(
      ...formatReceived(6, explanation.received, [
        "Check the secret access key, then compare the",
        "canonical request above with the peer's (its SDK logs it at debug level), byte for byte.",
      ]),
    );
  }
  return `${lines.join("\n")}\n`;
}
