/**
 * Themes learnt from few labels, representation against representation: on
 * folds grouped by occupation (each tests on occupations its training never
 * saw), each representation's one-vs-rest logistic regression is trained on
 * a seeded sample of `n` of the training fold's offers for every budget n
 * (20, 40, ... all), and its out-of-fold decisions are scored together:
 * micro and macro F1 with bootstrap intervals, and the paired difference to
 * the first representation (TF-IDF, the baseline) on the same resamples.
 * Stage 2 (on a sample, {@link encoderOnReference}) and `deno task bench
 * --only encoder` (on every sure reference label) compare TF-IDF with a
 * pretrained encoder's embeddings this way.
 *
 * @example
 * ```ts
 * import { themesByLabelBudget, tfidfThemes, embeddingThemes } from "./label_budget.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * import type { LabelRecord } from "../labelling/mod.ts";
 * declare const offers: Offer[];
 * declare const records: LabelRecord[];
 * declare const vectorOf: any; // your data
 * const rows = themesByLabelBudget(offers, records, [tfidfThemes, embeddingThemes("e5", vectorOf)], { budgets: [20, 80, 320] });
 * rows[0]; // { budget: 20, representation: "TF-IDF + logistic", micro: { value, interval }, macro: ..., vsFirst: ... }
 * ```
 */
import type { Offer } from "../corpus/mod.ts";
import type { LabelRecord } from "../labelling/mod.ts";
import { PRESENT, Random, THEMES } from "../base/mod.ts";
import {
  Bootstrap,
  type Estimate,
  foldSplits,
  formatEstimate,
  groupedFolds,
  occupationOf,
} from "../stats/mod.ts";
import { OneVsRestLogistic } from "./logistic.ts";
import { denseToSparse, type SparseVector, TfidfVectorizer } from "../represent/mod.ts";

/** A way to turn offers into features for the theme model: fitted on the training offers, applied to the test ones. */
export interface ThemeFeatures {
  name: string;
  features(train: Offer[], test: Offer[]): { train: SparseVector[]; test: SparseVector[]; dimension: number };
}

/** TF-IDF over words and character 3-5-grams, fitted on the training offers (the project's sparse baseline). */
export const tfidfThemes: ThemeFeatures = {
  name: "TF-IDF + logistic",
  features(train, test) {
    const vectorizer = new TfidfVectorizer({ ngrams: [1, 2], charNgrams: [3, 5] });
    const X = vectorizer.fitTransform(train.map((o) => o.text));
    return { train: X, test: vectorizer.transform(test.map((o) => o.text)), dimension: vectorizer.dimension };
  },
};

/** Fixed vectors of the offers (sentence embeddings) as features. */
export function embeddingThemes(name: string, vectorOf: (offer: Offer) => Float32Array): ThemeFeatures {
  return {
    name: `${name} + logistic`,
    features(train, test) {
      const X = train.map((o) => denseToSparse(vectorOf(o)));
      return {
        train: X,
        test: test.map((o) => denseToSparse(vectorOf(o))),
        dimension: vectorOf(train[0]).length,
      };
    },
  };
}

/** One representation at one label budget. */
export interface BudgetRow {
  budget: number;
  representation: string;
  /** Labelled offers each fold's model was trained on (the budget, or the whole training fold when smaller). */
  trained: number;
  micro: Estimate;
  macro: Estimate;
  /** Micro F1 minus the first representation's, paired over the same resamples (null for the first). */
  vsFirst: Estimate | null;
}

/** Options of {@link themesByLabelBudget}. */
export interface BudgetOptions {
  /** Labelled offers per training fold; a budget at or above a fold's size uses all of it. @default [20, 40, 80, 160, 320, Infinity] */
  budgets?: number[];
  /** @default 5 */
  folds?: number;
  /** @default 42 */
  seed?: number;
  /** @default 1000 */
  resamples?: number;
  /** Inverse L2 penalty. @default 4 */
  C?: number;
}

/** See the module doc. Offers and records are parallel arrays (a record's themes at the codebook's PRESENT cut). */
export function themesByLabelBudget(
  offers: Offer[],
  records: LabelRecord[],
  representations: ThemeFeatures[],
  o: BudgetOptions = {},
): BudgetRow[] {
  if (offers.length !== records.length) {
    throw new Error(`${offers.length} offers, ${records.length} label records`);
  }
  const k = o.folds ?? 5, seed = o.seed ?? 42;
  const truth = records.map((r) => THEMES.map((t) => r.themes[t] >= PRESENT));
  const splits = foldSplits(groupedFolds(offers.map(occupationOf), k, seed), k);
  const boot = new Bootstrap(offers.length, o.resamples ?? 1000, seed);
  const rows: BudgetRow[] = [];
  for (const budget of o.budgets ?? [20, 40, 80, 160, 320, Infinity]) {
    const scored = representations.map((representation) => {
      const predicted: boolean[][] = new Array(offers.length);
      let trained = 0;
      splits.forEach(({ train, test }, fold) => {
        const chosen = budget >= train.length
          ? train
          : new Random(seed + 1000 * fold + budget).sample(train, budget);
        trained = Math.max(trained, chosen.length);
        const { train: X, test: T, dimension } = representation.features(
          chosen.map((i) => offers[i]),
          test.map((i) => offers[i]),
        );
        const model = new OneVsRestLogistic({ C: o.C ?? 4 }).fit(X, chosen.map((i) => truth[i]), dimension);
        model.predict(T).forEach((row, t) => (predicted[test[t]] = row));
      });
      return { representation, trained, scores: boot.scores(truth, predicted, THEMES) };
    });
    for (const s of scored) {
      rows.push({
        budget,
        representation: s.representation.name,
        trained: s.trained,
        micro: s.scores.micro.f1,
        macro: s.scores.macro.f1,
        vsFirst: s === scored[0] ? null : boot.difference(s.scores, scored[0].scores),
      });
    }
  }
  return rows;
}

/**
 * The rows as a table shows them: budget ("all (n)" for the whole fold), representation, F1 with intervals.
 *
 * @example
 * ```ts
 * import { budgetTableRows } from "./label_budget.ts";
 * declare const rows: any; // themesByLabelBudget's rows
 * budgetTableRows(rows)[0]; // { "labels per training fold": "20", representation: "TF-IDF + logistic", ... }
 * ```
 */
export function budgetTableRows(rows: BudgetRow[]): Record<string, string>[] {
  return rows.map((r) => ({
    "labels per training fold": Number.isFinite(r.budget) ? String(r.budget) : `all (${r.trained})`,
    representation: r.representation,
    "themes F1 micro [95 % CI]": formatEstimate(r.micro),
    "F1 macro [95 % CI]": formatEstimate(r.macro),
    "micro − TF-IDF [95 % CI]": r.vsFirst ? formatEstimate(r.vsFirst, { signed: true }) : "—",
  }));
}

/**
 * The rows as JSON writes them: the whole-fold budget as "all" (JSON has no Infinity).
 *
 * @example
 * ```ts
 * import { budgetRowsForJson } from "./label_budget.ts";
 * declare const rows: any; // themesByLabelBudget's rows
 * JSON.stringify(budgetRowsForJson(rows));
 * ```
 */
export function budgetRowsForJson(rows: BudgetRow[]) {
  return rows.map((r) => ({ ...r, budget: Number.isFinite(r.budget) ? r.budget : "all" }));
}
