/**
 * The whole x-hmac model as rules: the template profile's knobs (profiles/template/rules.ts), the profile
 * selector, and each standard profile's block. The validator and the JSON Schema (json-schema.ts) read it.
 */
import { AWS_SIGV4_RULE } from "./profiles/aws-sigv4/rules.js";
import { RFC9421_RULE } from "./profiles/rfc9421/rules.js";
import { TEMPLATE_RULES } from "./profiles/template/rules.js";
import { WEBHOOK_RULE } from "./profiles/webhook/rules.js";
import { obj, oneOfValues, type Rule } from "./rules.js";

export const X_HMAC_RULE: Rule = obj(
  {
    ...TEMPLATE_RULES,
    profile: oneOfValues(["rfc9421", "aws-sigv4", "webhook"], "A structured standard scheme, or a provider's webhook signatures."),
    rfc9421: RFC9421_RULE,
    awsSigV4: AWS_SIGV4_RULE,
    webhook: WEBHOOK_RULE,
  },
  { description: "hmac-codegen: how requests under this security scheme are signed." },
);
