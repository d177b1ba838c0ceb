/**
 * Stage 2, the transformer language model: the project's BERT pre-trained
 * by masked-language modelling on the corpus, its loss, fill-mask and
 * pseudo-perplexity, then every representation (the run's encoder, a
 * pretrained multilingual encoder where one is served, TF-IDF, word
 * vectors) compared on nearest neighbours, soft-skill synonym pairs,
 * predicting fields from the description, and themes with an MLP head.
 * Notebook 02 shows the views in order.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { languageModelStage } from "./language_model.ts";
 * const stage = await languageModelStage(loadConfig());
 * stage.metrics.headline; // "BERT (2 × 64, … parameters) pre-trained 1500 steps: held-out MLM loss …"
 * ```
 */
import type { RunConfig } from "../config.ts";
import { openRunCorpus } from "../corpus/mod.ts";
import {
  FILL_MASK_CONTEXTS,
  fillMaskHits,
  nearestNeighbours,
  neighbourAgreement,
  pretrainedEncoder,
  projectLanguageModel,
  pseudoPerplexity,
  representationPairTest,
  runEmbeddings,
  runEncoderPath,
  supportLine,
} from "../lm/mod.ts";
import {
  budgetRowsForJson,
  budgetTableRows,
  compareOnRun,
  encoderOnReference,
  metadataTasksOnRun,
} from "../train/mod.ts";
import { dot, offerWordVectors, pairWordSupport, TfidfVectorizer } from "../represent/mod.ts";
import { combine, curves, lineChart, note, type Part, runProvenance, table } from "../report/mod.ts";
import { rollingMean } from "../economics/mod.ts";
import { familyOf, formatEstimate } from "../stats/mod.ts";
import type { StageResult } from "./stage.ts";

/** The stage's parameters. */
export interface LanguageModelOptions {
  /** Held-out offers scored for pseudo-perplexity. @default 40 */
  perplexityOffers?: number;
  /** Steps of the rolling mean drawn over the training loss. @default 25 */
  lossWindow?: number;
  /** Neighbours per offer in the same-domain agreement. @default 5 */
  neighbours?: number;
  /** Real reference-labelled offers the pretrained encoder is compared on (0: none). @default 240 */
  pretrainedOffers?: number;
  /** Characters of each of those offers read, by both representations. @default 1000 */
  pretrainedChars?: number;
}

/** The notebook's views, in order. */
export type LanguageModelView =
  | "parameters"
  | "training"
  | "curves"
  | "fillMask"
  | "perplexity"
  | "neighbours"
  | "pairs"
  | "metadata"
  | "realPairs"
  | "comparison"
  | "pretrained";

type PairRows = Awaited<ReturnType<typeof representationPairTest>>;

/** The synonym-pair test as a table. */
function pairTable(rows: PairRows, caption: string) {
  return table(
    rows.map((p) => ({
      representation: p.representation,
      "AUC [95 % CI]": formatEstimate({ value: p.auc, interval: p.interval }),
      "mean similarity, synonyms": p.synonyms,
      "mean similarity, non-synonyms": p.others,
      "AUC, single-word pairs": p.singleWordAuc,
    })),
    { caption },
  );
}

/** Runs stage 2 (see the module doc). */
export async function languageModelStage(
  config: RunConfig,
  options: LanguageModelOptions = {},
): Promise<StageResult<LanguageModelView>> {
  const {
    perplexityOffers = 40,
    lossWindow = 25,
    neighbours: k = 5,
    pretrainedOffers = 240,
    pretrainedChars = 1000,
  } = options;
  const views = {} as Record<LanguageModelView, Part[]>;
  const corpus = await openRunCorpus(config);
  const pretrained = pretrainedEncoder(config);
  const encoderLabel = config.encoder === "project" ? "the project's model" : config.encoder;
  views.parameters = [table([
    { parameter: "data", value: corpus.source },
    { parameter: "pre-training steps", value: config.lmSteps },
    {
      parameter: "encoder used downstream",
      value: config.encoder === "project" ? "project (the model trained below)" : config.encoder,
    },
    { parameter: "pretrained encoder compared", value: "missing" in pretrained ? "none" : pretrained.name },
    { parameter: "seed", value: config.seed },
  ], { caption: "Run parameters" })];

  const lm = await projectLanguageModel(config);
  const r = lm.record;
  const first = r.evals[0].heldOutLoss, last = r.evals[r.evals.length - 1].heldOutLoss;
  views.training = [
    table([{
      parameters: r.parameters,
      vocabulary: r.config.vocabSize,
      layers: r.config.layers,
      hidden: r.config.hiddenSize,
      heads: r.config.heads,
      "training segments": r.trainSegments,
      "held-out segments": r.heldOutSegments,
      steps: r.options.steps,
      "batch (segments)": r.options.batchSize,
      "peak learning rate": r.options.learningRate.toExponential(0),
      seconds: Math.round(r.seconds),
      "tokens / s": Math.round((r.options.steps * r.options.batchSize * r.options.maxLength) / r.seconds),
    }], { caption: "The model and its training" }),
    note(
      `Held-out MLM loss ${first.toFixed(2)} untrained (≈ ln ${r.config.vocabSize} = ${
        Math.log(r.config.vocabSize).toFixed(2)
      }, a uniform guess) → ${last.toFixed(2)} after ${r.options.steps} steps. Files: ${
        lm.dir.split("/").slice(-3).join("/")
      }/ (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx, training.json).`,
    ),
  ];

  const steps = r.history.map((h) => h.step);
  views.curves = [
    curves({
      title: "MLM loss",
      xTitle: "step",
      yTitle: "cross-entropy (nats)",
      series: [
        {
          name: `training (rolling mean, ${lossWindow} steps)`,
          x: steps,
          y: rollingMean(r.history.map((h) => h.loss), lossWindow).map((v) => v ?? NaN),
        },
        { name: "held-out", x: r.evals.map((e) => e.step), y: r.evals.map((e) => e.heldOutLoss) },
      ],
    }),
    lineChart({
      title: "Learning rate (warm-up, then linear decay)",
      x: steps,
      xTitle: "step",
      height: 260,
      series: [{ name: "learning rate", y: r.history.map((h) => h.learningRate) }],
    }),
  ];

  const encoderPath = await runEncoderPath(config);
  const trainedHits = await fillMaskHits(encoderPath);
  const untrainedHits = await fillMaskHits(`${lm.dir}/untrained`);
  views.fillMask = [table(
    trainedHits.rows.map((row, i) => ({
      context: row.sentence,
      "accepted answers": FILL_MASK_CONTEXTS[i].answers.join(", "),
      "top five": row.predictions.join(", "),
      hit: row.hit ? "yes" : row.answerable ? "no" : "no (no answer in the vocabulary)",
      "untrained top one": untrainedHits.rows[i].predictions[0],
    })),
    {
      caption:
        `Fill-mask on ${FILL_MASK_CONTEXTS.length} written contexts, ${encoderLabel}: top-5 hit rate ${trainedHits.hits}/${trainedHits.answerable} answerable (untrained: ${untrainedHits.hits}/${untrainedHits.answerable})`,
    },
  )];

  const heldOutTexts = r.heldOut.slice(0, perplexityOffers).map((i) => lm.texts[i]);
  const pppl = await pseudoPerplexity(lm.dir, heldOutTexts);
  const ppplUntrained = await pseudoPerplexity(`${lm.dir}/untrained`, heldOutTexts);
  const ppplUser = config.encoder === "project" ? null : await pseudoPerplexity(encoderPath, heldOutTexts);
  views.perplexity = [table([
    {
      model: "untrained (same architecture and vocabulary)",
      "pseudo-perplexity": ppplUntrained.pppl,
      "tokens scored": ppplUntrained.tokens,
    },
    {
      model: `pre-trained, ${r.options.steps} steps`,
      "pseudo-perplexity": pppl.pppl,
      "tokens scored": pppl.tokens,
    },
    ...(ppplUser
      ? [{ model: config.encoder, "pseudo-perplexity": ppplUser.pppl, "tokens scored": ppplUser.tokens }]
      : []),
  ], { caption: `Pseudo-perplexity on ${heldOutTexts.length} held-out offers` })];

  const offers = corpus.offers;
  const vectors = await runEmbeddings(config, offers.map((o) => o.text));
  const probes = [0, Math.floor(offers.length / 3), Math.floor((2 * offers.length) / 3)];
  const families = offers.map(familyOf);
  const tfidf = new TfidfVectorizer().fitTransform(offers.map((o) => o.text));
  const agreeEmb = neighbourAgreement(families, (i) => nearestNeighbours(vectors, i, k).map((n) => n.index));
  const agreeTfidf = neighbourAgreement(
    families,
    (i) => nearestNeighbours(tfidf, i, k, dot).map((n) => n.index),
  );
  const sameFamily = `share of ${k} nearest in the same ROME family (the code's letter)`;
  views.neighbours = [
    table(
      probes.flatMap((p) => [
        { offer: offers[p].title, neighbour: "— (the offer)", similarity: 1 },
        ...nearestNeighbours(vectors, p, 3).map((n) => ({
          offer: "",
          neighbour: offers[n.index].title,
          similarity: n.similarity,
        })),
      ]),
      { caption: "Offers and their three nearest neighbours (cosine of embeddings)" },
    ),
    table([
      { space: `embeddings (${config.encoder})`, [sameFamily]: agreeEmb.agreement },
      { space: "TF-IDF (words and word pairs)", [sameFamily]: agreeTfidf.agreement },
      { space: "chance (random neighbours)", [sameFamily]: agreeEmb.chance },
    ], { caption: "What each space puts together" }),
  ];

  const wordVectors = offerWordVectors(offers.map((o) => o.text), config.seed);
  const withPretrained = "missing" in pretrained ? {} : { pretrained };
  const pairTest = await representationPairTest(config, offers.map((o) => o.text), {
    wordVectors,
    ...withPretrained,
  });
  const pairSupport = pairWordSupport((w) => wordVectors.count(w));
  views.pairs = [
    pairTable(pairTest, "Soft-skill synonym pairs against non-synonym pairs (76 written pairs)"),
    note(supportLine(pairSupport)),
    "missing" in pretrained ? note(`No pretrained encoder row: ${pretrained.missing}.`, "warning") : null,
  ];

  const metadata = await metadataTasksOnRun(config, corpus, { wordVectors });
  views.metadata = metadata.flatMap((set) => [
    set.results.length
      ? table(
        set.results.flatMap((res) =>
          res.rows.map((row) => ({
            target: `${res.target} (${res.classes.length} classes, majority ${
              (100 * res.majorityShare).toFixed(0)
            } %, ${res.trainOffers} training / ${res.testOffers} test offers)`,
            representation: row.representation,
            "accuracy [95 % CI]": formatEstimate(row.accuracy),
            "macro F1 [95 % CI]": formatEstimate(row.macroF1),
            "accuracy − sparse [95 % CI]": row.vsSparse ? formatEstimate(row.vsSparse) : "—",
            seconds: row.seconds,
          }))
        ),
        { caption: `Predicting fields from the description: ${set.name}` },
      )
      : null,
    ...set.skipped.map((skip) =>
      note(`${set.name}: ${skip.target} not predicted — ${skip.reason}.`, "warning")
    ),
  ]);

  const realSet = metadata.find((set) => set.real);
  const realPairs = realSet
    ? await representationPairTest(config, realSet.texts, {
      wordVectors: realSet.wordVectors,
      source: "the real offers",
      ...withPretrained,
    })
    : null;
  const realSupport = realSet ? pairWordSupport((w) => realSet.wordVectors.count(w)) : null;
  views.realPairs = [
    realSet && realPairs && realSupport
      ? combine(
        pairTable(
          realPairs,
          `Soft-skill synonym pairs, learnt on ${
            realSet.offers.toLocaleString("en")
          } real France Travail offers`,
        ),
        note(supportLine(realSupport)),
      )
      : note("../shared/data is absent: the synonym test on real offers is skipped.", "warning"),
  ];

  const { rows: comparison, trainingOffers, outOfDomain } = await compareOnRun(config, corpus, vectors);
  views.comparison = [
    table(comparison, {
      caption: `Sparse model vs MLP head on ${
        config.encoder === "project" ? "the project's" : config.encoder
      } embeddings (${trainingOffers} training offers)`,
    }),
    outOfDomain
      ? note(
        "Out of domain: trained on generated offers of every occupation, tested on real IT and data offers.",
      )
      : note("../shared/data is absent: the out-of-domain test on real offers is skipped.", "warning"),
  ];

  const onReference = "missing" in pretrained
    ? { missing: pretrained.missing }
    : pretrainedOffers > 0
    ? await encoderOnReference(config, pretrained, {
      offers: pretrainedOffers,
      maxChars: pretrainedChars,
      neighbours: k,
      seed: config.seed,
    })
    : { missing: "pretrainedOffers is 0" };
  views.pretrained = "missing" in onReference
    ? [
      note(
        `The pretrained encoder is not compared on real labelled offers: ${onReference.missing}.`,
        "warning",
      ),
    ]
    : [
      table(budgetTableRows(onReference.budgets), {
        caption:
          `Themes from few labels: ${onReference.offers} real reference-labelled offers (first ${onReference.maxChars} characters, ${onReference.meanCharacters} on average), 5 occupation-grouped folds`,
      }),
      table([
        { space: `embeddings (${onReference.encoder})`, [sameFamily]: onReference.neighbours.embeddings },
        { space: "TF-IDF (words and word pairs)", [sameFamily]: onReference.neighbours.tfidf },
        { space: "chance (random neighbours)", [sameFamily]: onReference.neighbours.chance },
      ], { caption: "Without labels: what each space puts together on the same real offers" }),
      note(
        `The encoder embedded the ${onReference.offers} offers in ${onReference.seconds.toFixed(1)} s (${
          onReference.offersPerSecond.toFixed(2)
        } offers/s, the embedding cache included) on ${navigator.hardwareConcurrency} cores; TF-IDF fits them in well under a second. ` +
          "`deno task bench --only encoder` runs the same comparison on every sure reference label at full length.",
      ),
    ];

  const cvRow = (model: string) => comparison.find((c) => c.model === model && c.test.includes("CV"))!;
  const metrics = {
    data: runProvenance(corpus),
    headline:
      `BERT (${r.config.layers} × ${r.config.hiddenSize}, ${r.parameters} parameters) pre-trained ${r.options.steps} steps: held-out MLM loss ${
        first.toFixed(2)
      } → ${last.toFixed(2)}, ` +
      `pseudo-perplexity ${pppl.pppl.toFixed(0)} vs ${ppplUntrained.pppl.toFixed(0)} untrained; MLP head F1 ${
        cvRow("MLP head on embeddings").microF1.toFixed(3)
      } vs sparse ${cvRow("sparse (TF-IDF + logistic)").microF1.toFixed(3)} (5-fold CV)`,
    parameters: r.parameters,
    steps: r.options.steps,
    held_out_loss: { untrained: first, trained: last },
    pseudo_perplexity: { untrained: ppplUntrained.pppl, trained: pppl.pppl },
    fill_mask_top5: {
      contexts: FILL_MASK_CONTEXTS.length,
      trained: { hits: trainedHits.hits, answerable: trainedHits.answerable },
      untrained: { hits: untrainedHits.hits, answerable: untrainedHits.answerable },
      rows: trainedHits.rows,
    },
    neighbours_same_family: {
      embeddings: agreeEmb.agreement,
      tfidf: agreeTfidf.agreement,
      chance: agreeEmb.chance,
    },
    head_vs_sparse: comparison.map(({ seconds: _, ...row }) => row),
    synonym_pairs: pairTest.map((p) => ({
      representation: p.representation,
      auc: p.auc,
      interval: p.interval,
      single_word_auc: p.singleWordAuc,
    })),
    pretrained_encoder: "missing" in pretrained ? null : pretrained.name,
    pretrained_on_reference: "missing" in onReference ? null : {
      offers: onReference.offers,
      max_chars: onReference.maxChars,
      budgets: budgetRowsForJson(onReference.budgets),
      neighbours: onReference.neighbours,
    },
    synonym_pairs_support: {
      words: pairSupport.words,
      supported: pairSupport.supported,
      min_occurrences: pairSupport.minOccurrences,
    },
    synonym_pairs_real: realPairs && realSupport
      ? {
        rows: realPairs.map((p) => ({ representation: p.representation, auc: p.auc, interval: p.interval })),
        words: realSupport.words,
        supported: realSupport.supported,
      }
      : null,
    metadata_task: metadata.map((set) => ({
      offers: set.name,
      skipped: set.skipped,
      results: set.results.map(({ rows, ...res }) => ({
        ...res,
        rows: rows.map(({ seconds: _, ...row }) => row),
      })),
    })),
  };
  return { views, metrics };
}
