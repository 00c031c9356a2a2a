/**
 * docs/x-hmac.md shows what specs/custom-scheme.yaml signs for POST /items. Those bytes are quoted from the
 * spec's golden vectors; this keeps the page equal to them when the scheme or the signer changes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { codeBlocks, markdownFiles } from "../support/markdown.js";
import { ROOT } from "../support/run-cli.js";

interface Vector {
  description: string;
  stringToSign: string;
  signed: { headers: Record<string, string> };
}

const page = markdownFiles().find((file) => file.path === "docs/x-hmac.md");
const vectors = JSON.parse(readFileSync(join(ROOT, "test/golden/custom-scheme/vectors.json"), "utf8")) as {
  schemes: { inventoryHmac: { vectors: Vector[] } };
};
const post = vectors.schemes.inventoryHmac.vectors.find((vector) => vector.description === "POST /items (createItem) [sha256]");

describe("docs/x-hmac.md, A scheme written out", () => {
  it("quotes the golden vector's string to sign and Authorization header byte for byte", () => {
    if (!page || !post) throw new Error("docs/x-hmac.md or the POST /items vector is missing");
    const section = page.text.slice(page.text.indexOf("## A scheme written out"));
    const quoted = codeBlocks({ path: page.path, text: section }).find((block) => block.language === "");
    expect(quoted?.code).toBe(post.stringToSign);
    expect(section).toContain(`\`Authorization: ${post.signed.headers.Authorization}\``);
  });
});
