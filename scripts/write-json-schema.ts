/**
 * Writes schema/x-hmac.schema.json from the model rules. Run: npm run embed. Unlike the embedded template
 * sources this file is committed: users point `$schema` or their editor at it (and the package exports it
 * as `hmac-codegen/x-hmac.schema.json`), and test/scheme/json-schema.test.ts fails when it is stale.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { xHmacJsonSchema } from "../src/scheme/json-schema.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const file = `${root}schema/x-hmac.schema.json`;
const next = `${JSON.stringify(xHmacJsonSchema(), null, 2)}\n`;
mkdirSync(`${root}schema`, { recursive: true });
// Written only when its bytes change, like the generated output (a watcher sees real changes only).
const current = existsSync(file) ? readFileSync(file, "utf8") : undefined;
if (current !== next) writeFileSync(file, next);
