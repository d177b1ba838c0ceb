/**
 * Isotonic calibration: the non-decreasing map from a model's scores to the
 * observed share of positives (pool-adjacent-violators), interpolated
 * linearly between the pooled blocks and flat beyond them. Each block's rate
 * is smoothed towards 1/2 by half an observation on each side, so a pure
 * block of three offers reads 0.875, not a certainty.
 *
 * @example
 * ```ts
 * import { IsotonicCalibrator } from "./isotonic.ts";
 * const cal = IsotonicCalibrator.fit([0.1, 0.4, 0.35, 0.8], [false, true, false, true]);
 * cal.apply(0.6); // between the rates of the blocks around 0.6
 * ```
 */

/** A fitted isotonic map (block centres and their rates, both ascending). */
export class IsotonicCalibrator {
  constructor(readonly x: number[], readonly y: number[]) {
    if (x.length === 0 || x.length !== y.length) {
      throw new Error(
        `an isotonic map needs as many centres as rates (got ${x.length} and ${y.length}), at least one`,
      );
    }
  }

  /** Fits the map on (score, truth) pairs. */
  static fit(scores: number[], truth: boolean[]): IsotonicCalibrator {
    if (scores.length === 0 || scores.length !== truth.length) {
      throw new Error(
        `isotonic calibration needs as many scores as truths (got ${scores.length} and ${truth.length}), at least one`,
      );
    }
    const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
    const blocks: { lo: number; hi: number; positives: number; n: number }[] = [];
    const rate = (b: { positives: number; n: number }) => b.positives / b.n;
    for (const i of order) {
      blocks.push({ lo: scores[i], hi: scores[i], positives: truth[i] ? 1 : 0, n: 1 });
      // pool while the last two blocks violate monotonicity (ties in score pool too)
      while (blocks.length > 1) {
        const b = blocks[blocks.length - 1], a = blocks[blocks.length - 2];
        if (rate(a) < rate(b) && a.hi < b.lo) break;
        a.hi = b.hi;
        a.positives += b.positives;
        a.n += b.n;
        blocks.pop();
      }
    }
    return new IsotonicCalibrator(
      blocks.map((b) => (b.lo + b.hi) / 2),
      blocks.map((b) => (b.positives + 0.5) / (b.n + 1)),
    );
  }

  /** The calibrated probability of a score. */
  apply(score: number): number {
    const { x, y } = this;
    if (score <= x[0]) return y[0];
    if (score >= x[x.length - 1]) return y[y.length - 1];
    let lo = 0, hi = x.length - 1; // x[lo] < score < x[hi]
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (x[mid] <= score) lo = mid;
      else hi = mid;
    }
    return y[lo] + ((score - x[lo]) / (x[hi] - x[lo])) * (y[hi] - y[lo]);
  }

  toJSON() {
    return { x: this.x, y: this.y };
  }

  static fromJSON(json: { x: number[]; y: number[] }): IsotonicCalibrator {
    return new IsotonicCalibrator(json.x, json.y);
  }
}
