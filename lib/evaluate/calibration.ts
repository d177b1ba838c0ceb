/**
 * Calibration and ranking views of probabilities: reliability bins,
 * expected calibration error, precision-recall curves, confusion counts,
 * label co-occurrence.
 *
 * @example
 * ```ts
 * import { reliability } from "./calibration.ts";
 * declare const probabilities: any; // your data
 * declare const truth: any; // your data
 * const { bins, ece } = reliability(probabilities, truth, 10);
 * ```
 */

/** Reliability diagram bins and the expected calibration error (weighted mean |accuracy - confidence|). */
export function reliability(probabilities: number[], truth: boolean[], bins = 10) {
  const out = Array.from(
    { length: bins },
    (_, b) => ({ from: b / bins, to: (b + 1) / bins, count: 0, meanProbability: 0, positiveRate: 0 }),
  );
  probabilities.forEach((p, i) => {
    const b = Math.min(bins - 1, Math.floor(p * bins));
    out[b].count++;
    out[b].meanProbability += p;
    out[b].positiveRate += truth[i] ? 1 : 0;
  });
  let ece = 0;
  for (const b of out) {
    if (b.count) {
      b.meanProbability /= b.count;
      b.positiveRate /= b.count;
      ece += (b.count / Math.max(1, probabilities.length)) * Math.abs(b.positiveRate - b.meanProbability);
    }
  }
  return { bins: out, ece };
}

/** Precision-recall curve points (one per distinct probability, descending) and average precision. */
export function precisionRecallCurve(probabilities: number[], truth: boolean[]) {
  const order = probabilities.map((p, i) => ({ p, t: truth[i] })).sort((a, b) => b.p - a.p);
  const positives = truth.filter(Boolean).length;
  const points: { threshold: number; precision: number; recall: number }[] = [];
  let tp = 0, fp = 0, ap = 0, lastRecall = 0;
  for (let i = 0; i < order.length; i++) {
    if (order[i].t) tp++;
    else fp++;
    if (i + 1 === order.length || order[i + 1].p !== order[i].p) {
      const precision = tp / (tp + fp);
      const recall = positives ? tp / positives : 0;
      ap += (recall - lastRecall) * precision;
      lastRecall = recall;
      points.push({ threshold: order[i].p, precision, recall });
    }
  }
  return { points, averagePrecision: ap };
}

/** 2×2 confusion counts of one label. */
export function confusion(predicted: boolean[], truth: boolean[]) {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  predicted.forEach((p, i) => {
    if (p && truth[i]) c.tp++;
    else if (p) c.fp++;
    else if (truth[i]) c.fn++;
    else c.tn++;
  });
  return c;
}

/** How often each pair of labels occurs together (counts; the diagonal is each label's count). */
export function cooccurrence(Y: boolean[][]): number[][] {
  const k = Y[0]?.length ?? 0;
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const row of Y) {
    for (let a = 0; a < k; a++) if (row[a]) { for (let b = 0; b < k; b++) if (row[b]) m[a][b]++; }
  }
  return m;
}

/**
 * Confusion counts (tp, fp, fn, tn) of each class, one row per label.
 *
 * @example
 * ```ts
 * import { THEMES } from "../base/mod.ts";
 * declare const predictions: any; // your data
 * declare const truth: any; // your data
 * confusionByClass(predictions, truth, THEMES); // [{ class: "DIVERSITY", tp: 40, fp: 3, fn: 7, tn: 250 }, ...]
 * ```
 */
export function confusionByClass(predicted: boolean[][], truth: boolean[][], labels: readonly string[]) {
  return labels.map((label, c) => ({
    class: label,
    ...confusion(predicted.map((p) => p[c]), truth.map((y) => y[c])),
  }));
}

/**
 * The precision-recall curve and average precision of each class.
 *
 * @example
 * ```ts
 * import { THEMES } from "../base/mod.ts";
 * declare const probabilities: any; // your data
 * declare const truth: any; // your data
 * precisionRecallByClass(probabilities, truth, THEMES)[0].averagePrecision;
 * ```
 */
export function precisionRecallByClass(
  probabilities: number[][],
  truth: boolean[][],
  labels: readonly string[],
) {
  return labels.map((label, c) => ({
    class: label,
    ...precisionRecallCurve(probabilities.map((p) => p[c]), truth.map((y) => y[c])),
  }));
}
