/**
 * Watches a set of files and calls back, debounced, when any of them changes. It watches their
 * folders, not the files: editors save by writing a new file and renaming it over the old one, which
 * ends a watch on the old file's inode. The callback returns the next set (a spec may $ref new files).
 * Runs never overlap: a change during a run schedules one more run after it.
 */
import { type FSWatcher, watch } from "node:fs";
import { basename, dirname, join } from "node:path";

export interface FileWatcher {
  close(): void;
  /** The files watched now. */
  files(): ReadonlySet<string>;
}

export function watchFiles(
  initial: ReadonlySet<string>,
  onChange: (changed: string[]) => Promise<ReadonlySet<string>>,
  debounceMs = 150,
): FileWatcher {
  let watched = new Set(initial);
  const watchers = new Map<string, FSWatcher>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let closed = false;

  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };
  const flush = async (): Promise<void> => {
    timer = undefined;
    if (running || closed || pending.size === 0) {
      if (running && pending.size > 0) schedule();
      return;
    }
    running = true;
    const changed = [...pending];
    pending.clear();
    try {
      watched = new Set(await onChange(changed));
      sync();
    } finally {
      running = false;
      if (pending.size > 0) schedule();
    }
  };
  const sync = (): void => {
    const folders = new Set([...watched].map((file) => dirname(file)));
    for (const [folder, watcher] of watchers) {
      if (folders.has(folder)) continue;
      watcher.close();
      watchers.delete(folder);
    }
    for (const folder of folders) {
      if (watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, (_event, name) => {
          if (name === null) return;
          const file = join(folder, basename(name.toString()));
          if (!watched.has(file)) return;
          pending.add(file);
          schedule();
        });
        watcher.on("error", () => {
          watcher.close();
          watchers.delete(folder);
        });
        watchers.set(folder, watcher);
      } catch {
        // A folder that vanished (a $ref'd file's folder was deleted) is picked up again by a later sync.
      }
    }
  };
  sync();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
    files: () => watched,
  };
}
