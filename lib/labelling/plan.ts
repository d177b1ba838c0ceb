/**
 * The labelling plan shared by stages 3 and 5: the strata of each offer and
 * the diverse sample to label, computed the same way wherever it is needed.
 *
 * @example
 * ```ts
 * import { chooseLabelSample } from "./plan.ts";
 * const { indices, vectors, strata } = chooseLabelSample(offers, 1000, 42);
 * ```
 */
import type { Offer } from "../corpus/schema.ts";
import { TfidfVectorizer } from "../represent/tfidf.ts";
import { diverseSample, periodOf, type Strata } from "./sampling.ts";

/** The strata of an offer: sector, région, year. */
export function strataOf(offer: Offer): Strata {
  return { sector: offer.sector ?? "unknown", region: offer.region ?? "unknown", period: periodOf(offer.date) };
}

/** How many offers to label from a corpus: about 1,000, at most half of it. */
export function labelBudget(corpusSize: number, wanted = 1000): number {
  return Math.max(1, Math.min(wanted, Math.floor(corpusSize / 2)));
}

/** TF-IDF vectors, strata and the diverse stratified sample of `n` offers. */
export function chooseLabelSample(offers: Offer[], n: number, seed: number) {
  const vectors = new TfidfVectorizer().fitTransform(offers.map((o) => o.text));
  const strata = offers.map(strataOf);
  return { vectors, strata, indices: diverseSample(vectors, strata, n, { seed }) };
}
