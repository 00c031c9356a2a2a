/**
 * Spec text is data, never code: every string a spec puts into generated output passes through one of
 * these, chosen by where it lands. A star-slash ends a block comment and a line break ends a line comment
 * (ECMA-262 §12.3 counts U+2028 and U+2029 as line terminators), so either would let a title run as code.
 */
const lineBreaks = /\r\n|[\n\r\u2028\u2029]/g;

/** Text inside a block comment or JSDoc: a star-slash cannot close it, and line breaks become spaces. */
export function commentText(text: string): string {
  return text.replace(lineBreaks, " ").replace(/\*\//g, "*\\/");
}

/** Text inside a `// …` comment: one line, whatever breaks the spec's text holds. */
export function lineCommentText(text: string): string {
  return text.replace(lineBreaks, " ");
}

/** A double-quoted string literal; U+2028/U+2029 escaped too, for tools older than ES2019's JSON superset. */
export function stringLiteral(text: string): string {
  return JSON.stringify(text)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A property name in an object literal or interface: bare when it is an identifier, else a string literal. */
export function propertyKey(name: string): string {
  // `__proto__: x` and `"__proto__": x` in an object literal set the prototype (ECMA-262 §B.3.1); only a
  // computed key makes an own property, so an operationId `__proto__` gets a table entry like any other.
  if (name === "__proto__") return '["__proto__"]';
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : stringLiteral(name);
}
