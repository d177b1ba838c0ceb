/**
 * The stage-6 experiments as library calls: distil a teacher's labels into
 * the theme model and measure it — cross-validated against the teacher or
 * the truth when known, on unseen offers, with a learning curve and a
 * seeded hyper-parameter search.
 *
 * @example
 * ```ts
 * import { learningCurve } from "./experiments.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * import type { LabelRecord } from "../labelling/mod.ts";
 * declare const offers: Offer[];
 * declare const labels: LabelRecord[];
 * declare const test: Offer[];
 * declare const truth: boolean[][]; // the test offers' themes, in THEMES order
 * const points = learningCurve({ offers, labels }, { offers: test, truth }, [0.25, 0.5, 1]);
 * ```
 */
import { iterativeStratifiedFolds, multilabelScores, searchGridAsync } from "../stats/mod.ts";
import { Random, themeMatrix, THEMES } from "../base/mod.ts";
import type { Offer } from "../corpus/mod.ts";
import { ThemeModel, type ThemeModelOptions } from "./theme_model.ts";
import { crossValidate, type Estimator, type LabelledOffers, themeFoldScores } from "./estimator.ts";

/** Offers to score on and their true theme decisions (THEMES order). */
export interface ThemeTestSet {
  offers: Offer[];
  truth: boolean[][];
}

/**
 * k-fold cross-validation of a theme model on iteratively stratified folds
 * of the labels' themes: out-of-fold probabilities and decisions, and scores
 * per fold and overall against `truth` (defaults to the labels' themes).
 *
 * @example
 * ```ts
 * import { ThemeModel } from "./theme_model.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * import type { LabelRecord } from "../labelling/mod.ts";
 * declare const offers: Offer[];
 * declare const labels: LabelRecord[];
 * declare const truth: any; // your data
 * const cv = await themeCrossValidation(new ThemeModel(), { offers, labels }, { k: 5, seed: 42, truth });
 * cv.scores.micro.f1; cv.folds[0].microF1; cv.probabilities[0];
 * ```
 */
export async function themeCrossValidation(
  model: Estimator<boolean[]>,
  data: LabelledOffers,
  o: { k?: number; seed?: number; truth?: boolean[][] } = {},
) {
  const Y = themeMatrix(data.labels);
  const cv = await crossValidate(model, data, iterativeStratifiedFolds(Y, o.k ?? 5, o.seed ?? 42));
  return {
    ...themeFoldScores(cv, o.truth ?? Y),
    probabilities: cv.probabilities,
    predictions: cv.predictions,
  };
}

/** Trains on a growing seeded share of the training set; F1 on a fixed test set at each size. */
export function learningCurve(
  train: LabelledOffers,
  test: ThemeTestSet,
  shares: number[],
  options: ThemeModelOptions = {},
) {
  const order = new Random(options.seed ?? 42).shuffle(train.offers.map((_, i) => i));
  return shares.map((share) => {
    const n = Math.max(10, Math.round(share * train.offers.length));
    const idx = order.slice(0, n);
    const model = new ThemeModel(options).fit(
      idx.map((i) => train.offers[i]),
      idx.map((i) => train.labels[i]),
    );
    const s = multilabelScores(test.truth, model.predict(test.offers), THEMES);
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
 * import type { Offer } from "../corpus/mod.ts";
 * import type { LabelRecord } from "../labelling/mod.ts";
 * declare const offers: Offer[];
 * declare const labels: LabelRecord[];
 * const search = await searchC({ offers, labels }, [0.5, 2, 8], { k: 3, seed: 42 });
 * search.best.C; search.edge; // null, or "C = 128 is the largest value tried ..."
 * ```
 */
export async function searchC(
  data: LabelledOffers,
  values: number[],
  options: ThemeModelOptions & { k?: number; widen?: number } = {},
) {
  if (!values.length || values.some((C) => !(C > 0))) {
    throw new Error(`C values must be positive, got [${values.join(", ")}]`);
  }
  const { widen = 2, k, ...modelOptions } = options;
  const grid = [...new Set(values)].sort((a, b) => a - b);
  const ratio = grid.length > 1 ? grid[1] / grid[0] : 4;
  const search = await searchGridAsync(
    grid,
    async (C) => {
      const cv = await themeCrossValidation(new ThemeModel({ ...modelOptions, C }), data, {
        k,
        seed: options.seed,
      });
      return { C, microF1: cv.scores.micro.f1, macroF1: cv.scores.macro.f1 };
    },
    (r) => r.microF1,
    (side, lowest, highest) => (side === "largest" ? highest * ratio : lowest / ratio),
    widen,
  );
  const edge = search.edge
    ? `C = ${search.best.C} is the ${search.edge} value tried, after widening the grid ${search.widened} time(s): the best C may lie beyond it`
    : null;
  return { results: search.results, best: search.best, widened: search.widened, edge };
}

/** Scores of a fitted theme model on a test set (against the truth given). */
export function evaluateOn(
  model: Estimator<boolean[]> & { decide(p: number[][]): boolean[][] },
  test: ThemeTestSet,
) {
  const probabilities = model.predictProba(test.offers);
  const predictions = model.decide(probabilities);
  return { scores: multilabelScores(test.truth, predictions, THEMES), probabilities, predictions };
}
