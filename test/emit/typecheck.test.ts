/**
 * The generated code is a product: it must compile under the strictest settings a user may have
 * (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes), with no @types/node (browser apps),
 * and contain no `any`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLE_SPECS, generateSpec } from "../support/generate-spec.js";
import { ROOT } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

const USAGE = `import { createClient } from "./client.js";
import { schemes } from "./schemes.js";
import { MemoryReplayStore, signRequest, verifyRequest } from "./runtime/index.js";

export async function roundTrip(secret: string): Promise<boolean> {
  for (const scheme of Object.values(schemes)) {
    const request = { method: "POST", url: "/x?a=1", headers: { "content-type": "application/json" }, body: new TextEncoder().encode("{}") };
    const signed = await signRequest(scheme, request, { keyId: "k", secret });
    const result = await verifyRequest(
      scheme,
      { ...request, url: signed.url, headers: { ...request.headers, ...signed.headers } },
      { resolveKey: () => [secret], replayStore: new MemoryReplayStore() },
    );
    if (!result.ok) return false;
  }
  return true;
}

export const client = createClient({ baseUrl: "https://api.example.com", credentials: {}, now: () => 0 });
`;

describe("generated output", () => {
  it("type-checks under strict + noUncheckedIndexedAccess + exactOptionalPropertyTypes, without @types/node", async () => {
    const dir = tempDir();
    for (const spec of EXAMPLE_SPECS) {
      const out = join(dir, basename(spec, ".yaml"));
      for (const file of await generateSpec(spec)) {
        mkdirSync(dirname(join(out, file.path)), { recursive: true });
        writeFileSync(join(out, file.path), file.contents);
        if (file.path.endsWith(".ts")) expect(file.contents, file.path).not.toMatch(/:\s*any\b|<any>|as any\b/);
      }
      writeFileSync(join(out, "usage.ts"), USAGE);
    }
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          lib: ["ES2022", "DOM"],
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          noImplicitOverride: true,
          verbatimModuleSyntax: true,
          types: [],
          // Libraries' own .d.ts are not ours to police (openapi-fetch predates exactOptionalPropertyTypes).
          skipLibCheck: true,
          noEmit: true,
        },
        include: ["**/*.ts"],
      }),
    );
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    // The client imports openapi-fetch, as it does in a user's project.
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { encoding: "utf8" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe("");
  }, 120_000);
});
