/**
 * Timing helpers: warm up, then run a function for at least `ms` of this process's CPU time and report
 * the mean CPU µs per call. CPU time, not wall time: on a shared 2-core machine another process taking
 * the core shows in wall time as our cost, while CPU time counts only what this process ran (its GC
 * threads included). Both sides of every ratio are measured the same way.
 */
export async function timePerCall(fn: () => unknown, ms: number): Promise<number> {
  const warmEnd = cpuMs() + ms / 4;
  while (cpuMs() < warmEnd) await fn();
  let calls = 0;
  const start = cpuMs();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 50; i++) await fn();
    calls += 50;
    now = cpuMs();
  }
  return ((now - start) * 1000) / calls;
}

/** The middle value: each side's figure over alternating rounds, which one slow round cannot move. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export interface Row {
  benchmark: string;
  ours: string;
  baseline: string;
  ratio: number;
  target: string;
  met: boolean;
}

export function printTable(rows: readonly Row[]): string {
  const header = ["benchmark", "ours", "baseline", "ratio", "target", "met"];
  const lines = rows.map((row) => [row.benchmark, row.ours, row.baseline, row.ratio.toFixed(2), row.target, row.met ? "yes" : "NO"]);
  const widths = header.map((title, index) => Math.max(title.length, ...lines.map((line) => (line[index] ?? "").length)));
  const format = (cells: readonly string[]) => cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join("  ");
  return [format(header), format(widths.map((w) => "-".repeat(w))), ...lines.map(format)].join("\n");
}
