/**
 * The pretrained encoder against TF-IDF on real labelled offers, at a size a
 * report can afford (stage 2): a seeded sample of the reference-labelled
 * offers (labels of confidence >= 80, every reference file), each cut to
 * its first characters at a word boundary (both representations read the
 * same text), embedded once; then themes learnt from 20 labels to all on
 * occupation-grouped folds ({@link themesByLabelBudget}, paired differences
 * to TF-IDF) and, without labels, how often an offer's nearest neighbours
 * share its ROME family. The encoder's throughput on these texts is
 * measured on the way (the embedding cache is read first: a cached run
 * reports the cache's speed, and says how many texts it embedded).
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { encoderOnReference } from "./encoder_comparison.ts";
 * declare const encoder: any; // a NamedEncoder: { name, embed(texts) }
 * const result = await encoderOnReference(loadConfig(), encoder, { offers: 240 });
 * if (!("missing" in result)) result.neighbours; // { k: 5, tfidf: 0.61, embeddings: 0.55, chance: 0.09 }
 * ```
 */
import type { RunConfig } from "../config.ts";
import type { Offer } from "../corpus/mod.ts";
import { allReferenceFiles, type LabelRecord, loadLabelled } from "../labelling/mod.ts";
import { type NamedEncoder, nearestNeighbours, neighbourAgreement } from "../lm/mod.ts";
import { dot, l2normalise, textWindows, TfidfVectorizer } from "../represent/mod.ts";
import { familyOf } from "../stats/mod.ts";
import { Random } from "../base/mod.ts";
import { type BudgetRow, embeddingThemes, tfidfThemes, themesByLabelBudget } from "./label_budget.ts";

/** Options of {@link encoderOnReference}. */
export interface EncoderComparisonOptions {
  /** Reference-labelled offers sampled. @default 240 */
  offers?: number;
  /** Characters of each offer read (cut at a word boundary). @default 1000 */
  maxChars?: number;
  /** Labelled offers per training fold. @default [20, 40, 80, Infinity] */
  budgets?: number[];
  /** Neighbours per offer in the family test. @default 5 */
  neighbours?: number;
  /** @default 42 */
  seed?: number;
}

/** What {@link encoderOnReference} measured. */
export interface EncoderComparison {
  offers: number;
  maxChars: number;
  meanCharacters: number;
  encoder: string;
  /** Seconds the encoder took over the sample, and offers/s (cache included). */
  seconds: number;
  offersPerSecond: number;
  budgets: BudgetRow[];
  neighbours: { k: number; tfidf: number; embeddings: number; chance: number };
}

/** See the module doc; `{ missing }` when ../shared's reference labels are absent. */
export async function encoderOnReference(
  config: RunConfig,
  encoder: NamedEncoder,
  o: EncoderComparisonOptions = {},
): Promise<EncoderComparison | { missing: string }> {
  const files = allReferenceFiles(config);
  if (!files) return { missing: "../shared/data (the reference labels) is absent" };
  const size = o.offers ?? 240, maxChars = o.maxChars ?? 1000, k = o.neighbours ?? 5, seed = o.seed ?? 42;
  const labelled = await loadLabelled(files.offers, files.labels, 80);
  const chosen = new Random(seed).sample(
    labelled.offers.map((_, i) => i),
    Math.min(size, labelled.offers.length),
  )
    .sort((a, b) => a - b);
  const offers: Offer[] = chosen.map((i) => {
    const offer = labelled.offers[i];
    return { ...offer, text: textWindows(offer.text, maxChars)[0] };
  });
  const records: LabelRecord[] = chosen.map((i) => labelled.records[i]);
  const texts = offers.map((x) => x.text);
  const started = performance.now();
  const vectors = await encoder.embed(texts);
  const seconds = (performance.now() - started) / 1000;
  const byId = new Map(offers.map((x, i) => [x.id, vectors[i]]));
  const budgets = themesByLabelBudget(offers, records, [
    tfidfThemes,
    embeddingThemes(encoder.name, (x) => byId.get(x.id)!),
  ], { budgets: o.budgets ?? [20, 40, 80, Infinity], seed });
  const families = offers.map(familyOf);
  const tfidf = new TfidfVectorizer().fitTransform(texts).map(l2normalise);
  const byTfidf = neighbourAgreement(
    families,
    (i) => nearestNeighbours(tfidf, i, k, dot).map((n) => n.index),
  );
  const byEmbeddings = neighbourAgreement(
    families,
    (i) => nearestNeighbours(vectors, i, k).map((n) => n.index),
  );
  return {
    offers: offers.length,
    maxChars,
    meanCharacters: Math.round(texts.reduce((a, t) => a + t.length, 0) / texts.length),
    encoder: encoder.name,
    seconds,
    offersPerSecond: offers.length / seconds,
    budgets,
    neighbours: { k, tfidf: byTfidf.agreement, embeddings: byEmbeddings.agreement, chance: byTfidf.chance },
  };
}
