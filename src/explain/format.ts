/** The explanation as text for a terminal: one numbered step per line group, invisible bytes escaped. */
import { escapeVisible } from "./escape.js";
import type { Explanation, TemplateExplanation } from "./explain.js";
import { formatReceived } from "./format-received.js";
import { formatRfc9421 } from "./rfc9421/format-rfc9421.js";
import { formatSigV4 } from "./sigv4/format-sigv4.js";

export function formatExplanation(explanation: Explanation): string {
  if (explanation.profile === "rfc9421") return formatRfc9421(explanation);
  if (explanation.profile === "aws-sigv4") return formatSigV4(explanation);
  return formatTemplate(explanation);
}

function formatTemplate(explanation: TemplateExplanation): string {
  const lines: string[] = [];
  const { values, path, query, body } = explanation;
  const add = (text = ""): void => {
    lines.push(text);
  };
  add(`scheme ${explanation.scheme} (profile ${explanation.profile})`);
  add(`request ${explanation.request.method} ${escapeVisible(explanation.request.url)}, body ${explanation.request.bodyBytes} bytes`);
  add();
  add("1. values");
  add(`   algorithm  HMAC-${values.algorithm.toUpperCase()}`);
  for (const field of ["keyId", "timestamp", "nonce"] as const) {
    const value = values[field];
    add(`   ${field.padEnd(10)} ${value === null ? "(none in this scheme)" : `${escapeVisible(value)}  [${values.sources[field]}]`}`);
  }
  add("2. path");
  add(`   sent       ${escapeVisible(path.raw)}`);
  add(`   signed     ${path.covered ? `${escapeVisible(path.signed)}  (${path.form})` : "not covered by the signature"}`);
  add("3. query");
  add(`   sent       ${query.raw === "" ? "(empty)" : escapeVisible(query.raw)}`);
  add(
    `   signed     ${query.covered ? `${query.signed === "" ? "(empty)" : escapeVisible(query.signed)}  (${query.form})` : "not covered by the signature"}`,
  );
  add("4. body");
  add(`   ${explanation.request.bodyBytes} bytes; covered: ${describeBodyCoverage(explanation)}`);
  if (body.hash)
    add(
      `   hash       ${body.hash.algorithm} ${body.hash.encoding}: ${body.hash.value === "" ? "(empty: nothing signed for an empty body)" : body.hash.value}`,
    );
  add(`5. string to sign (${explanation.stringToSign.bytes} bytes, components joined by "${explanation.stringToSign.separator}")`);
  const width = Math.max(...explanation.components.map((part) => part.component.length));
  for (const part of explanation.components) {
    add(`   ${part.component.padEnd(width)}  ${part.text === "" ? "(empty)" : escapeVisible(part.text)}`);
  }
  add(`   as one string: "${explanation.stringToSign.escaped}"`);
  add("6. signature");
  add(`   key        ${explanation.key.bytes} bytes from the ${explanation.key.encoding} secret (not shown)`);
  add(`   HMAC-${explanation.signature.algorithm.toUpperCase()}, ${explanation.signature.encoding}: ${explanation.signature.value}`);
  add(`   sent as    ${escapeVisible(explanation.signature.carrier)}`);
  if (explanation.received) {
    lines.push(
      ...formatReceived(7, explanation.received, [
        "Check the secret and key id, then that both sides",
        "sign the same string: compare the string to sign above with the peer's, byte for byte.",
      ]),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Seed 004: a method in body.emptyFor signs empty bytes; a body sent with it is unsigned, so refused by default. */
function describeBodyCoverage(explanation: TemplateExplanation): string {
  const { body, request } = explanation;
  if (body.covered !== "signed as empty") return body.covered;
  const method = request.method.toUpperCase();
  const refused = request.bodyBytes > 0 ? "; a verifier refuses this unsigned body (unsigned_body) unless unsignedBody is pass" : "";
  return `no, ${method} is signed as an empty body (body.emptyFor)${refused}`;
}
