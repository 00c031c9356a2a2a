/** Writes src/emit/template-sources.generated.ts (see template-sources.ts). Run: npm run embed, or any pre-script. */
import { writeTemplateSources } from "./template-sources.js";

writeTemplateSources();
