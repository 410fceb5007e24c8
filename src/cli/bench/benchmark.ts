/**
 * One benchmark of `npm run bench`: a module under src/cli/bench/ that measures some figures and
 * returns them by name (one key per figure, its unit in the name: `initialJsGzipKB`,
 * `answerToAudioMs`), with the target each figure is held to. bench.ts runs them in turn, prints
 * the table and writes bench-results.json.
 */
export interface BenchTarget {
  /** The limit: at most (`atMost`) or at least (`atLeast`). */
  readonly atMost?: number;
  readonly atLeast?: number;
}

export interface BenchContext {
  /** The repository root. */
  readonly root: string;
  /** Where `vite preview` serves the fresh production build (dist/), e.g. http://127.0.0.1:4175. */
  readonly appUrl: string;
  /** The Chromium the browser benchmarks drive (CHROME_PATH, else /usr/bin/chromium). */
  readonly chromePath: string | undefined;
}

export interface Benchmark {
  readonly name: string;
  /** Targets by figure name; a figure without one is reported, not judged. */
  readonly targets: Readonly<Record<string, BenchTarget>>;
  /** Whether it needs the built app served (bench.ts builds and serves it once for all). */
  readonly needsApp: boolean;
  run(context: BenchContext): Promise<Record<string, number>>;
}

/** "✓ ≤ 150" / "✗ ≥ 95" / "" for a figure against its target. */
export function verdict(value: number, target: BenchTarget | undefined): string {
  if (!target) return '';
  if (target.atMost !== undefined) return `${value <= target.atMost ? '✓' : '✗'} ≤ ${target.atMost}`;
  if (target.atLeast !== undefined) return `${value >= target.atLeast ? '✓' : '✗'} ≥ ${target.atLeast}`;
  return '';
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Rounded to one decimal place. */
export function oneDecimal(value: number): number {
  return Math.round(value * 10) / 10;
}
