/**
 * GitHub's REST spec (@octokit/openapi, 13 MB, about 1,200 operations) with an x-hmac scheme added, the
 * large real spec the issues ask generation and type-checking to handle. Written once per process.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { tempDir } from "./temp-dir.js";

let written: string | undefined;

export function githubSpecWithHmac(): string {
  if (written) return written;
  const require = createRequire(import.meta.url);
  const source = require.resolve("@octokit/openapi/generated/api.github.com.json");
  const document = JSON.parse(readFileSync(source, "utf8")) as Record<string, unknown> & { components: Record<string, unknown> };
  document.components.securitySchemes = {
    githubHmac: { type: "apiKey", in: "header", name: "X-Signature", "x-hmac": { preset: "nextcloud-drf" } },
  };
  document.security = [{ githubHmac: [] }];
  written = join(tempDir("github-spec-"), "api.github.com.json");
  writeFileSync(written, JSON.stringify(document));
  return written;
}
