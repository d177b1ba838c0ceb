/**
 * One way to state uncertainty: an {@link Estimate} (a value and its 95 %
 * interval), one percentile rule for bootstrap intervals (linear
 * interpolation between order statistics, numpy's and R's default), and one
 * formatter. It lives in stats/ so that every layer above (evaluation,
 * economics, report, stages) formats the same way.
 *
 * @example
 * ```ts
 * import { formatEstimate, percentile } from "./estimate.ts";
 * percentile([1, 2, 3, 4], 0.5); // 2.5
 * formatEstimate({ value: 0.8381, interval: [0.829, 0.847] }); // "0.838 [0.829, 0.847]"
 * formatEstimate({ value: 0.012, interval: [0.004, 0.02] }, { points: true }); // "+1.2 [0.4, 2.0]"
 * ```
 */

/** A point estimate with its 95 % interval. */
export interface Estimate {
  value: number;
  interval: [number, number];
}

/**
 * The q-quantile of ascending `sorted` values, interpolated linearly
 * between order statistics (type 7). Empty input gives NaN.
 *
 * @example percentile([0, 10], 0.25); // 2.5
 */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (!n) return NaN;
  const position = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(position), hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - lo);
}

/**
 * The central `level` percentile interval of bootstrap draws (non-finite
 * draws left out; [NaN, NaN] when none is left).
 *
 * @example percentileInterval([3, 1, 2, 5, 4]); // [1.1, 4.9]
 */
export function percentileInterval(draws: ArrayLike<number>, level = 0.95): [number, number] {
  const sorted = Float64Array.from(Array.prototype.filter.call(draws, Number.isFinite) as number[]).sort();
  return [percentile(sorted, (1 - level) / 2), percentile(sorted, 1 - (1 - level) / 2)];
}

/** How {@link formatEstimate} writes an estimate. */
export interface EstimateFormat {
  /** Percentage points with a sign and one decimal ("+1.2 [0.4, 2.0]") instead of three decimals. @default false */
  points?: boolean;
  /** A "+" before a positive value (always with `points`). @default false */
  signed?: boolean;
  /** Text for an estimate whose value is not a number. @default "n/a" */
  missing?: string;
}

/**
 * An estimate as "value [low, high]".
 *
 * @example formatEstimate({ value: NaN, interval: [NaN, NaN] }, { missing: "unknown" }); // "unknown"
 */
export function formatEstimate(e: Estimate, format: EstimateFormat = {}): string {
  if (Number.isNaN(e.value)) return format.missing ?? "n/a";
  const write = format.points ? (v: number) => (100 * v).toFixed(1) : (v: number) => v.toFixed(3);
  const sign = (format.signed || format.points) && e.value >= 0 ? "+" : "";
  return `${sign}${write(e.value)} [${write(e.interval[0])}, ${write(e.interval[1])}]`;
}
