/**
 * Small numeric helpers shared by the statistics: quantiles, month ranges.
 *
 * @example
 * ```ts
 * import { quantiles, monthRange } from "./numbers.ts";
 * quantiles([1, 2, 3, 4]).median; // 2.5
 * monthRange("2020-11", "2021-02"); // ["2020-11", "2020-12", "2021-01", "2021-02"]
 * ```
 */
import { percentile } from "./estimate.ts";

/** Count, mean and the usual quantiles of a sample. */
export interface Quantiles {
  count: number;
  mean: number;
  min: number;
  p10: number;
  p25: number;
  median: number;
  p75: number;
  p90: number;
  max: number;
}

/** Quantiles with linear interpolation (type 7, as numpy and R's default). Empty input gives zeros. */
export function quantiles(values: ArrayLike<number>): Quantiles {
  const n = values.length;
  if (n === 0) return { count: 0, mean: 0, min: 0, p10: 0, p25: 0, median: 0, p75: 0, p90: 0, max: 0 };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const q = (p: number) => percentile(sorted, p);
  return {
    count: n,
    mean: sum / n,
    min: sorted[0],
    p10: q(0.1),
    p25: q(0.25),
    median: q(0.5),
    p75: q(0.75),
    p90: q(0.9),
    max: sorted[n - 1],
  };
}

/** Every month from `first` to `last` inclusive ("YYYY-MM"). */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
