/** The "received signature" step every profile's text ends with: the value, whether it matches, and why not. */
import type { Diagnosis } from "./diagnose.js";
import { escapeVisible } from "./escape.js";

export function formatReceived(
  step: number,
  received: Diagnosis<{ id: string; cause: string; fix: string }> & { value: string; source: string },
  unexplained: string[],
): string[] {
  const lines = [`${step}. received signature`, `   ${escapeVisible(received.value)}  [${received.source}]`];
  if (received.matches) {
    lines.push("   MATCHES the signature computed above.");
  } else if (received.findings.length === 0) {
    lines.push(
      ...unexplained.map((line, index) => `   ${index === 0 ? "DOES NOT MATCH, and no known mistake reproduces it. " : ""}${line}`),
    );
  } else {
    lines.push("   DOES NOT MATCH. It is what the signer produces when:");
    for (const [index, finding] of received.findings.entries()) {
      const prefix = `   ${index === 0 ? "=>" : "  "} `;
      lines.push(`${prefix}${finding.mistakes.map((mistake) => `[${mistake.id}] ${mistake.cause}`).join("; and ")}`);
      for (const mistake of finding.mistakes) lines.push(`        fix: ${mistake.fix}`);
    }
  }
  return lines;
}
