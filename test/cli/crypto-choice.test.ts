/**
 * Choosing the default crypto provider (config `crypto`, `--crypto`): "web" makes Web Crypto the default in
 * every runtime, so a browser bundle of the client carries no node:crypto provider, and it signs the same
 * bytes as the node:crypto default of "auto".
 */
import { cpSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

interface GeneratedRuntime {
  defaultCryptoProvider(): { name: string };
  signRequest(
    scheme: unknown,
    request: { method: string; url: string },
    credentials: { keyId: string; secret: string },
    options: { now: () => number; nonce: () => string },
  ): Promise<{ headers: Record<string, string> }>;
}

/** Generates the client alone into a fresh project and bundles an app of it for the browser. */
async function browserBundle(crypto: "auto" | "web"): Promise<{ out: string; bundle: string }> {
  const project = tempDir();
  const out = join(project, "api");
  const result = runCli(["specs/nextcloud-drf.yaml", "-o", out, "--outputs", "client", "--crypto", crypto, "--silent"]);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"), "dir");
  writeFileSync(
    join(project, "app.ts"),
    'import { createClient } from "./api/client.js";\nexport const client = createClient({ baseUrl: "https://x.example", credentials: {} });\n',
  );
  const bundled = await build({
    entryPoints: [join(project, "app.ts")],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
  });
  return { out, bundle: bundled.outputFiles[0]?.text ?? "" };
}

async function signedHeaders(out: string): Promise<{ provider: string; headers: Record<string, string> }> {
  const runtime = (await import(join(out, "runtime/index.ts"))) as GeneratedRuntime;
  const { schemes } = (await import(join(out, "schemes.ts"))) as { schemes: { integrationHmac: unknown } };
  const signed = await runtime.signRequest(
    schemes.integrationHmac,
    { method: "GET", url: "https://weather.example.com/api/v1/forecast/?city=Bern" },
    { keyId: "nc-1", secret: "c2VjcmV0" },
    { now: () => 1_700_000_000_000, nonce: () => "00112233445566778899aabbccddeeff" },
  );
  return { provider: runtime.defaultCryptoProvider().name, headers: signed.headers };
}

describe("choosing the default crypto provider", () => {
  it("--crypto web leaves node:crypto's provider out of a browser bundle and signs the same bytes as auto", async () => {
    const web = await browserBundle("web");
    const auto = await browserBundle("auto");
    expect(readFileSync(join(web.out, "runtime/default-crypto.ts"), "utf8")).toContain("webCryptoDefault as defaultCryptoProvider");
    // The test can tell: the auto bundle reaches node:crypto through getBuiltinModule.
    expect(auto.bundle).toContain("getBuiltinModule");
    expect(web.bundle).not.toContain("getBuiltinModule");
    expect(web.bundle).not.toContain("node:crypto");
    expect(web.bundle.length).toBeLessThan(auto.bundle.length);

    const [fromWeb, fromAuto] = [await signedHeaders(web.out), await signedHeaders(auto.out)];
    expect(fromWeb.provider).toBe("web-crypto");
    expect(fromAuto.provider).toBe("node:crypto");
    expect(fromWeb.headers["X-Signature"]).toMatch(/^[0-9a-f]{64}$/);
    expect(fromWeb.headers).toEqual(fromAuto.headers);
  }, 120_000);

  it("the config file chooses per spec and for all; --crypto wins; an unknown value is E_CONFIG", () => {
    const dir = tempDir();
    cpSync(join(ROOT, "specs/nextcloud-drf.yaml"), join(dir, "specs/partner.yaml"));
    const config = (body: object): void => writeFileSync(join(dir, "hmac-codegen.config.json"), JSON.stringify(body));
    const defaultCrypto = (folder: string): string => readFileSync(join(dir, folder, "runtime/default-crypto.ts"), "utf8");
    config({
      crypto: "web",
      specs: [
        { spec: "specs/partner.yaml", output: "web", outputs: ["client"] },
        { spec: "specs/partner.yaml", output: "backend", crypto: "auto" },
      ],
    });
    expect(runCli(["--silent"], { cwd: dir }).status).toBe(0);
    expect(defaultCrypto("web")).toContain("webCryptoDefault");
    expect(defaultCrypto("backend")).toContain('export { defaultCryptoProvider } from "./crypto-provider.js"');
    expect(runCli(["specs/partner.yaml", "-o", "web", "--crypto", "auto", "--silent"], { cwd: dir }).status).toBe(0);
    expect(defaultCrypto("web")).not.toContain("webCryptoDefault");

    config({ specs: [{ spec: "specs/partner.yaml", output: "web", crypto: "browser" }] });
    const refused = runCli([], { cwd: dir });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('hmac-codegen.config.json specs[0].crypto: expected "auto"');
    expect(refused.stderr).toContain('not "browser"');
    expect(runCli(["specs/partner.yaml", "-o", "x", "--crypto", "node"], { cwd: dir }).status).not.toBe(0);
  }, 120_000);
});
