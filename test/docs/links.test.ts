/**
 * The README is a front page: at most 200 lines, opening with the two commands that work on a fresh
 * clone. No page links outside the repository (a reader offline, or on a fork, must not hit a dead end),
 * and every relative link, with its #anchor, names a file and heading that exist.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { codeBlocks, headingAnchors, type MarkdownFile, markdownFiles, prose } from "../support/markdown.js";
import { ROOT } from "../support/run-cli.js";

const files = markdownFiles();
const byPath = new Map(files.map((file) => [file.path, file]));
const readme = byPath.get("README.md") as MarkdownFile;

interface Link {
  file: string;
  line: number;
  target: string;
}

/** Inline links and images `[text](target "title")`, reference definitions `[x]: target`, autolinks `<scheme:...>`. */
function links(file: MarkdownFile): Link[] {
  const found: Link[] = [];
  for (const [index, line] of prose(file).split("\n").entries()) {
    const add = (target: string): number => found.push({ file: file.path, line: index + 1, target });
    for (const match of line.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)) add(match[1] ?? "");
    for (const match of line.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/g)) add(match[1] ?? "");
    for (const match of line.matchAll(/<([a-z][a-z0-9+.-]*:[^>\s]*)>/gi)) add(match[1] ?? "");
    // A bare URL in prose is a link too, where Markdown renderers autolink it.
    for (const match of line.matchAll(/(?<![(<])\bhttps?:\/\/[^\s)>]+/g)) add(match[0]);
  }
  return found;
}

const allLinks = files.flatMap(links);

describe("README.md", () => {
  it("is at most 200 lines", () => {
    expect(readme.text.trimEnd().split("\n").length).toBeLessThanOrEqual(200);
  });

  it("opens with the main job on an example spec and the whole test suite", () => {
    const first = codeBlocks(readme)[0];
    expect(first?.language).toBe("sh");
    // Nothing but the title comes before it.
    expect(readme.text.slice(0, readme.text.indexOf("```")).trim()).toMatch(/^# hmac-codegen$/);
    const commands = (first?.code ?? "").split("\n").filter((line) => line.trim() !== "");
    const spec = /\bnpx hmac-codegen (specs\/[\w.-]+\.yaml) -o \S+/.exec(commands[0] ?? "")?.[1];
    expect(spec, commands[0]).toBeDefined();
    expect(existsSync(join(ROOT, spec ?? "missing"))).toBe(true);
    expect(commands[1]).toBe("npm test");
  });
});

describe("links in README.md and docs/", () => {
  it("finds the links it checks", () => {
    expect(allLinks.filter((link) => link.file === "README.md").length).toBeGreaterThan(5);
  });

  it("none leaves the repository", () => {
    const external = allLinks.filter((link) => /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(link.target));
    expect(external.map((link) => `${link.file}:${link.line} ${link.target}`)).toEqual([]);
  });

  it("every relative link names a file (and heading) that exists, inside the repository", () => {
    const broken: string[] = [];
    for (const link of allLinks) {
      if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(link.target)) continue;
      const [path = "", anchor] = link.target.split("#");
      const target = path === "" ? join(ROOT, link.file) : resolve(ROOT, dirname(link.file), decodeURIComponent(path));
      const inside = !relative(ROOT, target).startsWith("..");
      const where = `${link.file}:${link.line} ${link.target}`;
      if (!inside || !existsSync(target)) {
        broken.push(`${where}: no such file in the repository`);
        continue;
      }
      if (anchor === undefined || anchor === "" || statSync(target).isDirectory()) continue;
      const page = byPath.get(relative(ROOT, target).split("\\").join("/"));
      if (page && !headingAnchors(page).has(anchor)) broken.push(`${where}: no heading #${anchor}`);
    }
    expect(broken).toEqual([]);
  });
});
