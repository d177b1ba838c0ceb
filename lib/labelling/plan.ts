/**
 * The labelling plan shared by stages 3 and 5: the strata of each offer and
 * the diverse sample to label, computed the same way wherever it is needed.
 *
 * @example
 * ```ts
 * import { chooseLabelSample } from "./plan.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * import { loadConfig } from "../config.ts";
 * declare const offers: Offer[];
 * const config = loadConfig();
 * const { indices, vectors, strata } = chooseLabelSample(offers, 1000, 42);
 * const same = await runLabelSample(config, offers, 1000); // TF-IDF or embeddings, as JOBS_SAMPLE_SPACE says
 * ```
 */
import type { Offer } from "../corpus/mod.ts";
import { denseToSparse, TfidfVectorizer } from "../represent/mod.ts";
import type { RunConfig } from "../config.ts";
import { runEmbeddings } from "../lm/mod.ts";
import { diverseSample, periodOf, type Strata } from "./sampling.ts";

/** The strata of an offer: sector, région, year. */
export function strataOf(offer: Offer): Strata {
  return {
    sector: offer.sector ?? "unknown",
    region: offer.region ?? "unknown",
    period: periodOf(offer.date),
  };
}

/** How many offers to label from a corpus: about 1,000, at most half of it. */
export function labelBudget(corpusSize: number, wanted = 1000): number {
  return Math.max(1, Math.min(wanted, Math.floor(corpusSize / 2)));
}

/** Vectors (TF-IDF, or the embeddings given), strata and the diverse stratified sample of `n` offers. */
export function chooseLabelSample(offers: Offer[], n: number, seed: number, embeddings?: Float32Array[]) {
  const vectors = embeddings
    ? embeddings.map(denseToSparse)
    : new TfidfVectorizer().fitTransform(offers.map((o) => o.text));
  const strata = offers.map(strataOf);
  return { vectors, strata, indices: diverseSample(vectors, strata, n, { seed }) };
}

/** The run's labelling sample, in the space the run configures (JOBS_SAMPLE_SPACE: tfidf or embeddings). */
export async function runLabelSample(config: RunConfig, offers: Offer[], n: number) {
  const embeddings = config.sampleSpace === "embeddings"
    ? await runEmbeddings(config, offers.map((o) => o.text))
    : undefined;
  return { space: config.sampleSpace, ...chooseLabelSample(offers, n, config.seed, embeddings) };
}
