/**
 * `profile: webhook` in x-hmac: the preset names the provider, the defaults fill the tolerance, and every
 * refusal carries its code, pointer and hint (src/scheme/profiles/webhook/).
 */
import { describe, expect, it } from "vitest";
import type { ErrorCode } from "../../src/scheme/errors.js";
import { resolveAnyScheme, resolveScheme, type SecuritySchemeContext } from "../../src/scheme/resolve.js";

const S = "#/components/securitySchemes/hook";
const P = `${S}/x-hmac`;
const CONTEXT: SecuritySchemeContext = { name: "hook", pointer: P, type: "apiKey", in: "header", parameterName: "Stripe-Signature" };

const resolve = (input: unknown, context: Partial<SecuritySchemeContext> = {}) => resolveAnyScheme(input, { ...CONTEXT, ...context });
const issuesOf = (input: unknown, context: Partial<SecuritySchemeContext> = {}) =>
  resolve(input, context).issues.map(({ code, pointer, hint }) => ({ code, pointer, hint }));

describe("profile: webhook resolves", () => {
  it("with the providers' five-minute tolerance and 401 by default", () => {
    expect(resolve({ profile: "webhook", webhook: { preset: "stripe" } })).toEqual({
      scheme: { profile: "webhook", name: "hook", preset: "stripe", toleranceSeconds: 300, failureStatus: 401 },
      issues: [],
    });
  });

  it("with the tolerance and failure status written", () => {
    const result = resolve(
      { profile: "webhook", webhook: { preset: "standard-webhooks", tolerance: 60 }, failureStatus: 403 },
      { parameterName: "webhook-signature" },
    );
    expect(result.scheme).toMatchObject({ preset: "standard-webhooks", toleranceSeconds: 60, failureStatus: 403 });
  });

  it.each([
    ["github", "X-Hub-Signature-256"],
    ["slack", "x-slack-signature"],
    ["shopify", "X-Shopify-Hmac-Sha256"],
    ["twilio", "X-Twilio-Signature"],
  ])("%s on an apiKey naming %s (any case)", (preset, header) => {
    expect(resolve({ profile: "webhook", webhook: { preset } }, { parameterName: header }).issues).toEqual([]);
  });
});

describe("profile: webhook refuses", () => {
  const cases: Array<[string, unknown, Partial<SecuritySchemeContext>, ErrorCode, string]> = [
    ["no webhook block", { profile: "webhook" }, {}, "E_XHMAC_REQUIRED", `${P}/webhook`],
    ["a block without a preset", { profile: "webhook", webhook: {} }, {}, "E_XHMAC_REQUIRED", `${P}/webhook/preset`],
    ["an unknown preset", { profile: "webhook", webhook: { preset: "strip" } }, {}, "E_XHMAC_VALUE", `${P}/webhook/preset`],
    [
      "a tolerance where no timestamp is signed",
      { profile: "webhook", webhook: { preset: "github", tolerance: 60 } },
      { parameterName: "X-Hub-Signature-256" },
      "E_XHMAC_PROFILE",
      `${P}/webhook/tolerance`,
    ],
    ["a template knob", { profile: "webhook", webhook: { preset: "stripe" }, algorithm: "sha1" }, {}, "E_XHMAC_PROFILE", `${P}/algorithm`],
    [
      "a template preset beside the profile",
      { profile: "webhook", webhook: { preset: "stripe" }, preset: "nextcloud-drf" },
      {},
      "E_XHMAC_PROFILE",
      `${P}/preset`,
    ],
    [
      "another header than the provider signs in",
      { profile: "webhook", webhook: { preset: "stripe" } },
      { parameterName: "X-Signature" },
      "E_XHMAC_SCHEME_TYPE",
      `${S}/name`,
    ],
    [
      "a scheme that is not an apiKey in a header",
      { profile: "webhook", webhook: { preset: "stripe" } },
      { type: "http", in: undefined },
      "E_XHMAC_SCHEME_TYPE",
      S,
    ],
    ["a webhook block without the profile", { webhook: { preset: "stripe" } }, {}, "E_XHMAC_PROFILE", `${P}/webhook`],
  ];
  it.each(cases)("%s", (_name, input, context, code, pointer) => {
    const issues = issuesOf(input, context);
    expect(issues).toContainEqual(expect.objectContaining({ code, pointer }));
    // The resolver's own refusals say what to write instead (the shape validator's "required" needs no hint).
    for (const issue of issues.filter((found) => found.code !== "E_XHMAC_REQUIRED" || found.pointer === `${P}/webhook`)) {
      expect(issue.hint ?? "").not.toBe("");
    }
  });

  it("an unknown preset gets a did-you-mean", () => {
    expect(issuesOf({ profile: "webhook", webhook: { preset: "strip" } })[0]?.hint).toContain("stripe");
  });

  it("resolveScheme (request schemes only) refuses a webhook scheme, pointing at its profile", () => {
    const result = resolveScheme({ profile: "webhook", webhook: { preset: "stripe" } }, CONTEXT);
    expect(result.scheme).toBeUndefined();
    expect(result.issues).toEqual([expect.objectContaining({ code: "E_XHMAC_PROFILE", pointer: `${P}/profile` })]);
  });
});
