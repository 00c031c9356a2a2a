/**
 * The printer's last step before the raw tables go back in (ts-source.ts): ts-morph keeps a JSDoc or a
 * named import/export list on one line however long it grows, so lines past PRINT_WIDTH are broken here as
 * Biome would break them: a JSDoc into a block of wrapped ` * ` lines, a name list into one name per line.
 */
import { PRINT_WIDTH } from "./ts-value.js";

const ONE_LINE_DOC = /^(\s*)\/\*\* (.*) \*\/$/;
const DOC_LINE = /^(\s*) \* (.*)$/;
const NAME_LIST = /^(\s*)((?:import|export)(?: type)? )\{ (.+) \}( from ".*";)$/;

export function fitLines(text: string): string {
  return text
    .split("\n")
    .map((line) => (line.length <= PRINT_WIDTH ? line : fitLine(line)))
    .join("\n");
}

function fitLine(line: string): string {
  const oneLineDoc = ONE_LINE_DOC.exec(line);
  if (oneLineDoc) {
    const [, indent = "", body = ""] = oneLineDoc;
    return [`${indent}/**`, ...wrapWords(body, PRINT_WIDTH - indent.length - 3).map((part) => `${indent} * ${part}`), `${indent} */`].join(
      "\n",
    );
  }
  const docLine = DOC_LINE.exec(line);
  if (docLine) {
    const [, indent = "", body = ""] = docLine;
    return wrapWords(body, PRINT_WIDTH - indent.length - 3)
      .map((part) => `${indent} * ${part}`)
      .join("\n");
  }
  const nameList = NAME_LIST.exec(line);
  if (nameList) {
    const [, indent = "", keyword = "", names = "", from = ""] = nameList;
    const items = names.split(", ").map((name) => `${indent}  ${name},`);
    return [`${indent}${keyword}{`, ...items, `${indent}}${from}`].join("\n");
  }
  return line;
}

/** Words greedily joined into lines of at most `width` characters; a longer word gets a line of its own. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(" ")) {
    if (current !== "" && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current === "" ? word : `${current} ${word}`;
    }
  }
  if (current !== "") lines.push(current);
  return lines;
}
