/** A benchmark suite: test/bench/cases/*.ts export `suite(context)`; run.ts runs them all. */
export interface BenchContext {
  /** A temporary folder, removed after all suites. */
  tmpDir: string;
  /** ../shared/data when present (suites needing it skip themselves, saying why). */
  sharedDataDir: string | null;
}

export interface BenchCase {
  name: string;
  /** Timed repetitions after one warm-up run. */
  runs: number;
  /** The target, in the case's unit: p95 must be at or below it (or, when higherIsBetter, the median at or above it). */
  target: number;
  /** For throughputs and speed-up ratios. */
  higherIsBetter?: boolean;
  /** Default 'ms': the case is timed. Other units: `run` returns the measured value itself. */
  unit?: string;
  run: () => unknown | Promise<unknown>;
}

export interface BenchSuite {
  setup?: () => unknown | Promise<unknown>;
  cases: BenchCase[];
  teardown?: () => unknown | Promise<unknown>;
  /** Set when the suite cannot run here; run.ts prints it. */
  skipReason?: string;
}

export interface BenchResult {
  name: string;
  unit: string;
  median: number;
  p95: number;
  runs: number;
  target: number;
  /** Present (true) for throughputs and ratios, where the median must reach the target. */
  higherIsBetter?: boolean;
  met: boolean;
}
