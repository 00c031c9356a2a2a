/**
 * Golden outputs for every example spec (STYLE 7): the whole output folder, so `npm run typecheck`
 * compiles each one with the repository's strict settings and the type-level tests import a real client.
 * After an intended change: UPDATE_GOLDEN=1 npx vitest run test/emit/golden.test.ts
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { tsBanner } from "../../src/emit/banner.js";
import { PER_SPEC_TEMPLATES } from "../../src/emit/per-spec-templates.js";
import { isTestOnlyTemplate, TEMPLATE_FOLDERS } from "../../src/emit/template-folders.js";
import { EXAMPLE_SPECS, generateSpec } from "../support/generate-spec.js";
import { materialiseGolden } from "../support/materialise-golden.js";
import { ROOT } from "../support/run-cli.js";

const update = process.env.UPDATE_GOLDEN === "1";
/** Written for each spec (per-spec-templates.ts), not copied: committed with the golden output. */
const WRITTEN_PER_SPEC = PER_SPEC_TEMPLATES;
const isTemplateCopy = (path: string): boolean =>
  TEMPLATE_FOLDERS.some((folder) => path.startsWith(`${folder}/`)) && !WRITTEN_PER_SPEC.includes(path);

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
}

describe.each(EXAMPLE_SPECS.map((spec) => ({ spec })))("$spec", ({ spec }) => {
  it("matches its golden output, file for file", async () => {
    const files = (await generateSpec(spec)).filter((file) => !isTemplateCopy(file.path));
    const goldenDir = join(ROOT, "test/golden", basename(spec, ".yaml"));
    if (update) {
      rmSync(goldenDir, { recursive: true, force: true });
      for (const file of files) {
        mkdirSync(dirname(join(goldenDir, file.path)), { recursive: true });
        writeFileSync(join(goldenDir, file.path), file.contents);
      }
      materialiseGolden();
    }
    expect(listFiles(goldenDir).filter((path) => !isTemplateCopy(path))).toEqual(files.map((file) => file.path).sort());
    for (const file of files) expect(file.contents, file.path).toBe(readFileSync(join(goldenDir, file.path), "utf8"));
  });

  it("copies the templates verbatim under the banner, with the profile folders its schemes use and no other", async () => {
    const files = await generateSpec(spec);
    // runtime/profiles.ts is written per spec (emit-profiles.ts): it re-exports the profiles in use.
    const profiles = files.find((f) => f.path === "runtime/profiles.ts")?.contents ?? "";
    const used = (folder: string): boolean => profiles.includes(`from "./${folder}/index.js"`);
    const shipped = (path: string): boolean =>
      !["template", "rfc9421", "sigv4"].some((folder) => path.startsWith(`runtime/${folder}/`) && !used(folder));
    for (const folder of TEMPLATE_FOLDERS) {
      const copied = files.filter((f) => f.path.startsWith(`${folder}/`) && !WRITTEN_PER_SPEC.includes(f.path));
      const templates = listFiles(join(ROOT, "templates", folder)).filter((name) => !isTestOnlyTemplate(name));
      // The output holds the import closure of what it generates (import-closure.ts): template files only, and none
      // of a profile no scheme uses. That the closure is complete, the strict type-check of the output shows.
      const names = copied.map((f) => f.path.slice(folder.length + 1));
      expect(names.filter((name) => !templates.includes(name))).toEqual([]);
      expect(names.filter((name) => !shipped(`${folder}/${name}`))).toEqual([]);
      for (const file of copied) {
        const source = readFileSync(join(ROOT, "templates", file.path), "utf8");
        expect(file.contents, file.path).toBe(tsBanner(basename(spec)) + source);
      }
    }
    const schemes = files.find((f) => f.path === "schemes.ts")?.contents ?? "";
    expect(used("sigv4")).toBe(/\bprofile"?: "aws-sigv4"/.test(schemes));
    expect(used("rfc9421")).toBe(/\bprofile"?: "rfc9421"/.test(schemes));
    // Only template schemes spell out a string to sign of components.
    expect(used("template")).toBe(/\bstringToSign"?:/.test(schemes));
    // The JSON parser only where a scheme re-serialises JSON; json-forms.ts is then the template itself.
    const usesJson = schemes.includes('"python-compact"');
    expect(files.some((f) => f.path === "runtime/template/python-json.ts")).toBe(usesJson);
    const jsonForms = files.find((f) => f.path === "runtime/template/json-forms.ts");
    expect(jsonForms !== undefined).toBe(used("template"));
    if (jsonForms && usesJson)
      expect(jsonForms.contents).toBe(tsBanner(basename(spec)) + readFileSync(join(ROOT, "templates", jsonForms.path), "utf8"));
    if (jsonForms && !usesJson) expect(jsonForms.contents).not.toContain("python-json");
    // The client writes bodies with openapi-fetch's JSON alone where security.ts lists no other media type.
    const bodies = files.find((f) => f.path === "client/request-bodies.ts");
    if (bodies) {
      const security = files.find((f) => f.path === "security.ts")?.contents ?? "";
      const table = security.slice(security.indexOf("requestMediaTypes"));
      const media = [...table.matchAll(/"([a-z]+\/[^"]+)"/g)].map((match) => match[1]);
      const jsonOnly = media.every((type) => type === "application/json");
      expect(bodies.contents).toContain(jsonOnly ? '"./json-body.js"' : '"./declared-body.js"');
      expect(files.some((f) => f.path === "client/declared-body.ts")).toBe(!jsonOnly);
    }
  });

  it("starts every file with the banner and is byte-identical on a second run", async () => {
    const [first, second] = [await generateSpec(spec), await generateSpec(spec)];
    expect(second).toEqual(first);
    for (const file of first) {
      if (file.path.endsWith(".ts")) expect(file.contents.startsWith("// Generated by hmac-codegen")).toBe(true);
      else expect(JSON.parse(file.contents).$comment).toMatch(/^Generated by hmac-codegen/);
    }
  });
});
