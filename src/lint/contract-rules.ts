/**
 * Residual risks a preset's contract keeps. The verifier closes what it can without refusing requests the
 * real servers of these contracts accept (docs/decisions/0007-canonical-forms.md): an escaped slash that
 * would make one signature stand for another route is refused (ambiguous_path), and the handler is handed
 * the query the signature fixes. What stays open is named here, so a user who controls both peers can choose.
 */
import type { HmacScheme } from "../../templates/runtime/types.js";
import type { LintRule } from "./lint-rule.js";

const covers = (scheme: HmacScheme, component: string): boolean =>
  scheme.stringToSign.components.some((candidate) => candidate.toLowerCase() === component.toLowerCase());

export const CONTRACT_RULES: readonly LintRule[] = [
  {
    id: "decoded-path",
    severity: "warning",
    at: ["path", "form"],
    check: (scheme) =>
      scheme.path.form === "decoded" && covers(scheme, "path")
        ? "the path is signed decoded (Django's request.path): /docs/a%2Fb and /docs/a/b carry one signature, so a path value holding / is refused (ambiguous_path) wherever another route has the decoded path's shape, and dot segments are refused"
        : undefined,
    fix: 'path.form: "as-sent" (or "reencoded") when both peers can sign the path as sent',
  },
  {
    id: "query-order-unsigned",
    severity: "warning",
    at: ["query", "sort"],
    check: (scheme) =>
      scheme.query.form === "canonical" && scheme.query.sort && covers(scheme, "query")
        ? "the canonical query is sorted: the order of repeated parameters is not signed, so handlers get them in sorted order (?tag=b&tag=a arrives as tag=[a, b]), whatever order the client sent"
        : undefined,
    fix: "query.sort: false when both peers can sign the query in the order sent, or give order-sensitive values distinct names",
  },
  {
    id: "content-type-unsigned",
    severity: "warning",
    at: ["stringToSign", "components"],
    check: (scheme) => {
      const body = covers(scheme, "body") || covers(scheme, "bodyHash");
      const typed =
        covers(scheme, "header:content-type") ||
        (covers(scheme, "signedHeaders") && scheme.signedHeaders.some((name) => name.toLowerCase() === "content-type"));
      return body && !typed
        ? "Content-Type is not covered: the signed bytes can be relabelled (JSON sent as a form), and the body parser hands the handler other data"
        : undefined;
    },
    fix: 'add "header:Content-Type" to stringToSign.components (both peers must agree)',
  },
];
