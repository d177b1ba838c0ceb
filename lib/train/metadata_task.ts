/**
 * A prediction task that needs no labelling: a field the offers already
 * carry (contract type, ROME domain) predicted from the offer's description
 * (the title left out: it names the job), to compare representations on one
 * held-out split — TF-IDF words and character n-grams + logistic regression
 * (the sparse model), the project's BERT fine-tuned on the task, its frozen
 * sentence embeddings + logistic regression, and word vectors learnt on the
 * offers + logistic regression. Scores: accuracy and macro F1 over the
 * classes with 95 % bootstrap intervals, and each representation's paired
 * difference to the sparse model on the same resamples.
 *
 * @example
 * ```ts
 * import { METADATA_TARGETS, metadataComparison } from "./metadata_task.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * declare const offers: Offer[];
 * declare const representations: any; // your data
 * const result = await metadataComparison(offers, METADATA_TARGETS.contract, { representations, seed: 42 });
 * result.rows[0]; // { representation: "TF-IDF + logistic", accuracy: { value, interval }, ... }
 * ```
 */
import type { Offer } from "../corpus/mod.ts";
import { denseToSparse } from "../represent/mod.ts";
import { tfidfFeatures } from "./theme_model.ts";
import { OneVsRestLogistic } from "./logistic.ts";
import { Bootstrap, type Estimate, iterativeStratifiedFolds } from "../stats/mod.ts";
import { Random } from "../base/mod.ts";

/** A field of the offers to predict, read as a class name (null: the offer is left out). */
export interface MetadataTarget {
  name: string;
  classOf: (offer: Offer) => string | null;
}

const CONTRACT_CLASSES: Record<string, string> = {
  CDI: "CDI",
  CDD: "CDD",
  MIS: "interim",
  INTERIM: "interim",
  "INTÉRIM": "interim",
};

/** The targets stage 2 uses. */
export const METADATA_TARGETS = {
  contract: {
    name: "contract type",
    classOf: (o: Offer) => (o.contract ? CONTRACT_CLASSES[o.contract.trim().toUpperCase()] ?? "other" : null),
  },
  domain: {
    name: "ROME domain (letter and two digits)",
    classOf: (o: Offer) => (o.rome && /^[A-N]\d\d/.test(o.rome) ? o.rome.slice(0, 3) : null),
  },
} satisfies Record<string, MetadataTarget>;

/**
 * Class names and each kept offer's class index; classes under `minCount`
 * offers pooled as "other" (default: 20, fewer in a small corpus — one
 * offer in 80 carrying the field, at least 5).
 */
export function metadataClasses(offers: Offer[], target: MetadataTarget, minCount?: number) {
  const named = offers.map((o) => target.classOf(o));
  minCount ??= Math.min(20, Math.max(5, Math.round(named.filter((c) => c !== null).length / 80)));
  const count = new Map<string, number>();
  for (const c of named) if (c !== null) count.set(c, (count.get(c) ?? 0) + 1);
  const pooled = named.map((c) => (c === null ? null : (count.get(c)! >= minCount ? c : "other")));
  const classes = [...new Set(pooled.filter((c): c is string => c !== null))].sort();
  const kept = pooled.flatMap((c, i) => (c === null ? [] : [i]));
  return { classes, kept, y: kept.map((i) => classes.indexOf(pooled[i]!)) };
}

/** Offers a target needs: this many carrying the field, in two classes or more. */
export const MIN_TASK_OFFERS = 50;

/** Why a target cannot be learnt from these offers (too few carry the field, or one class), or null when it can. */
export function whyNotLearnable(offers: Offer[], target: MetadataTarget): string | null {
  const { classes, kept } = metadataClasses(offers, target);
  if (kept.length < MIN_TASK_OFFERS) {
    return `${kept.length} of ${offers.length} offers give a ${target.name}; the task needs ${MIN_TASK_OFFERS}`;
  }
  if (classes.length < 2) return `every offer giving a ${target.name} is in one class (${classes[0]})`;
  return null;
}

/** A representation under test: fits on training offers and gives class indices for test offers. */
export interface Representation {
  name: string;
  fitPredict: (
    train: Offer[],
    y: number[],
    classCount: number,
    test: Offer[],
  ) => number[] | Promise<number[]>;
}

const argmax = (p: number[]) => p.indexOf(Math.max(...p));
const oneHot = (y: number[], k: number) => y.map((c) => Array.from({ length: k }, (_, j) => j === c));

/** The sparse model: TF-IDF words, word pairs and character 3-5-grams, one-vs-rest logistic regression. */
export const sparseRepresentation: Representation = {
  name: "TF-IDF + logistic (sparse)",
  fitPredict(train, y, k, test) {
    const vectorizer = tfidfFeatures();
    const X = vectorizer.fitTransform(train.map((o) => o.text));
    const model = new OneVsRestLogistic({ C: 4 }).fit(X, oneHot(y, k), vectorizer.dimension);
    return model.predictProba(vectorizer.transform(test.map((o) => o.text))).map(argmax);
  },
};

/** Logistic regression on fixed vectors of the offers (`vectorOf` gives an offer's vector). */
export function denseRepresentation(name: string, vectorOf: (offer: Offer) => Float32Array): Representation {
  return {
    name,
    fitPredict(train, y, k, test) {
      const X = train.map((o) => denseToSparse(vectorOf(o)));
      const model = new OneVsRestLogistic({ C: 4 }).fit(X, oneHot(y, k), X[0].values.length);
      return model.predictProba(test.map((o) => denseToSparse(vectorOf(o)))).map(argmax);
    },
  };
}

/** One representation's scores on the held-out offers. */
export interface MetadataRow {
  representation: string;
  accuracy: Estimate;
  macroF1: Estimate;
  /** Accuracy minus the sparse model's (paired resamples); absent on the sparse model's row. */
  vsSparse?: Estimate;
  seconds: number;
}

/**
 * Scores every representation on one seeded, stratified held-out fifth of
 * the offers that carry the target (at most `maxOffers`, a seeded sample).
 * The first representation is the reference of the paired differences.
 */
export async function metadataComparison(
  offers: Offer[],
  target: MetadataTarget,
  o: { representations: Representation[]; seed: number; maxOffers?: number; resamples?: number },
) {
  const why = whyNotLearnable(offers, target);
  if (why) throw new Error(`${target.name}: ${why}`);
  const { classes, kept, y } = metadataClasses(offers, target);
  let picked = kept.map((_, j) => j);
  if (o.maxOffers && picked.length > o.maxOffers) {
    picked = new Random(o.seed).sample(picked, o.maxOffers).sort((a, b) => a - b);
  }
  const folds = iterativeStratifiedFolds(picked.map((j) => classes.map((_, c) => y[j] === c)), 5, o.seed);
  const trainJ = picked.filter((_, i) => folds[i] !== 0), testJ = picked.filter((_, i) => folds[i] === 0);
  const train = trainJ.map((j) => offers[kept[j]]), test = testJ.map((j) => offers[kept[j]]);
  const truth = oneHot(testJ.map((j) => y[j]), classes.length);
  const boot = new Bootstrap(test.length, o.resamples ?? 1000, o.seed);
  const rows: MetadataRow[] = [];
  let reference: ReturnType<Bootstrap["scores"]> | null = null;
  for (const representation of o.representations) {
    const started = performance.now();
    const predicted = await representation.fitPredict(train, trainJ.map((j) => y[j]), classes.length, test);
    const seconds = (performance.now() - started) / 1000;
    const scores = boot.scores(truth, oneHot(predicted, classes.length), classes);
    const row: MetadataRow = {
      representation: representation.name,
      accuracy: scores.micro.f1,
      macroF1: scores.macro.f1,
      seconds,
    };
    if (reference) {
      const { value, interval } = boot.difference(scores, reference);
      row.vsSparse = { value, interval };
    } else reference = scores;
    rows.push(row);
  }
  const share = (c: number) => testJ.filter((j) => y[j] === c).length / testJ.length;
  return {
    target: target.name,
    classes,
    trainOffers: train.length,
    testOffers: test.length,
    majorityShare: Math.max(...classes.map((_, c) => share(c))),
    rows,
  };
}
