/**
 * The text model: features (TF-IDF over word and character n-grams, or
 * the hashing trick) of the offer's title and text + one-vs-rest logistic
 * regression with per-class thresholds tuned on out-of-fold probabilities.
 * It learns the six themes (the distilled theme model) or, with
 * `outputs: "codes"`, the 16 soft-skill codes an offer asks for (one of the
 * offer-level soft-skill model's sources).
 *
 * @example
 * ```ts
 * import { ThemeModel } from "./theme_model.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * import type { LabelRecord } from "../labelling/mod.ts";
 * import { saveModel } from "./model_files.ts";
 * declare const offers: Offer[];
 * declare const records: LabelRecord[];
 * declare const card: any; // your data
 * const model = new ThemeModel({ features: "tfidf", C: 4 }).fit(offers, records);
 * model.predict([{ title: "Comptable", text: "Télétravail possible 2 jours par semaine" }]);
 * await saveModel("models/themes", model, card);
 * ```
 */
import { HashingVectorizer, TfidfVectorizer } from "../represent/mod.ts";
import { foldSplits, iterativeStratifiedFolds } from "../stats/mod.ts";
import { codesOf, SKILL_CODES, themeMatrix, THEMES, withDefaults } from "../base/mod.ts";
import { modelText, type Offer } from "../corpus/mod.ts";
import { sentences } from "../text/mod.ts";
import { bestThreshold, OneVsRestLogistic } from "./logistic.ts";
import { type Estimator, type Labels, thresholded } from "./estimator.ts";

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
  /** What it predicts: the six themes (THEMES order) or the 16 soft-skill codes (SKILL_CODES order). @default "themes" */
  outputs?: "themes" | "codes";
}

type Vectorizer = TfidfVectorizer | HashingVectorizer;

/**
 * The theme model's TF-IDF features (words, word pairs, character n-grams
 * inside words), unfitted; other text tasks use the same.
 *
 * @example
 * ```ts
 * declare const texts: string[];
 * const X = tfidfFeatures().fitTransform(texts);
 * ```
 */
export function tfidfFeatures(charNgrams: [number, number] | null = [3, 5]): TfidfVectorizer {
  return new TfidfVectorizer({ ngrams: [1, 2], charNgrams, minDf: 2, maxFeatures: 200_000 });
}

function makeVectorizer(o: Required<ThemeModelOptions>): Vectorizer {
  return o.features === "hashing"
    ? new HashingVectorizer({ bits: o.bits, ngrams: [1, 2], charNgrams: o.charNgrams })
    : tfidfFeatures(o.charNgrams);
}

function defaults(o: ThemeModelOptions): Required<ThemeModelOptions> {
  const known: Required<ThemeModelOptions> = {
    features: "tfidf",
    C: 4,
    charNgrams: [3, 5],
    thresholdFolds: 3,
    seed: 42,
    bits: 18,
    outputs: "themes",
  };
  const picked = Object.fromEntries(Object.keys(known).map((k) => [k, (o as Record<string, unknown>)[k]]));
  return withDefaults(known, picked as Partial<Required<ThemeModelOptions>>);
}

/** A theme model (see the module doc); fitted once `fit` has run. */
export class ThemeModel implements Estimator<boolean[]> {
  readonly kind = "theme-model";
  readonly options: Required<ThemeModelOptions>;
  #vectorizer: Vectorizer | null = null;
  #classifier: OneVsRestLogistic | null = null;

  constructor(options: ThemeModelOptions = {}) {
    this.options = defaults(options);
  }

  /** The names of the outputs, in column order. */
  get outputs(): readonly string[] {
    return this.options.outputs === "codes" ? SKILL_CODES : THEMES;
  }

  /** The target matrix this model learns from label records. */
  targets(labels: Labels[]): boolean[][] {
    return this.options.outputs === "codes" ? labels.map(codesOf) : themeMatrix(labels);
  }

  clone(): ThemeModel {
    return new ThemeModel(this.options);
  }

  /** Fits on offers and their label records (same order). */
  fit(offers: Offer[], labels: Labels[]): this {
    if (offers.length !== labels.length) {
      throw new Error(`${offers.length} offers but ${labels.length} label records`);
    }
    const texts = offers.map(modelText), Y = this.targets(labels);
    const o = this.options;
    this.#fitTexts(texts, Y);
    if (o.thresholdFolds >= 2 && texts.length >= 4 * o.thresholdFolds) {
      const folds = iterativeStratifiedFolds(Y, o.thresholdFolds, o.seed);
      const oof: number[][] = new Array(texts.length);
      for (const { train, test } of foldSplits(folds, o.thresholdFolds)) {
        const inner = this.clone().#fitTexts(train.map((i) => texts[i]), train.map((i) => Y[i]));
        const probabilities = inner.#probabilities(test.map((i) => texts[i]));
        test.forEach((i, k) => (oof[i] = probabilities[k]));
      }
      this.classifier.thresholds = Y[0].map((_, c) =>
        bestThreshold(oof.map((p) => p[c]), Y.map((y) => y[c]))
      );
    }
    return this;
  }

  #fitTexts(texts: string[], Y: boolean[][]): this {
    const vectorizer = makeVectorizer(this.options);
    const X = vectorizer instanceof TfidfVectorizer
      ? vectorizer.fitTransform(texts)
      : vectorizer.transform(texts);
    this.#vectorizer = vectorizer;
    this.#classifier = new OneVsRestLogistic({ C: this.options.C }).fit(X, Y, vectorizer.dimension);
    return this;
  }

  #probabilities(texts: string[]): number[][] {
    return this.classifier.predictProba(this.vectorizer.transform(texts));
  }

  /** The fitted features. */
  get vectorizer(): Vectorizer {
    if (!this.#vectorizer) throw new Error("this theme model is not fitted: call fit(offers, labels) first");
    return this.#vectorizer;
  }

  /**
   * Reads offers through `other`'s vectorizer when it gives the same
   * vectors (both fitted on the same texts with the same options), so that
   * models applied to the same offer in turn compute its vector once;
   * returns whether it does.
   */
  shareFeatures(other: ThemeModel): boolean {
    const mine = this.vectorizer, theirs = other.vectorizer;
    if (!(mine instanceof TfidfVectorizer) || !(theirs instanceof TfidfVectorizer) || !mine.sameAs(theirs)) {
      return false;
    }
    this.#vectorizer = theirs;
    return true;
  }

  /** The fitted classifier (weights and tuned thresholds). */
  get classifier(): OneVsRestLogistic {
    if (!this.#classifier) throw new Error("this theme model is not fitted: call fit(offers, labels) first");
    return this.#classifier;
  }

  /** The decision threshold of each output. */
  get thresholds(): number[] {
    return this.classifier.thresholds;
  }

  /** Probability of each output for each offer. */
  predictProba(offers: Pick<Offer, "title" | "text">[]): number[][] {
    return this.#probabilities(offers.map(modelText));
  }

  /**
   * Each output's highest probability over the offer's sentences, each read
   * alone (0 for an offer without a sentence): the sentence that carries a
   * theme, not diluted by the rest of the text.
   *
   * @example
   * ```ts
   * declare const model: any; // your data
   * model.sentenceMax([{ title: "", text: "Missions variées. Télétravail 2 jours par semaine." }])[0]; // [0.04, ..., 0.93]
   * ```
   */
  sentenceMax(offers: Pick<Offer, "text">[]): number[][] {
    const split = offers.map((o) => sentences(o.text).map((s) => s.text));
    const scored = this.#probabilities(split.flat());
    const outputs = this.outputs.length;
    let next = 0;
    return split.map((list) => {
      const best = new Array<number>(outputs).fill(0);
      for (let k = 0; k < list.length; k++, next++) {
        for (let c = 0; c < outputs; c++) best[c] = Math.max(best[c], scored[next][c]);
      }
      return best;
    });
  }

  decide(probabilities: number[][]): boolean[][] {
    return thresholded(probabilities, this.thresholds);
  }

  /** Decisions with the tuned thresholds. */
  predict(offers: Pick<Offer, "title" | "text">[]): boolean[][] {
    return this.decide(this.predictProba(offers));
  }

  toJSON() {
    return {
      kind: this.kind,
      outputs: [...this.outputs],
      options: this.options,
      vectorizer: {
        type: this.vectorizer instanceof TfidfVectorizer ? "tfidf" : "hashing",
        state: this.vectorizer.toJSON(),
      },
      classifier: this.classifier.toJSON(),
    };
  }

  static fromJSON(json: ReturnType<ThemeModel["toJSON"]>): ThemeModel {
    const model = new ThemeModel(json.options);
    model.#vectorizer = json.vectorizer.type === "tfidf"
      ? TfidfVectorizer.fromJSON(json.vectorizer.state as ReturnType<TfidfVectorizer["toJSON"]>)
      : HashingVectorizer.fromJSON(json.vectorizer.state as ReturnType<HashingVectorizer["toJSON"]>);
    model.#classifier = OneVsRestLogistic.fromJSON(json.classifier);
    return model;
  }
}
