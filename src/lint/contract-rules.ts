/**
 * Residual risks a preset's contract keeps: the verifier closes what it can (ambiguous_path,
 * ambiguous_query; docs/decisions/0007), and these rules name what stays open so a user can choose.
 */
import type { LintRule } from "./rules.js";

export const CONTRACT_RULES: readonly LintRule[] = [
  {
    id: "decoded-path",
    severity: "warning",
    at: ["path", "form"],
    check: (scheme) =>
      scheme.path.form === "decoded" && scheme.stringToSign.components.includes("path")
        ? "the path is signed decoded (Django's request.path): escapes of / and \\, dot segments, control and non-UTF-8 bytes are refused as ambiguous_path, so a path value cannot hold them"
        : undefined,
    fix: 'path.form: "as-sent" (or "reencoded") when both peers can sign the path as sent',
  },
  {
    id: "query-order-unsigned",
    severity: "warning",
    at: ["query", "sort"],
    check: (scheme) =>
      scheme.query.form === "canonical" && scheme.query.sort && scheme.stringToSign.components.includes("query")
        ? "the canonical query is sorted: the order of repeated parameters is not signed, so the verifier refuses them out of sorted order (ambiguous_query) and the client sends them sorted; the order of different names is not signed"
        : undefined,
    fix: "query.sort: false when both peers can sign the query in sent order",
  },
  {
    id: "content-type-unsigned",
    severity: "warning",
    at: ["stringToSign", "components"],
    check: (scheme) => {
      const components = scheme.stringToSign.components.map((component) => component.toLowerCase());
      const body = components.includes("body") || components.includes("bodyhash");
      const typed =
        components.includes("header:content-type") ||
        (components.includes("signedheaders") && scheme.signedHeaders.some((name) => name.toLowerCase() === "content-type"));
      return body && !typed
        ? "Content-Type is not covered: the signed bytes can be relabelled (JSON as a form), and the body parser hands the handler other data"
        : undefined;
    },
    fix: 'add "header:Content-Type" to stringToSign.components (both peers must agree)',
  },
];
