/**
 * The signature's carrier text: a template such as `{signature}`, `sha256={signature}` or
 * django_hmac_authentication's `{algorithm} {keyId};{signature};{timestamp}`, rendered by
 * the signer and parsed by the verifier. Each placeholder but the last stops at the first character of
 * the literal after it, the way that project splits on whitespace and `;`: parsing is linear, with no
 * backtracking an attacker could exploit.
 */
import type { HashAlgorithm } from "../types.js";

export const TEMPLATE_FIELDS = ["signature", "algorithm", "keyId", "timestamp", "nonce"] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];
export type TemplateValues = Partial<Record<TemplateField, string>>;

/** Carrier values longer than this are malformed: no real scheme needs more, and it bounds work. */
export const MAX_CARRIER_LENGTH = 4096;

const ALGORITHM_LABELS: Record<HashAlgorithm, string> = {
  sha1: "HMAC-SHA1",
  sha256: "HMAC-SHA256",
  sha384: "HMAC-SHA384",
  sha512: "HMAC-SHA512",
};

export function algorithmLabel(algorithm: HashAlgorithm): string {
  return ALGORITHM_LABELS[algorithm];
}

export function algorithmFromLabel(label: string): HashAlgorithm | undefined {
  for (const [algorithm, known] of Object.entries(ALGORITHM_LABELS)) {
    if (known === label) return algorithm as HashAlgorithm;
  }
  return undefined;
}

type Piece = { literal: string } | { field: TemplateField };

/** Parsed templates: a scheme has one or two, and signing or verifying one request reads it twice. */
const parsedTemplates = new Map<string, readonly Piece[]>();

export function templatePieces(template: string): readonly Piece[] {
  const known = parsedTemplates.get(template);
  if (known) return known;
  const pieces = parseTemplatePieces(template);
  if (parsedTemplates.size >= 256) parsedTemplates.clear();
  parsedTemplates.set(template, pieces);
  return pieces;
}

function parseTemplatePieces(template: string): Piece[] {
  const pieces: Piece[] = [];
  const pattern = /\{([A-Za-z]+)\}/g;
  let last = 0;
  for (let match = pattern.exec(template); match; match = pattern.exec(template)) {
    if (match.index > last) pieces.push({ literal: template.slice(last, match.index) });
    pieces.push({ field: match[1] as TemplateField });
    last = match.index + match[0].length;
  }
  if (last < template.length) pieces.push({ literal: template.slice(last) });
  return pieces;
}

export function renderTemplate(template: string, values: TemplateValues): string {
  let text = "";
  for (const piece of templatePieces(template))
    text += "literal" in piece ? piece.literal : (values[piece.field] ?? "");
  return text;
}

/** The placeholder values in `text`, or undefined when it does not have the template's shape. */
export function parseTemplate(template: string, text: string): TemplateValues | undefined {
  if (text.length > MAX_CARRIER_LENGTH) return undefined;
  const pieces = templatePieces(template);
  const values: TemplateValues = {};
  let position = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as Piece;
    if ("literal" in piece) {
      if (!text.startsWith(piece.literal, position)) return undefined;
      position += piece.literal.length;
      continue;
    }
    const next = pieces[i + 1];
    let end = text.length;
    if (next && "literal" in next) {
      end = text.indexOf(next.literal.charAt(0), position);
      if (end < 0) return undefined;
    }
    if (end === position) return undefined; // every placeholder carries a non-empty value
    values[piece.field] = text.slice(position, end);
    position = end;
  }
  return position === text.length ? values : undefined;
}
