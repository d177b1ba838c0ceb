/**
 * Would more labels of the same kind help? Today's model is refitted on a
 * seeded share of each training fold (nested: the 25 % are among the 50 %),
 * the held-out folds stay the same, and every share is scored on the same
 * resamples as the model trained on every label: F1 with its interval, the
 * paired difference to all the labels, and what the last doubling of the
 * labels bought. A curve still rising at its end says more labels would
 * help; the rate says how many (learning curves flatten, so the labels it
 * asks for are a lower bound).
 *
 * @example
 * ```ts
 * import { labelCurve, labelsToReach } from "./label_curve.ts";
 * import { ThemeStack } from "../train/mod.ts";
 * import { themeMatrix, THEMES } from "../base/mod.ts";
 * declare const offers: any[]; declare const records: any[]; // your data
 * declare const folds: number[]; declare const all: boolean[][]; // the model's held-out decisions with every label
 * const truth = themeMatrix(records);
 * const curve = await labelCurve({ offers, labels: records }, folds, () => new ThemeStack(), {
 *   truth, classes: THEMES, decisions: (p) => p, all, shares: [0.25, 0.5],
 * });
 * curve.perDoubling.value; // what the last doubling of the labels bought: 0.015 for the stack on the reference files
 * labelsToReach(curve, 0.88); // labelled offers F1 micro 0.88 would take at that rate, or null
 * ```
 */
import { Random } from "../base/mod.ts";
import { Bootstrap, type Estimate, foldSplits } from "../stats/mod.ts";
import type { Estimator, LabelledOffers } from "../train/mod.ts";

/** One share of the labels: the training offers each fold kept on average, and the scores on every held-out offer. */
export interface CurvePoint {
  share: number;
  /** Labelled offers a fold trained on, on average. */
  labels: number;
  microF1: Estimate;
  macroF1: Estimate;
  /** Micro F1 minus that of the model trained on every label, paired (0 for share 1). */
  vsAll: Estimate;
}

/** What {@link labelCurve} measured: the points in ascending share (the last one is every label). */
export interface LabelCurve {
  points: CurvePoint[];
  /** F1 micro bought by doubling the labels, from the largest share under 1 to all of them (per doubling), with its interval. */
  perDoubling: Estimate;
}

/** How predictions are scored: the true labels, their names, and a prediction turned into one decision per label. */
export interface CurveScoring<P> {
  truth: boolean[][];
  classes: readonly string[];
  decisions: (predictions: P[]) => boolean[][];
  /** The model's held-out decisions trained on every label of each fold (the scoreboard's), rows as the offers. */
  all: boolean[][];
  /** Shares of each training fold, each in (0, 1). */
  shares: number[];
  resamples?: number;
  seed?: number;
  onProgress?: (line: string) => void;
}

/** See the module doc. Every offer must be in a fold (folds >= 0); `model` makes an unfitted model. */
export async function labelCurve<P>(
  data: LabelledOffers,
  folds: number[],
  model: () => Estimator<P>,
  o: CurveScoring<P>,
): Promise<LabelCurve> {
  const n = data.offers.length;
  if (folds.length !== n || o.truth.length !== n || o.all.length !== n) {
    throw new Error(
      `labelCurve: ${n} offers, ${folds.length} folds, ${o.truth.length} truths, ${o.all.length} decisions`,
    );
  }
  if (folds.some((f) => f < 0)) throw new Error("labelCurve: every offer must be tested in a fold");
  const shares = [...new Set(o.shares)].sort((a, b) => a - b);
  if (!shares.length || shares.some((s) => !(s > 0 && s < 1))) {
    throw new Error(`labelCurve: shares must lie in (0, 1), got ${o.shares.join(", ")}`);
  }
  const seed = o.seed ?? 42;
  const boot = new Bootstrap(n, o.resamples ?? 1000, seed);
  const full = boot.scores(o.truth, o.all, o.classes);
  const splits = foldSplits(folds, Math.max(...folds) + 1).filter((s) => s.test.length);
  // one seeded order per fold: each share keeps a prefix, so smaller shares are subsets of larger ones
  const orders = splits.map((s, f) => new Random(seed + f).shuffle([...s.train]));
  const points: CurvePoint[] = [];
  for (const share of shares) {
    const started = performance.now();
    const decided: boolean[][] = new Array(n);
    let trained = 0;
    for (const [f, { test }] of splits.entries()) {
      const kept = orders[f].slice(0, Math.max(1, Math.round(share * orders[f].length))).sort((a, b) =>
        a - b
      );
      trained += kept.length;
      const fitted = await model().fit(kept.map((i) => data.offers[i]), kept.map((i) => data.labels[i]));
      const d = o.decisions(fitted.predict(test.map((i) => data.offers[i])));
      test.forEach((i, j) => (decided[i] = d[j]));
    }
    const s = boot.scores(o.truth, decided, o.classes);
    const d = boot.difference(s, full);
    points.push({
      share,
      labels: Math.round(trained / splits.length),
      microF1: s.micro.f1,
      macroF1: s.macro.f1,
      vsAll: { value: d.value, interval: d.interval },
    });
    o.onProgress?.(
      `[curve] share ${share}: F1 micro ${s.micro.f1.value.toFixed(3)} in ${
        ((performance.now() - started) / 1000).toFixed(1)
      } s`,
    );
  }
  const allLabels = Math.round(splits.reduce((t, s) => t + s.train.length, 0) / splits.length);
  points.push({
    share: 1,
    labels: allLabels,
    microF1: full.micro.f1,
    macroF1: full.macro.f1,
    vsAll: { value: 0, interval: [0, 0] },
  });
  const last = points[points.length - 2], doublings = Math.log2(1 / last.share);
  return {
    points,
    perDoubling: {
      value: -last.vsAll.value / doublings,
      interval: [-last.vsAll.interval[1] / doublings, -last.vsAll.interval[0] / doublings],
    },
  };
}

/**
 * Labelled offers (per training fold, as the curve counts them) F1 micro
 * `target` would take if each doubling kept buying what the last one did;
 * null when the last doubling bought nothing (more labels of this kind are
 * not the way) and the current count when the target is already met.
 *
 * @example
 * ```ts
 * declare const curve: any; // labelCurve's result: 1,410 labels, F1 0.838, +0.015 a doubling
 * labelsToReach(curve, 0.88); // 1,410 × 2^(0.042 / 0.015) ≈ 9,800
 * ```
 */
export function labelsToReach(curve: LabelCurve, target: number): number | null {
  const end = curve.points[curve.points.length - 1], gain = curve.perDoubling.value;
  if (end.microF1.value >= target) return end.labels;
  if (!(gain > 0)) return null;
  return Math.round(end.labels * 2 ** ((target - end.microF1.value) / gain));
}
