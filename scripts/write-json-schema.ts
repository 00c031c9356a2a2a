/** Writes schema/x-hmac.schema.json from the model rules. Run: npm run embed */
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { xHmacJsonSchema } from "../src/scheme/json-schema.js";

const root = fileURLToPath(new URL("..", import.meta.url));
mkdirSync(`${root}schema`, { recursive: true });
writeFileSync(`${root}schema/x-hmac.schema.json`, `${JSON.stringify(xHmacJsonSchema(), null, 2)}\n`);
