/**
 * The repository's own Markdown, read the way the docs tests need it: README.md and docs/**\/*.md, their
 * fenced code blocks (CommonMark §4.5: a fence of three or more backticks, maybe indented inside a list
 * item, and an info string whose first word is the language), and their prose with code taken out.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "./run-cli.js";

export interface MarkdownFile {
  /** Relative to the repository root, with "/". */
  path: string;
  text: string;
}

export interface CodeBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  language: string;
  /** The info string after the language (e.g. "no-check: why"). */
  flags: string;
  code: string;
}

export function markdownFiles(): MarkdownFile[] {
  const docs = readdirSync(join(ROOT, "docs"), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
  return ["README.md", ...docs].map((path) => ({ path, text: readFileSync(join(ROOT, path), "utf8") }));
}

const FENCE = /^(\s*)(`{3,})\s*([^`\s]*)\s*(.*)$/;

export function codeBlocks(file: MarkdownFile): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = file.text.split("\n");
  for (let index = 0; index < lines.length; index += 1) {
    const open = FENCE.exec(lines[index] ?? "");
    if (!open) continue;
    const [, indent = "", fence = "```", language = "", flags = ""] = open;
    const body: string[] = [];
    let end = index + 1;
    for (; end < lines.length; end += 1) {
      const line = lines[end] ?? "";
      if (line.trim().startsWith(fence) && line.trim().replace(/`/g, "") === "") break;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }
    blocks.push({ file: file.path, line: index + 1, language: language.toLowerCase(), flags: flags.trim(), code: body.join("\n") });
    index = end;
  }
  return blocks;
}

/** The text outside fenced blocks, with inline code spans blanked (links inside code are not links). */
export function prose(file: MarkdownFile): string {
  const lines = file.text.split("\n");
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const open = FENCE.exec(line);
    if (fence === undefined && open) {
      fence = open[2];
      kept.push("");
    } else if (fence !== undefined) {
      if (line.trim().startsWith(fence) && line.trim().replace(/`/g, "") === "") fence = undefined;
      kept.push("");
    } else {
      kept.push(line.replace(/(`+)[^`]*?\1/g, (span) => " ".repeat(span.length)));
    }
  }
  return kept.join("\n");
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to "-", repeats numbered. */
export function headingAnchors(file: MarkdownFile): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const originals = file.text.split("\n");
  // prose() keeps the line count, so a heading found there (not inside a fence) is read from the original line.
  for (const [index, line] of prose(file).split("\n").entries()) {
    if (!/^#{1,6}\s/.test(line)) continue;
    const title = (/^#{1,6}\s+(.*?)\s*#*\s*$/.exec(originals[index] ?? "")?.[1] ?? "").replace(/`/g, "");
    const slug = title
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}
