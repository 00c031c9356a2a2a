/**
 * The signing core under measurement: templates/runtime, compiled as an application would ship it
 * (compiled.ts), typed from its source.
 */
import { importCompiled } from "./compiled.js";

export const runtime = await importCompiled<typeof import("../templates/runtime/index.js")>("../templates/runtime/index.ts");
