/**
 * Redocly's resolver, confined to the spec's folder (issue 9). A `$ref` may name files next to the spec
 * or below it; one that leaves the folder (`../secrets.yaml`, `/etc/hostname`, a symlink pointing out) or
 * names a URL is refused before anything is read or fetched: generation reads only what the author put
 * beside the spec, and the output never depends on the network (byte-identical for the same input).
 */
import { realpathSync } from "node:fs";
import { dirname, isAbsolute, relative } from "node:path";
import { BaseResolver, ResolveError, type Source } from "@redocly/openapi-core";

/** Marks our refusals in Redocly's "Can't resolve $ref: <message>" problems. */
export const REFUSED = "refused:";

export class ContainedResolver extends BaseResolver {
  readonly #folder: string;

  constructor(rootFile: string) {
    super();
    this.#folder = realpathOr(dirname(rootFile));
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    if (/^[a-z][a-z0-9+.-]*:/i.test(absoluteRef) && !isAbsolute(absoluteRef)) {
      throw new ResolveError(new Error(`${REFUSED} remote $refs are not fetched; save the file next to the spec`));
    }
    const inside = relative(this.#folder, realpathOr(absoluteRef));
    if (inside.startsWith("..") || isAbsolute(inside)) {
      throw new ResolveError(new Error(`${REFUSED} it leaves the spec's folder; $refs may only name files beside the spec or below it`));
    }
    return super.loadExternalRef(absoluteRef);
  }
}

/** The real path, following symlinks; the path itself when it does not exist (Redocly reports that). */
function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
