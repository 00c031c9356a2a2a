/**
 * Writes generated files so that a failed run leaves the old output intact: everything is generated in
 * memory first, then staged in a sibling folder, then moved into place with rename (atomic on one file
 * system). Files in the output folder that hmac-codegen did not generate are never touched.
 */
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { GeneratedFile } from "../emit/banner.js";

export async function writeOutput(outDir: string, files: readonly GeneratedFile[]): Promise<void> {
  const target = resolve(outDir);
  const staging = `${target}.hmac-codegen-staging-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    for (const file of files) {
      const staged = join(staging, file.path);
      await mkdir(dirname(staged), { recursive: true });
      await writeFile(staged, file.contents);
    }
    await mkdir(dirname(target), { recursive: true });
    try {
      // A new output folder moves into place in one step.
      await rename(staging, target);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
    }
    for (const file of files) {
      const destination = join(target, file.path);
      await mkdir(dirname(destination), { recursive: true });
      await rename(join(staging, file.path), destination);
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** The generated files whose content on disk differs (or which are missing), for --check. */
export async function staleFiles(outDir: string, files: readonly GeneratedFile[]): Promise<string[]> {
  const stale: string[] = [];
  for (const file of files) {
    const onDisk = await readFile(join(outDir, file.path), "utf8").catch(() => undefined);
    if (onDisk !== file.contents) stale.push(file.path);
  }
  return stale;
}
