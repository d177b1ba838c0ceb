/**
 * Stage 2's prediction task without labels, as the notebook and the
 * benchmark run it: contract type and ROME domain from the description, on
 * the run's offers and — when ../shared/data is present — on the real France
 * Travail sample, each scored for the sparse model, the project's BERT
 * fine-tuned on the task (only when the run's encoder is the project's: a
 * user's CamemBERT is compared through its frozen embeddings), the run
 * encoder's frozen embeddings, and word vectors learnt on those offers.
 *
 * @example
 * ```ts
 * import { metadataTasksOnRun } from "./metadata_run.ts";
 * import { loadConfig } from "../config.ts";
 * const config = loadConfig();
 * declare const corpus: any; // your data
 * const sets = await metadataTasksOnRun(config, corpus);
 * sets[0].results[0].rows; // one row per representation
 * ```
 */
import type { RunConfig } from "../config.ts";
import { type Offer, openRunCorpus, type RunCorpus } from "../corpus/mod.ts";
import { offerWordVectors, type WordVectors } from "../represent/mod.ts";
import { FineTunedEncoder, type FineTuneOptions, projectLanguageModel, runEmbeddings } from "../lm/mod.ts";
import {
  denseRepresentation,
  METADATA_TARGETS,
  metadataComparison,
  type Representation,
  sparseRepresentation,
  whyNotLearnable,
} from "./metadata_task.ts";
import { Random } from "../base/mod.ts";

/** Fine-tuning used by stage 2: three passes, the first two 32-token segments of each offer. */
export const STAGE2_FINE_TUNE: FineTuneOptions = { epochs: 3, windows: 2, learningRate: 1e-3 };

/** The project's BERT fine-tuned on the task, as a representation under test. */
export function fineTunedRepresentation(lmDir: string, options: FineTuneOptions): Representation {
  return {
    name: "the project's BERT fine-tuned on the task",
    async fitPredict(train, y, k, test) {
      const model = await new FineTunedEncoder(lmDir, options).fit(train, y, k);
      try {
        return model.predict(test);
      } finally {
        model.dispose();
      }
    },
  };
}

/** The representations of one set of offers (see the module doc). */
async function representationsOf(
  config: RunConfig,
  offers: Offer[],
  wordVectors: WordVectors,
): Promise<Representation[]> {
  const embeddings = await runEmbeddings(config, offers.map((o) => o.text));
  const byOffer = new Map(offers.map((o, i) => [o, embeddings[i]]));
  const encoder = config.encoder === "project" ? "the project's BERT" : config.encoder;
  return [
    sparseRepresentation,
    ...(config.encoder === "project"
      ? [
        fineTunedRepresentation((await projectLanguageModel(config)).dir, {
          ...STAGE2_FINE_TUNE,
          seed: config.seed,
        }),
      ]
      : []),
    denseRepresentation(`frozen sentence embeddings (${encoder}) + logistic`, (o) => byOffer.get(o)!),
    denseRepresentation("word vectors learnt on these offers + logistic", (o) => wordVectors.phrase(o.text)),
  ];
}

/**
 * The real offers a run scores the task on: all of them (the comparison
 * then holds out a fifth of at most 1,500) for a run of 1,500 offers or
 * more; for a smaller run, a seeded sample as large as the run (at least
 * 300), so that a CI-sized run stays quick — word vectors, embeddings and
 * fine-tuning all read fewer offers.
 *
 * @example
 * ```ts
 * declare const real: any; // your data
 * realAtRunScale(real, 300, 42).length; // 300 (of 2,098)
 * ```
 */
export function realAtRunScale<T>(real: T[], runOffers: number, seed: number): T[] {
  const size = Math.max(300, runOffers);
  return size >= 1500 || real.length <= size ? real : new Random(seed).sample(real, size);
}

/**
 * Both targets on the run's offers and on the real sample when present
 * (at most `maxRealOffers` of it, a seeded sample). `wordVectors` are the
 * run's, when already learnt (stage 2's pair test learns them). A target
 * the offers cannot teach (too few give the field, or all the same) is
 * skipped with its reason, not an error: a user's file may lack the field.
 * Each set comes back with its texts and the word vectors learnt on them
 * (`real` marks the France Travail sample), for the synonym test.
 */
export async function metadataTasksOnRun(
  config: RunConfig,
  corpus: RunCorpus,
  o: { wordVectors?: WordVectors; maxRealOffers?: number } = {},
) {
  const sets: {
    name: string;
    real: boolean;
    offers: Offer[];
    wordVectors?: WordVectors;
    maxOffers?: number;
  }[] = [
    {
      name: `the run's offers (${corpus.generated ? "generated" : corpus.source})`,
      real: false,
      offers: corpus.offers,
      wordVectors: o.wordVectors,
    },
  ];
  if (config.realData) {
    sets.push({
      name: "the real France Travail sample",
      real: true,
      offers: realAtRunScale((await openRunCorpus(config, "real")).offers, corpus.offers.length, config.seed),
      maxOffers: o.maxRealOffers ?? 1500,
    });
  }
  const out = [];
  for (const set of sets) {
    const wordVectors = set.wordVectors ?? offerWordVectors(set.offers.map((x) => x.text), config.seed);
    const representations = await representationsOf(config, set.offers, wordVectors);
    const results = [], skipped: { target: string; reason: string }[] = [];
    for (const target of [METADATA_TARGETS.contract, METADATA_TARGETS.domain]) {
      const why = whyNotLearnable(set.offers, target);
      if (why) {
        skipped.push({ target: target.name, reason: why });
        continue;
      }
      results.push(
        await metadataComparison(set.offers, target, {
          representations,
          seed: config.seed,
          maxOffers: set.maxOffers,
        }),
      );
    }
    out.push({
      name: set.name,
      offers: set.offers.length,
      results,
      skipped,
      real: set.real,
      texts: set.offers.map((x) => x.text),
      wordVectors,
    });
  }
  return out;
}
