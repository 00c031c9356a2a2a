/**
 * Issue 8, target 1: generation time must grow linearly with the number of operations. Synthetic specs
 * of 10, 100, 1,000 and 5,000 operations (half GET, half POST with a body, each with its own schema) go
 * through the whole pipeline in this process; the row compares the time per operation at the largest size
 * with the time per operation at 1,000.
 */
import { generate } from "../src/generate.js";
import { buildModel } from "../src/spec/model.js";
import type { Row } from "./measure.js";

function syntheticSpec(operations: number): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < operations / 2; i++) {
    schemas[`Item${i}`] = {
      type: "object",
      required: ["id", "name"],
      properties: { id: { type: "string", format: "uuid" }, name: { type: "string" }, count: { type: "integer", minimum: 0 } },
    };
    const ref = { $ref: `#/components/schemas/Item${i}` };
    paths[`/items${i}/{id}`] = {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      get: { operationId: `getItem${i}`, responses: { "200": { description: "ok", content: { "application/json": { schema: ref } } } } },
      post: {
        operationId: `putItem${i}`,
        requestBody: { required: true, content: { "application/json": { schema: ref } } },
        responses: { "200": { description: "ok", content: { "application/json": { schema: ref } } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "synthetic", version: "1" },
    components: {
      schemas,
      securitySchemes: { hmac: { type: "apiKey", in: "header", name: "X-Signature", "x-hmac": { preset: "nextcloud-drf" } } },
    },
    security: [{ hmac: [] }],
    paths,
  };
}

export async function scalingRows(sizes: readonly number[]): Promise<Row[]> {
  const perOperation = new Map<number, number>();
  for (const size of sizes) {
    const document = syntheticSpec(size);
    await generate(buildModel(structuredClone(document)), { specName: "synthetic.json" });
    const start = performance.now();
    await generate(buildModel(structuredClone(document)), { specName: "synthetic.json" });
    perOperation.set(size, (performance.now() - start) / size);
  }
  const largest = sizes.at(-1) ?? 1;
  const reference = perOperation.get(1000) ?? perOperation.get(sizes[0] ?? 1) ?? 1;
  const measured = perOperation.get(largest) ?? 0;
  const detail = sizes.map((size) => `${size}: ${((perOperation.get(size) ?? 0) * 1000).toFixed(0)} µs/op`).join(", ");
  return [
    {
      benchmark: `generation per operation, ${largest} vs 1,000 operations (${detail})`,
      ours: `${(measured * 1000).toFixed(0)} µs/op`,
      baseline: `${(reference * 1000).toFixed(0)} µs/op`,
      ratio: measured / reference,
      target: "<= 1.25x (linear)",
      met: measured / reference <= 1.25,
    },
  ];
}
