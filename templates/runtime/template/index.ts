/**
 * The x-hmac template profile: a string to sign joined from the scheme's components (method, path, query,
 * timestamp, nonce, body hash, headers, literals) and a signature carried through a header template, as the
 * presets nextcloud-drf, django-hmac-authentication, django-api-key and django-api-signing use. One concept per
 * file: canonical-path, signed-body (the body as covered), string-to-sign, header-template, timestamp,
 * replay-scope, python-json (django_hmac_authentication's JSON re-serialisation, reached through json-forms,
 * which an output without such a scheme replaces by a stand-in), malformed-json, sign, verify.
 */
export { canonicalPath } from "./canonical-path.js";
export { algorithmLabel, parseTemplate, renderTemplate } from "./header-template.js";
export { pythonCompactJson } from "./json-forms.js";
export { MalformedJsonError } from "./malformed-json.js";
export { signTemplate } from "./sign.js";
export {
  bodyHash,
  type CanonicalBody,
  canonicalBody,
  type SignedBody,
  signedBody,
  signsBodyAsEmpty,
} from "./signed-body.js";
export { buildStringToSign, type StringToSignInput } from "./string-to-sign.js";
export { checkFreshness, formatTimestamp, parseTimestamp } from "./timestamp.js";
export { verifyTemplate } from "./verify.js";
