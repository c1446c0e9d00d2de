/** Small helpers shared by the benchmark scripts. */
import { performance } from "node:perf_hooks";

/** Peak resident set size of this process so far, in MB (Linux reports maxRSS in KB). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** One printed figure: `name: value unit [target] PASS|FAIL`. */
export function report(
  name: string,
  value: number,
  unit: string,
  target?: { op: ">=" | "<="; value: number },
): void {
  const shown = value >= 100 ? value.toFixed(0) : value.toFixed(3);
  let line = `${name}: ${shown} ${unit}`;
  if (target) {
    const ok = target.op === ">=" ? value >= target.value : value <= target.value;
    line += `  (target ${target.op} ${target.value}) ${ok ? "PASS" : "FAIL"}`;
  }
  console.log(line);
}
