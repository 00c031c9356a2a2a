/** What resolving one x-hmac declaration gives: the scheme the runtime reads, or the issues that stop it. */
import type { SigningScheme, WebhookScheme } from "../../templates/runtime/types.js";
import type { SpecIssue } from "./errors.js";

export type ResolveResult = { scheme: SigningScheme; issues: [] } | { scheme?: undefined; issues: SpecIssue[] };

/** A webhook scheme is not a SigningScheme: it signs the deliveries an API sends, never requests to it. */
export type WebhookResolveResult = { scheme: WebhookScheme; issues: [] } | { scheme?: undefined; issues: SpecIssue[] };
