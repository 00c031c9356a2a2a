/**
 * What the embed script (scripts/template-sources.ts) copies from templates/: every runtime module, and
 * neither the tests beside them nor the support modules those tests share, which import hmac-codegen.
 */
import { describe, expect, it } from "vitest";
import { isTestOnlyTemplate } from "../../src/emit/template-folders.js";
import { TEMPLATE_SOURCES } from "../../src/emit/template-sources.generated.js";

describe("embedded template sources", () => {
  it("tell test files and their support modules from runtime modules", () => {
    expect(["a.test.ts", "a.test-d.ts", "a.test-support.ts", "a.crosscheck.test.ts"].filter(isTestOnlyTemplate)).toHaveLength(4);
    expect(["test.ts", "a.ts", "test-support.ts", "a.tests.ts", "contest.ts"].filter(isTestOnlyTemplate)).toEqual([]);
  });

  it("hold the runtime modules and no test-only file", () => {
    const paths = Object.keys(TEMPLATE_SOURCES);
    expect(paths).toContain("runtime/sign.ts");
    expect(paths).toContain("runtime/template/verify.ts");
    expect(paths.filter(isTestOnlyTemplate)).toEqual([]);
  });
});
