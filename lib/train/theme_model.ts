/**
 * The distilled theme model: features (TF-IDF over word and character
 * n-grams, or the hashing trick) + one-vs-rest logistic regression with
 * per-class thresholds tuned on out-of-fold probabilities. One API for
 * training, cross-validation, prediction, saving and loading.
 *
 * @example
 * ```ts
 * import { ThemeModel } from "./theme_model.ts";
 * const model = ThemeModel.train(texts, Y, { features: "tfidf", C: 4 });
 * model.predict(["Télétravail possible 2 jours par semaine"]);
 * await model.save("models/themes", card);
 * ```
 */
import { HashingVectorizer } from "../represent/hashing.ts";
import { TfidfVectorizer } from "../represent/tfidf.ts";
import { foldSplits, iterativeStratifiedFolds } from "../stats/cv.ts";
import { multilabelScores } from "../stats/metrics.ts";
import { THEMES } from "../base/vocabulary.ts";
import { bestThreshold, OneVsRestLogistic } from "./logistic.ts";
import { withDefaults } from "../base/options.ts";

/** Hyper-parameters of a theme model. */
export interface ThemeModelOptions {
  /** "tfidf" (vocabulary learnt on the training texts) or "hashing" (no vocabulary). @default "tfidf" */
  features?: "tfidf" | "hashing";
  /** Inverse L2 penalty. @default 4 */
  C?: number;
  /** Character n-grams inside words, or null. @default [3, 5] */
  charNgrams?: [number, number] | null;
  /** Folds of the inner cross-validation that tunes the thresholds; 0 keeps 0.5. @default 3 */
  thresholdFolds?: number;
  /** Seed of the inner folds. @default 42 */
  seed?: number;
  /** Hashing buckets (2^bits) when features = "hashing". @default 18 */
  bits?: number;
}

type Vectorizer = TfidfVectorizer | HashingVectorizer;

function makeVectorizer(o: Required<ThemeModelOptions>): Vectorizer {
  return o.features === "hashing"
    ? new HashingVectorizer({ bits: o.bits, ngrams: [1, 2], charNgrams: o.charNgrams })
    : new TfidfVectorizer({ ngrams: [1, 2], charNgrams: o.charNgrams, minDf: 2, maxFeatures: 200_000 });
}

function defaults(o: ThemeModelOptions): Required<ThemeModelOptions> {
  const known: Required<ThemeModelOptions> = { features: "tfidf", C: 4, charNgrams: [3, 5], thresholdFolds: 3, seed: 42, bits: 18 };
  const picked = Object.fromEntries(Object.keys(known).map((k) => [k, (o as Record<string, unknown>)[k]]));
  return withDefaults(known, picked as Partial<Required<ThemeModelOptions>>);
}

/** A trained theme model. */
export class ThemeModel {
  constructor(readonly options: Required<ThemeModelOptions>, readonly vectorizer: Vectorizer, readonly classifier: OneVsRestLogistic) {}

  /** Trains on texts and their theme decisions (columns in THEMES order). */
  static train(texts: string[], Y: boolean[][], options: ThemeModelOptions = {}): ThemeModel {
    const o = defaults(options);
    const fitOnce = (trainTexts: string[], trainY: boolean[][]) => {
      const vectorizer = makeVectorizer(o);
      const X = vectorizer instanceof TfidfVectorizer ? vectorizer.fitTransform(trainTexts) : vectorizer.transform(trainTexts);
      const classifier = new OneVsRestLogistic({ C: o.C }).fit(X, trainY, vectorizer.dimension);
      return new ThemeModel(o, vectorizer, classifier);
    };
    const model = fitOnce(texts, Y);
    if (o.thresholdFolds >= 2 && texts.length >= 4 * o.thresholdFolds) {
      const folds = iterativeStratifiedFolds(Y, o.thresholdFolds, o.seed);
      const oof: number[][] = new Array(texts.length);
      for (const { train, test } of foldSplits(folds, o.thresholdFolds)) {
        const inner = fitOnce(train.map((i) => texts[i]), train.map((i) => Y[i]));
        const probabilities = inner.predictProba(test.map((i) => texts[i]));
        test.forEach((i, k) => (oof[i] = probabilities[k]));
      }
      model.classifier.thresholds = Y[0].map((_, c) => bestThreshold(oof.map((p) => p[c]), Y.map((y) => y[c])));
    }
    return model;
  }

  /** Probability of each theme for each text. */
  predictProba(texts: string[]): number[][] {
    return this.classifier.predictProba(this.vectorizer.transform(texts));
  }

  /** Decisions with the tuned thresholds. */
  predict(texts: string[]): boolean[][] {
    return this.predictProba(texts).map((ps) => ps.map((p, c) => p >= this.classifier.thresholds[c]));
  }

  toJSON() {
    return {
      kind: "theme-model",
      themes: [...THEMES],
      options: this.options,
      vectorizer: { type: this.vectorizer instanceof TfidfVectorizer ? "tfidf" : "hashing", state: this.vectorizer.toJSON() },
      classifier: this.classifier.toJSON(),
    };
  }

  static fromJSON(json: ReturnType<ThemeModel["toJSON"]>): ThemeModel {
    const vectorizer = json.vectorizer.type === "tfidf"
      ? TfidfVectorizer.fromJSON(json.vectorizer.state as ReturnType<TfidfVectorizer["toJSON"]>)
      : HashingVectorizer.fromJSON(json.vectorizer.state as ReturnType<HashingVectorizer["toJSON"]>);
    return new ThemeModel(json.options, vectorizer, OneVsRestLogistic.fromJSON(json.classifier));
  }
}

/** What a cross-validation gives: scores per fold and overall, and the out-of-fold probabilities. */
export interface CrossValidation {
  folds: { fold: number; size: number; microF1: number; macroF1: number }[];
  scores: ReturnType<typeof multilabelScores>;
  probabilities: number[][];
  predictions: boolean[][];
}

/** The out-of-fold probabilities and thresholds of one fold's model. */
export interface FoldResult {
  test: number[];
  probabilities: number[][];
  thresholds: number[];
}

/** Scores per fold and overall from each fold's out-of-fold probabilities (shared by every model kind). */
export function assembleCrossValidation(results: FoldResult[], truth: boolean[][]): CrossValidation {
  const probabilities: number[][] = new Array(truth.length);
  const predictions: boolean[][] = new Array(truth.length);
  const folds = results.map(({ test, probabilities: p, thresholds }, f) => {
    test.forEach((i, j) => {
      probabilities[i] = p[j];
      predictions[i] = p[j].map((x, c) => x >= thresholds[c]);
    });
    const s = multilabelScores(test.map((i) => truth[i]), test.map((i) => predictions[i]), THEMES);
    return { fold: f, size: test.length, microF1: s.micro.f1, macroF1: s.macro.f1 };
  });
  return { folds, scores: multilabelScores(truth, predictions, THEMES), probabilities, predictions };
}

/** k-fold cross-validation with iterative stratification; scores against `truth` (defaults to the training labels). */
export function crossValidate(texts: string[], Y: boolean[][], options: ThemeModelOptions & { k?: number; truth?: boolean[][] } = {}): CrossValidation {
  const k = options.k ?? 5;
  const folds = iterativeStratifiedFolds(Y, k, options.seed ?? 42);
  const results = foldSplits(folds, k).map(({ train, test }) => {
    const model = ThemeModel.train(train.map((i) => texts[i]), train.map((i) => Y[i]), options);
    return { test, probabilities: model.predictProba(test.map((i) => texts[i])), thresholds: model.classifier.thresholds };
  });
  return assembleCrossValidation(results, options.truth ?? Y);
}
