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
import { multilabelScores } from "../evaluate/metrics.ts";
import { Random } from "../random.ts";
import { THEMES } from "../labelling/taxonomy.ts";
import type { LabelRecord } from "../labelling/records.ts";
import { crossValidate, ThemeModel, type ThemeModelOptions } from "./theme_model.ts";

/** Theme decisions of label records (confidence >= 50), in THEMES order. */
export function themeMatrix(records: Pick<LabelRecord, "themes">[]): boolean[][] {
  return records.map((r) => THEMES.map((t) => r.themes[t] >= 50));
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

/** Cross-validated F1 for each value of C (seeded folds); the best one first in `best`. */
export function searchC(texts: string[], Y: boolean[][], values: number[], options: ThemeModelOptions & { k?: number } = {}) {
  const results = values.map((C) => {
    const cv = crossValidate(texts, Y, { ...options, C });
    return { C, microF1: cv.scores.micro.f1, macroF1: cv.scores.macro.f1 };
  });
  const best = [...results].sort((a, b) => b.microF1 - a.microF1 || a.C - b.C)[0];
  return { results, best };
}

/** Scores of a trained model on a test set (against the truth given). */
export function evaluateOn(model: ThemeModel, texts: string[], truth: boolean[][]) {
  const probabilities = model.predictProba(texts);
  const predictions = probabilities.map((ps) => ps.map((p, c) => p >= model.classifier.thresholds[c]));
  return { scores: multilabelScores(truth, predictions, THEMES), probabilities, predictions };
}
