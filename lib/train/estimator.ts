/**
 * The one shape every model of lib/train has, in the manner of
 * scikit-learn: hyper-parameters in the constructor, `fit(offers, labels)`
 * returns the fitted model, `predictProba(offers)` / `predict(offers)` take
 * offers (each model builds the text it reads itself), `clone()` gives an
 * unfitted copy with the same hyper-parameters, `toJSON()` is what
 * `saveModel` writes. One {@link crossValidate} serves every model.
 *
 * Labels are label records in the codebook's form (themes and soft skills
 * with 0-100 confidences); each model takes from them what it learns
 * (themes present at >= 50, soft-skill codes, spans).
 *
 * @example
 * ```ts
 * import { crossValidate } from "./estimator.ts";
 * import { ThemeModel } from "./theme_model.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * import type { LabelRecord } from "../labelling/mod.ts";
 * declare const offers: Offer[];
 * declare const labels: LabelRecord[];
 * declare const folds: any; // your data
 * const cv = await crossValidate(new ThemeModel({ C: 4 }), { offers, labels }, folds);
 * cv.predictions[0]; // [true, false, ...] in THEMES order, from a model that never saw offer 0
 * ```
 */
import type { Offer } from "../corpus/mod.ts";
import { type LabelRecord, THEMES } from "../base/mod.ts";
import { foldSplits, multilabelScores } from "../stats/mod.ts";

/** What a model learns from: the codebook's label record of each offer (only what the model needs is read). */
export type Labels = Pick<LabelRecord, "themes" | "soft_skills">;

/** Offers and their labels, in the same order. */
export interface LabelledOffers {
  offers: Offer[];
  labels: Labels[];
}

/**
 * A model of offers. `P` is one offer's prediction: theme decisions
 * (`boolean[]` in THEMES order) or soft-skill findings with their spans.
 */
export interface Estimator<P = boolean[]> {
  /** The kind written in the saved file ("theme-model", "theme-stack", ...). */
  readonly kind: string;
  /** Fits on offers and their labels (same order); returns the fitted model (a promise of it for models trained on an asynchronous backend). */
  fit(offers: Offer[], labels: Labels[]): this | Promise<this>;
  /** One score in [0, 1] per output (theme, code, ...) for each offer. */
  predictProba(offers: Offer[]): number[][];
  /** One prediction per offer. */
  predict(offers: Offer[]): P[];
  /** The decisions these probabilities lead to, for models whose decisions are thresholded probabilities. */
  decide?(probabilities: number[][]): P[];
  /** An unfitted model with the same hyper-parameters. */
  clone(): Estimator<P>;
  /** The fitted model as JSON (what saveModel writes). */
  toJSON(): unknown;
}

/** Decisions of probabilities at per-output thresholds. */
export function thresholded(probabilities: number[][], thresholds: ArrayLike<number>): boolean[][] {
  return probabilities.map((ps) => ps.map((p, c) => p >= thresholds[c]));
}

/** Out-of-fold results of a cross-validation, in row order. */
export interface CrossValidated<P> {
  /** The fold of each row. */
  folds: number[];
  /** Empty when asked for predictions only. */
  probabilities: number[][];
  predictions: P[];
  /** The model fitted on each fold's training rows, by fold number (when asked: `keepModels`; a fold with no row to test has none). */
  models?: Estimator<P>[];
}

/**
 * k-fold cross-validation of any model: for each fold, a clone of `model`
 * is fitted on the other rows and predicts the fold's rows. `folds` gives
 * each row's fold (from `iterativeStratifiedFolds`, `groupedFolds`,
 * `reportingFolds`...). `probabilities: false` skips `predictProba` for a
 * model whose decisions do not come from its probabilities (soft-skill
 * spans); `keepModels` returns each fold's fitted model, for analyses that
 * would otherwise fit them again.
 *
 * @example
 * ```ts
 * import { SkillCodeModel } from "./skill_codes.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * import type { LabelRecord } from "../labelling/mod.ts";
 * import { groupedFolds } from "../stats/mod.ts";
 * declare const offers: Offer[];
 * declare const records: LabelRecord[];
 * declare const groups: any; // your data
 * const cv = await crossValidate(new SkillCodeModel(), { offers, labels: records }, groupedFolds(groups, 5));
 * ```
 */
export async function crossValidate<P>(
  model: Estimator<P>,
  data: LabelledOffers,
  folds: number[],
  o: { probabilities?: boolean; keepModels?: boolean } = {},
): Promise<CrossValidated<P>> {
  const n = data.offers.length;
  if (data.labels.length !== n || folds.length !== n) {
    throw new Error(
      `crossValidate: ${n} offers, ${data.labels.length} labels and ${folds.length} fold numbers`,
    );
  }
  const wanted = o.probabilities ?? true;
  const probabilities: number[][] = wanted ? new Array(n) : [];
  const predictions: P[] = new Array(n);
  const k = Math.max(...folds) + 1;
  const models: Estimator<P>[] = [];
  for (const [fold, { train, test }] of foldSplits(folds, k).entries()) {
    if (!test.length) continue;
    const fitted = await model.clone().fit(
      train.map((i) => data.offers[i]),
      train.map((i) => data.labels[i]),
    );
    if (o.keepModels) models[fold] = fitted;
    const testOffers = test.map((i) => data.offers[i]);
    const p = wanted || fitted.decide ? fitted.predictProba(testOffers) : [];
    const decided = fitted.decide ? fitted.decide(p) : fitted.predict(testOffers);
    test.forEach((i, j) => {
      if (wanted) probabilities[i] = p[j];
      predictions[i] = decided[j];
    });
  }
  return { folds, probabilities, predictions, ...(o.keepModels ? { models } : {}) };
}

/** Scores of a cross-validation of theme decisions: per fold and overall, against `truth`. */
export function themeFoldScores(cv: CrossValidated<boolean[]>, truth: boolean[][]) {
  const k = Math.max(...cv.folds) + 1;
  const folds = foldSplits(cv.folds, k).map(({ test }, f) => {
    const s = multilabelScores(test.map((i) => truth[i]), test.map((i) => cv.predictions[i]), THEMES);
    return { fold: f, size: test.length, microF1: s.micro.f1, macroF1: s.macro.f1 };
  });
  return { folds, scores: multilabelScores(truth, cv.predictions, THEMES) };
}
