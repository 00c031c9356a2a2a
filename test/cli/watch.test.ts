/**
 * --watch as a process: edit a $ref'd file and see the output regenerate; save a broken spec and see
 * the error while the old output stays; fix it and see it regenerate again. The process is killed after.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

const API = `openapi: 3.1.0
info: { title: Watched, version: 1.0.0 }
components:
  securitySchemes:
    sig:
      type: apiKey
      in: header
      name: X-Signature
      x-hmac: { preset: django-api-key }
security: [{ sig: [] }]
paths:
  /orders:
    post:
      requestBody:
        content:
          application/json:
            schema: { $ref: "./order.yaml" }
      responses: { "201": { description: created } }
`;

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill("SIGTERM");
  child = undefined;
});

async function until(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const read = (file: string): string => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
};

describe("hmac-codegen --watch", () => {
  it("regenerates on a change to a $ref'd file, survives a broken save, and recovers", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "api.yaml"), API);
    writeFileSync(join(dir, "order.yaml"), "type: object\nproperties:\n  item: { type: string }\n");
    const schema = join(dir, "out/schema.ts");
    let stderr = "";
    child = spawn(process.execPath, [join(ROOT, "bin/hmac-codegen.js"), "api.yaml", "-o", "out", "--watch"], { cwd: dir });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await until("the first generation", () => stderr.includes("watching 2 file(s)"));
    expect(read(schema)).toContain("item?: string");

    writeFileSync(join(dir, "order.yaml"), "type: object\nproperties:\n  item: { type: string }\n  quantity: { type: integer }\n");
    await until("regeneration after the $ref'd file changed", () => read(schema).includes("quantity?: number"));

    writeFileSync(join(dir, "api.yaml"), `${API}\n  broken: [\n`);
    await until("the syntax error", () => stderr.includes("E_SPEC_SYNTAX"));
    expect(stderr).toContain("api.yaml:");
    expect(read(schema)).toContain("quantity?: number"); // the last good output stays
    expect(child.exitCode).toBeNull(); // still watching

    writeFileSync(join(dir, "api.yaml"), API.replace("title: Watched", "title: Watched again"));
    writeFileSync(join(dir, "order.yaml"), "type: object\nproperties:\n  sku: { type: string }\n");
    await until("regeneration after the fix", () => read(schema).includes("sku?: string"));
  }, 60_000);
});
