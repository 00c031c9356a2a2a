/**
 * GitHub's own webhooks spec (@octokit/openapi-webhooks: OpenAPI 3.1 `webhooks`, one per event and action)
 * with the `github` webhook scheme added to every webhook, as GitHub signs each delivery
 * (X-Hub-Signature-256). Written once per process.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { tempDir } from "./temp-dir.js";

let written: string | undefined;

type Document = Record<string, unknown> & {
  components: Record<string, unknown> & { examples: Record<string, { value: unknown }> };
  webhooks: Record<string, Record<string, { security?: unknown }>>;
};

export function githubWebhooksDocument(): Document {
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(require.resolve("@octokit/openapi-webhooks/generated/api.github.com.json"), "utf8")) as Document;
}

export function githubWebhooksSpec(): string {
  if (written) return written;
  const document = githubWebhooksDocument();
  document.components.securitySchemes = {
    githubWebhook: {
      type: "apiKey",
      in: "header",
      name: "X-Hub-Signature-256",
      "x-hmac": { profile: "webhook", webhook: { preset: "github" } },
    },
  };
  for (const item of Object.values(document.webhooks))
    for (const operation of Object.values(item)) operation.security = [{ githubWebhook: [] }];
  written = join(tempDir("github-webhooks-"), "github-webhooks.json");
  writeFileSync(written, JSON.stringify(document));
  return written;
}
