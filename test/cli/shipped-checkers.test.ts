/**
 * The Python and PHP checkers the package ships (checkers/), run by the real interpreters on the vectors
 * `hmac-codegen vectors` writes: every template scheme of the example specs and a custom x-hmac that sets
 * nearly every knob away from its default agree byte for byte, and a checker reads the scheme from
 * vectors.json (a changed scheme or signature fails it) rather than knowing the presets.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

const CHECKERS = [
  { language: "python3", script: "checkers/check_vectors.py" },
  { language: "php", script: "checkers/check-vectors.php" },
] as const;

const SPECS = [
  "specs/nextcloud-drf.yaml",
  "specs/nextcloud-drf-base64.yaml",
  "specs/django-api-key.yaml",
  "specs/django-api-signing.yaml",
  "specs/django-hmac-authentication.yaml",
  "specs/document-store.yaml",
  "test/fixtures/custom-scheme/partner-api.yaml",
];

const written = new Map<string, string>();

/** A fresh copy of the spec's vectors (written once per spec: each CLI run takes seconds). */
function vectorsOf(spec: string): string {
  let contents = written.get(spec);
  if (contents === undefined) {
    const result = runCli(["vectors", spec]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    contents = result.stdout;
    written.set(spec, contents);
  }
  const file = join(tempDir(), "vectors.json");
  writeFileSync(file, contents);
  return file;
}

function check(language: string, script: string, file: string) {
  const run = spawnSync(language, [join(ROOT, script), file], { encoding: "utf8" });
  if (run.error) throw new Error(`${language} is not runnable: ${run.error.message}`);
  return run;
}

/** Every "a/b vectors agree" line, and that none is partial. */
function agreement(stdout: string): Array<{ agreed: number; total: number }> {
  return [...stdout.matchAll(/^(\d+)\/(\d+) vectors agree/gm)].map((match) => ({ agreed: Number(match[1]), total: Number(match[2]) }));
}

describe.each(CHECKERS)("the shipped $language checker", ({ language, script }) => {
  it.each(SPECS)("agrees with every vector of %s's template schemes", (spec) => {
    const run = check(language, script, vectorsOf(spec));
    expect(run.stderr).toBe("");
    const lines = agreement(run.stdout);
    // PHP leaves python-compact JSON to the Python checker (json_encode is not json.dumps); it says so.
    if (language === "php" && spec.includes("django-hmac-authentication")) {
      expect(run.stdout).toMatch(/^SKIP hmacAuth: json python-compact/m);
      expect(lines).toEqual([]);
    } else {
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line.agreed).toBe(line.total);
    }
    expect(run.status).toBe(0);
  });

  it("skips the standard profiles, naming them", () => {
    const run = check(language, script, vectorsOf("specs/rfc9421-example.yaml"));
    expect(run.stdout).toMatch(/^SKIP appSignature: profile rfc9421 is not a template scheme$/m);
    expect(run.status).toBe(0);
  });

  it("reads the scheme from vectors.json: another separator or a tampered signature fails", () => {
    const file = vectorsOf("test/fixtures/custom-scheme/partner-api.yaml");
    type Document = {
      schemes: { partnerHmac: { scheme: { stringToSign: { separator: string } }; vectors: Array<{ signature: string }> } };
    };
    const document = JSON.parse(readFileSync(file, "utf8")) as Document;
    const { partnerHmac } = document.schemes;
    partnerHmac.scheme.stringToSign.separator = "\n";
    writeFileSync(file, JSON.stringify(document));
    const separator = check(language, script, file);
    expect(separator.status).toBe(1);
    expect(agreement(separator.stdout)).toEqual([{ agreed: 0, total: partnerHmac.vectors.length }]);

    partnerHmac.scheme.stringToSign.separator = "|";
    const [first] = partnerHmac.vectors;
    if (!first) throw new Error("no vectors");
    first.signature = first.signature.replace(/^./, (char) => (char === "A" ? "B" : "A"));
    writeFileSync(file, JSON.stringify(document));
    const tampered = check(language, script, file);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toMatch(/^MISMATCH partnerHmac: /m);
    expect(agreement(tampered.stdout)).toEqual([{ agreed: partnerHmac.vectors.length - 1, total: partnerHmac.vectors.length }]);
  });
});
