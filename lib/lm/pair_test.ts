/**
 * Stage 2's written synonym test for every representation the run has: the
 * soft-skill wording pairs of lib/represent/soft_skill_pairs.ts scored by
 * TF-IDF character n-grams, by word vectors learnt on the run's offers
 * (skip-gram with subwords) and by the sentence embeddings of the run's
 * encoder (the project's BERT, or JOBS_ENCODER), each an AUC with a bootstrap
 * interval: how often a pair asking for the same savoir-être is more similar
 * than a pair asking for two different ones (0.5 is chance).
 *
 * @example
 * ```ts
 * import { representationPairTest } from "./pair_test.ts";
 * import { loadConfig } from "../config.ts";
 * const config = loadConfig();
 * import { openRunCorpus } from "../corpus/mod.ts";
 * const corpus = await openRunCorpus(config);
 * const rows = await representationPairTest(config, corpus.offers.map((o) => o.text));
 * rows[0]; // { representation: "TF-IDF character 3-5-grams", auc: 0.41, interval: [0.3, 0.53], ... }
 * ```
 */
import type { RunConfig } from "../config.ts";
import {
  cosine,
  dot,
  offerWordVectors,
  pairAuc,
  type pairWordSupport,
  SOFT_SKILL_PAIRS,
  TfidfVectorizer,
  type WordVectors,
} from "../represent/mod.ts";
import { encoderName, type NamedEncoder, runEmbeddings } from "./project_model.ts";

/** One representation's result. */
export interface PairTestRow {
  representation: string;
  auc: number;
  interval: [number, number];
  /** Mean similarity of the synonym and of the non-synonym pairs. */
  synonyms: number;
  others: number;
  /** AUC on the pairs of two single words only: the pairs of phrases sharing a head word ("esprit d'équipe" / "esprit critique") left out. */
  singleWordAuc: number;
}

/** Whether both wordings of a pair are one word (the pairs no shared head word can mislead). */
export const singleWords = (p: { a: string; b: string }) => !/[\s']/.test(p.a) && !/[\s']/.test(p.b);

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Scores each representation on the written pairs (see the module doc);
 * `texts` are the offers TF-IDF and the word vectors learn from (`source`
 * names them in the rows; default "the run's offers"). `embed` gives sentence embeddings (default:
 * the run's encoder, {@link runEmbeddings}); `wordVectors`, those already
 * learnt on `texts` (default: learnt here).
 */
export async function representationPairTest(
  config: RunConfig,
  texts: string[],
  o: {
    embed?: (texts: string[]) => Promise<Float32Array[]>;
    wordVectors?: WordVectors;
    source?: string;
    pretrained?: NamedEncoder;
  } = {},
): Promise<PairTestRow[]> {
  const source = o.source ?? "the run's offers";
  const phrases = [...new Set(SOFT_SKILL_PAIRS.flatMap((p) => [p.a, p.b]))];
  const row = (representation: string, similarity: (a: string, b: string) => number): PairTestRow => {
    const r = pairAuc(similarity, SOFT_SKILL_PAIRS, { seed: config.seed });
    const single = pairAuc(similarity, SOFT_SKILL_PAIRS.filter(singleWords), {
      seed: config.seed,
      resamples: 1,
    });
    return {
      representation,
      auc: r.auc,
      interval: r.interval,
      synonyms: mean(r.synonyms),
      others: mean(r.others),
      singleWordAuc: single.auc,
    };
  };
  const tfidf = new TfidfVectorizer({ ngrams: [1, 1], charNgrams: [3, 5], minDf: 1 }).fit([
    ...texts,
    ...phrases,
  ]);
  const sparse = new Map(phrases.map((p, i) => [p, tfidf.transform([phrases[i]])[0]]));
  const wv = o.wordVectors ?? offerWordVectors(texts, config.seed);
  const embeddings = await (o.embed ?? ((t: string[]) => runEmbeddings(config, t)))(phrases);
  const dense = new Map(phrases.map((p, i) => [p, embeddings[i]]));
  const pretrained = o.pretrained ? await o.pretrained.embed(phrases) : null;
  const pretrainedOf = new Map(phrases.map((p, i) => [p, pretrained?.[i]]));
  return [
    row(`TF-IDF character 3-5-grams (fitted on ${source})`, (a, b) => dot(sparse.get(a)!, sparse.get(b)!)),
    row(`word vectors (skip-gram with subwords, learnt on ${source})`, (a, b) => wv.similarity(a, b)),
    row(
      `sentence embeddings (${encoderName(config.encoder)})`,
      (a, b) => cosine(dense.get(a)!, dense.get(b)!),
    ),
    ...(o.pretrained
      ? [
        row(`sentence embeddings (${o.pretrained.name})`, (a, b) =>
          cosine(pretrainedOf.get(a)!, pretrainedOf.get(b)!)),
      ]
      : []),
  ];
}

/**
 * One sentence on how well the corpus shows the pairs' words (from
 * {@link pairWordSupport}), to read beside the word-vector row.
 *
 * @example
 * ```ts
 * import { pairWordSupport } from "../represent/mod.ts";
 * declare const wv: any; // your data
 * supportLine(pairWordSupport((w) => wv.count(w)));
 * // "67 of the pairs' 95 content words occur at least 10 times in the offers the word vectors learnt from; the rarest: ..."
 * ```
 */
export function supportLine(s: ReturnType<typeof pairWordSupport>): string {
  const head =
    `${s.supported} of the pairs' ${s.words} content words occur at least ${s.minOccurrences} times in the offers the word vectors learnt from`;
  if (!s.rare.length) {
    return `${head}: the word-vector row reads what these offers teach about every word of the test.`;
  }
  return `${head}; the rarest: ${s.rare.slice(0, 8).map((r) => r.word).join(", ")}. ` +
    "Co-occurrence cannot place a word the corpus barely shows, so the word-vector row says more on a base where most of them are frequent.";
}
