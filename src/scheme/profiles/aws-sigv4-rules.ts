/**
 * The `awsSigV4` block of x-hmac (`profile: aws-sigv4`): AWS Signature Version 4.
 */
import { obj, type Rule } from "../rules.js";

export const AWS_SIGV4_RULE: Rule = obj({}, { description: "AWS Signature Version 4 (profile: aws-sigv4)." });
