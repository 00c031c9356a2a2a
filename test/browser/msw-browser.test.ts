/**
 * The generated mocks under msw's setupWorker in a real browser: headless Chromium (Debian package
 * chromium, installed by scripts/ensure-system-deps.sh) loads a page bundled with esbuild from the
 * generated client and mocks. The client signs with Web Crypto; the service worker hands each request to
 * the handlers, which verify it like the server.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { expect, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { ROOT } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

it("setupWorker: the generated client succeeds against verified mocks, and a wrong secret is refused", async () => {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL("./app.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
    define: { TEST_CREDENTIALS: JSON.stringify({ keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64, nowMs: TEST_NOW_MS }) },
  });
  const app = bundle.outputFiles[0]?.text ?? "";
  const worker = readFileSync(`${ROOT}/node_modules/msw/lib/mockServiceWorker.js`, "utf8");
  let report: (value: string) => void = () => {};
  const reported = new Promise<string>((resolve) => {
    report = resolve;
  });
  const server = createServer((req, res) => {
    if (req.url === "/report") {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        res.end();
        report(Buffer.concat(chunks).toString());
      });
      return;
    }
    const [type, body] =
      req.url === "/app.js"
        ? ["text/javascript", app]
        : req.url === "/mockServiceWorker.js"
          ? ["text/javascript", worker]
          : ["text/html", '<!doctype html><meta charset="utf-8"><script type="module" src="/app.js"></script>'];
    res.writeHead(200, { "content-type": type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const browser = spawn(
    "chromium",
    [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      ...(process.env.DEBUG_BROWSER ? ["--enable-logging=stderr", "--v=0"] : []),
      `--user-data-dir=${tempDir("chromium-")}`,
      `http://127.0.0.1:${port}/`,
    ],
    { stdio: process.env.DEBUG_BROWSER ? "inherit" : "ignore" },
  );
  try {
    const timeout = new Promise<string>((_, reject) => setTimeout(() => reject(new Error("no report from the browser in 60 s")), 60_000));
    const outcome = JSON.parse(await Promise.race([reported, timeout])) as {
      ok: boolean;
      error?: string;
      result?: Record<string, unknown>;
    };
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toMatchObject({
      crypto: "web-crypto",
      forecast: { status: 200, data: { city: "string" } },
      token: { status: 200, data: { expires_in: 1 } },
      wrongSecret: { status: 401, error: { reason: "bad_signature" } },
    });
    expect(JSON.stringify(outcome)).not.toContain(TEST_SECRETS.base64);
  } finally {
    browser.kill("SIGKILL");
    await new Promise((resolve) => server.close(resolve));
  }
}, 90_000);
