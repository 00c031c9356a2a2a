/** What resolving one x-hmac declaration gives: the scheme the runtime reads, or the issues that stop it. */
import type { SigningScheme } from "../../templates/runtime/types.js";
import type { SpecIssue } from "./errors.js";

export type ResolveResult = { scheme: SigningScheme; issues: [] } | { scheme?: undefined; issues: SpecIssue[] };
