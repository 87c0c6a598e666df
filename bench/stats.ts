/** Percentiles over a list of durations (ms). */
export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i]!;
}

export const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
export const r2 = (x: number) => Math.round(x * 100) / 100;

export function printFigures(title: string, figures: Record<string, string | number>): void {
  process.stdout.write(`\n${title}\n`);
  const w = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(w)}  ${v}\n`);
}

/** True when this module is the script node was started with. */
export function isMain(url: string): boolean {
  return process.argv[1] !== undefined && new URL(url).pathname === process.argv[1];
}
