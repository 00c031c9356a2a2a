/**
 * The tools on a spec with a webhook scheme: lint accepts it (the provider's preset fixes what the rules
 * judge) and still reports a bad declaration; sign, verify and explain refuse it by name with a code.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadScheme } from "../../src/cli/request-input.js";
import { lintDocument } from "../../src/lint/lint.js";
import { SpecError } from "../../src/scheme/errors.js";

const hook = (webhook: Record<string, unknown>) => ({
  type: "apiKey",
  in: "header",
  name: "X-Hub-Signature-256",
  "x-hmac": { profile: "webhook", webhook },
});

const document = (webhook: Record<string, unknown>) => ({
  openapi: "3.1.0",
  info: { title: "Hooks", version: "1" },
  components: {
    securitySchemes: {
      github: hook(webhook),
      partner: { type: "apiKey", in: "header", name: "X-Signature", "x-hmac": { preset: "nextcloud-drf" } },
    },
  },
  paths: {},
  webhooks: { push: { post: { security: [{ github: [] }], responses: { "200": { description: "ok" } } } } },
});

describe("lint", () => {
  it("reports nothing for a webhook scheme, and a coded issue for a bad one", () => {
    expect(lintDocument(document({ preset: "github" })).filter((finding) => finding.scheme === "github")).toEqual([]);
    expect(() => lintDocument(document({ preset: "gitlab" }))).toThrow(SpecError);
  });
});

describe("sign, verify and explain (loadScheme)", () => {
  it("refuse a webhook scheme with E_XHMAC_PROFILE at its x-hmac, and still load the request scheme", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "hmac-webhook-")), "hooks.yaml");
    writeFileSync(file, stringify(document({ preset: "github" })));
    const refusal = await loadScheme(file, "github").catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SpecError);
    expect((refusal as SpecError).issues[0]).toMatchObject({
      code: "E_XHMAC_PROFILE",
      pointer: "#/components/securitySchemes/github/x-hmac",
      message: expect.stringContaining("webhook scheme"),
    });
    expect((await loadScheme(file, "partner")).name).toBe("partner");
  });
});
