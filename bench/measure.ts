/** Timing helpers: warm up, then run a function for at least `ms` and report the mean time per call. */
export async function timePerCall(fn: () => unknown, ms: number): Promise<number> {
  const warmEnd = performance.now() + ms / 4;
  while (performance.now() < warmEnd) await fn();
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 50; i++) await fn();
    calls += 50;
    now = performance.now();
  }
  return ((now - start) * 1000) / calls;
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
