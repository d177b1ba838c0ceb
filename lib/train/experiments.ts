/**
 * The stage-6 experiments as library calls: distil a teacher's labels into
 * the theme model and measure it — against the teacher, against the truth
 * when known, with a learning curve, a seeded hyper-parameter search, the
 * confidence-filter experiment and an out-of-domain check.
 *
 * @example
 * ```ts
 * import { learningCurve } from "./experiments.ts";
 * const points = learningCurve(trainTexts, trainY, testTexts, testTruth, [0.25, 0.5, 1]);
 * ```
 */
import { searchGrid } from "../stats/grid.ts";
import { multilabelScores } from "../stats/metrics.ts";
import { Random } from "../base/random.ts";
import { PRESENT, THEMES } from "../base/vocabulary.ts";
import type { LabelRecord } from "../labelling/records.ts";
import { crossValidate, ThemeModel, type ThemeModelOptions } from "./theme_model.ts";

/** Theme decisions of label records (confidence >= 50), in THEMES order. */
export function themeMatrix(records: Pick<LabelRecord, "themes">[]): boolean[][] {
  return records.map((r) => THEMES.map((t) => r.themes[t] >= PRESENT));
}

/** Trains on a growing seeded share of the training set; F1 on a fixed test set at each size. */
export function learningCurve(trainTexts: string[], trainY: boolean[][], testTexts: string[], testTruth: boolean[][], shares: number[], options: ThemeModelOptions = {}) {
  const order = new Random(options.seed ?? 42).shuffle(trainTexts.map((_, i) => i));
  return shares.map((share) => {
    const n = Math.max(10, Math.round(share * trainTexts.length));
    const idx = order.slice(0, n);
    const model = ThemeModel.train(idx.map((i) => trainTexts[i]), idx.map((i) => trainY[i]), options);
    const s = multilabelScores(testTruth, model.predict(testTexts), THEMES);
    return { labels: n, microF1: s.micro.f1, macroF1: s.macro.f1 };
  });
}

/**
 * Cross-validated F1 for each value of C (seeded folds), best first in `best`.
 * When the best C is the smallest or largest value tried, the grid is widened
 * on that side (same ratio as its first step, `widen` times at most); if the
 * best still sits on the edge, `edge` says so, for the page to report.
 *
 * @example
 * ```ts
 * const search = searchC(texts, Y, [0.5, 2, 8], { k: 3, seed: 42 });
 * search.best.C; search.edge; // null, or "C = 128 is the largest value tried ..."
 * ```
 */
export function searchC(texts: string[], Y: boolean[][], values: number[], options: ThemeModelOptions & { k?: number; widen?: number } = {}) {
  if (!values.length || values.some((C) => !(C > 0))) throw new Error(`C values must be positive, got [${values.join(", ")}]`);
  const { widen = 2, ...cvOptions } = options;
  const grid = [...new Set(values)].sort((a, b) => a - b);
  const ratio = grid.length > 1 ? grid[1] / grid[0] : 4;
  const search = searchGrid(
    grid,
    (C) => { const cv = crossValidate(texts, Y, { ...cvOptions, C }); return { C, microF1: cv.scores.micro.f1, macroF1: cv.scores.macro.f1 }; },
    (r) => r.microF1,
    (side, lowest, highest) => (side === "largest" ? highest * ratio : lowest / ratio),
    widen,
  );
  const edge = search.edge ? `C = ${search.best.C} is the ${search.edge} value tried, after widening the grid ${search.widened} time(s): the best C may lie beyond it` : null;
  return { results: search.results, best: search.best, widened: search.widened, edge };
}

/** Scores of a trained model on a test set (against the truth given). */
export function evaluateOn(model: ThemeModel, texts: string[], truth: boolean[][]) {
  const probabilities = model.predictProba(texts);
  const predictions = probabilities.map((ps) => ps.map((p, c) => p >= model.classifier.thresholds[c]));
  return { scores: multilabelScores(truth, predictions, THEMES), probabilities, predictions };
}
