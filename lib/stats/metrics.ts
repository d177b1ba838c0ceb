/**
 * Classification scores for multi-label data: precision, recall and F1 per
 * class, micro and macro averages, and span-level scores with overlap.
 *
 * @example
 * ```ts
 * import { multilabelScores } from "./metrics.ts";
 * const s = multilabelScores([[true, false]], [[true, true]], ["A", "B"]);
 * s.micro.f1; // 0.667
 * ```
 */

/** Precision, recall, F1 and the counts behind them. */
export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
  tp: number;
  fp: number;
  fn: number;
}

function scores(tp: number, fp: number, fn: number): Scores {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, support: tp + fn, tp, fp, fn };
}

/** Per-class and averaged scores of multi-label predictions (rows = items, columns = labels). */
export function multilabelScores(truth: boolean[][], predicted: boolean[][], labels: readonly string[]) {
  if (truth.length !== predicted.length) {
    throw new Error(`truth has ${truth.length} rows, predictions ${predicted.length}`);
  }
  const perClass: Record<string, Scores> = {};
  let tp = 0, fp = 0, fn = 0;
  labels.forEach((label, j) => {
    let t = 0, f = 0, n = 0;
    for (let i = 0; i < truth.length; i++) {
      if (predicted[i][j] && truth[i][j]) t++;
      else if (predicted[i][j]) f++;
      else if (truth[i][j]) n++;
    }
    perClass[label] = scores(t, f, n);
    tp += t;
    fp += f;
    fn += n;
  });
  const classes = Object.values(perClass);
  const macro = {
    precision: classes.reduce((a, c) => a + c.precision, 0) / classes.length,
    recall: classes.reduce((a, c) => a + c.recall, 0) / classes.length,
    f1: classes.reduce((a, c) => a + c.f1, 0) / classes.length,
  };
  return { perClass, micro: scores(tp, fp, fn), macro, items: truth.length };
}

/** A labelled span. */
export interface Span {
  code: string;
  start: number;
  end: number;
}

/**
 * Soft-skill findings as scored spans: those with a place in the text
 * (start and end known), their code as `code`.
 *
 * @example
 * ```ts
 * asSpans([{ code_ogr: "300490", start: 3, end: 12 }, { code_ogr: "300460", start: null, end: null }]);
 * // [{ code: "300490", start: 3, end: 12 }]
 * ```
 */
export function asSpans(found: { code_ogr: string; start?: number | null; end?: number | null }[]): Span[] {
  return found.flatMap((s) =>
    s.start != null && s.end != null ? [{ code: s.code_ogr, start: s.start, end: s.end }] : []
  );
}

/**
 * Span-level scores: a predicted span is right when it overlaps a true span
 * of the same code (each true span matched at most once).
 */
export function spanScores(truth: Span[][], predicted: Span[][]): Scores {
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < truth.length; i++) {
    const used = new Set<number>();
    for (const p of predicted[i]) {
      const k = truth[i].findIndex((t, j) =>
        !used.has(j) && t.code === p.code && p.start < t.end && t.start < p.end
      );
      if (k >= 0) {
        used.add(k);
        tp++;
      } else fp++;
    }
    fn += truth[i].length - used.size;
  }
  return scores(tp, fp, fn);
}
