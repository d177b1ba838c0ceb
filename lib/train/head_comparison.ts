/**
 * The embeddings' worth downstream: the MLP head on sentence embeddings
 * against the sparse theme model (TF-IDF + logistic regression), on the same
 * cross-validation folds (in domain) and, trained on all the labels, on other
 * corpora (out of domain). Both are scored against the same reference.
 *
 * @example
 * ```ts
 * import { compareWithSparse } from "./head_comparison.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * import type { LabelRecord } from "../labelling/mod.ts";
 * declare const offers: Offer[];
 * declare const labels: LabelRecord[];
 * declare const vectors: any; // your data
 * declare const truth: any; // your data
 * declare const real: any; // your data
 * declare const realTruth: any; // your data
 * const rows = await compareWithSparse({ train: { offers, labels }, vectors, truth, seed: 42, outOfDomain: [{ name: "real offers", offers: real, truth: realTruth }] });
 * ```
 */
import { ThemeModel } from "./theme_model.ts";
import { MlpHead, type MlpHeadOptions, type OfferVectors, vectorTable } from "./mlp_head.ts";
import { evaluateOn, themeCrossValidation, type ThemeTestSet } from "./experiments.ts";
import type { LabelledOffers } from "./estimator.ts";
import { sureLabelled } from "./distil.ts";
import { multilabelScores } from "../stats/mod.ts";
import { themeMatrix, THEMES } from "../base/mod.ts";
import type { RunConfig } from "../config.ts";
import { type RunCorpus, truthRecords } from "../corpus/mod.ts";
import { labelBudget, labelWithRules, loadReference, runLabelSample } from "../labelling/mod.ts";
import { runEmbeddings } from "../lm/mod.ts";

/** A test set the models did not see. */
export interface OutOfDomainSet extends ThemeTestSet {
  name: string;
}

/** One row of the comparison. */
export type HeadComparisonRow = {
  model: "sparse (TF-IDF + logistic)" | "MLP head on embeddings";
  test: string;
  offers: number;
  microF1: number;
  macroF1: number;
  seconds: number;
};

/** Cross-validated and out-of-domain F1 of both models (see the module doc). */
export async function compareWithSparse(o: {
  train: LabelledOffers;
  /** Embeddings of every offer of `train` and of the out-of-domain sets. */
  vectors: OfferVectors;
  /** Reference for the in-domain scores (the truth on generated data). @default the labels' themes */
  truth?: boolean[][];
  k?: number;
  seed: number;
  head?: MlpHeadOptions;
  outOfDomain?: OutOfDomainSet[];
}): Promise<HeadComparisonRow[]> {
  const k = o.k ?? 5, truth = o.truth ?? themeMatrix(o.train.labels), n = o.train.offers.length;
  const timed = async <T>(f: () => T | Promise<T>) => {
    const t = performance.now();
    const value = await f();
    return { value, seconds: (performance.now() - t) / 1000 };
  };
  const cvTest = `${k}-fold CV (in domain)`;
  const sparse = new ThemeModel({ seed: o.seed }), head = new MlpHead(o.vectors, { ...o.head, seed: o.seed });
  const sparseCv = await timed(() => themeCrossValidation(sparse, o.train, { k, seed: o.seed, truth }));
  const headCv = await timed(() => themeCrossValidation(head, o.train, { k, seed: o.seed, truth }));
  const rows: HeadComparisonRow[] = [
    {
      model: "sparse (TF-IDF + logistic)",
      test: cvTest,
      offers: n,
      microF1: sparseCv.value.scores.micro.f1,
      macroF1: sparseCv.value.scores.macro.f1,
      seconds: sparseCv.seconds,
    },
    {
      model: "MLP head on embeddings",
      test: cvTest,
      offers: n,
      microF1: headCv.value.scores.micro.f1,
      macroF1: headCv.value.scores.macro.f1,
      seconds: headCv.seconds,
    },
  ];
  if (o.outOfDomain?.length) {
    sparse.fit(o.train.offers, o.train.labels);
    await head.fit(o.train.offers, o.train.labels);
    for (const set of o.outOfDomain) {
      const s = await timed(() => evaluateOn(sparse, set).scores);
      const h = await timed(() => multilabelScores(set.truth, head.predict(set.offers), THEMES));
      rows.push(
        {
          model: "sparse (TF-IDF + logistic)",
          test: set.name,
          offers: set.offers.length,
          microF1: s.value.micro.f1,
          macroF1: s.value.macro.f1,
          seconds: s.seconds,
        },
        {
          model: "MLP head on embeddings",
          test: set.name,
          offers: set.offers.length,
          microF1: h.value.micro.f1,
          macroF1: h.value.macro.f1,
          seconds: h.seconds,
        },
      );
    }
    head.dispose();
  }
  return rows;
}

/**
 * The comparison as stages 2 and 6 set it up: the run's labelling sample,
 * labelled by the rule teacher (overall confidence >= 80), scored against the
 * truth of a generated corpus; out of domain, the real offers' reference
 * labels (>= 80) when ../shared/data is present. `vectors` are the corpus
 * offers' embeddings (in corpus order).
 */
export async function compareOnRun(config: RunConfig, corpus: RunCorpus, vectors: Float32Array[]) {
  const offers = corpus.offers;
  const sample = (await runLabelSample(config, offers, labelBudget(offers.length))).indices.map((i) =>
    offers[i]
  );
  const train = sureLabelled(sample, sample.map((o) => labelWithRules(o).record), "the head comparison");
  const table = { offers: [...offers], vectors: [...vectors] };
  const reference = await loadReference(config);
  let outOfDomain: OutOfDomainSet[] | undefined;
  if (reference) {
    const real = sureLabelled(reference.offers, reference.records, "the out-of-domain test");
    table.offers.push(...real.offers);
    table.vectors.push(...await runEmbeddings(config, real.offers.map((o) => o.text)));
    outOfDomain = [{
      name: "real offers (reference ≥ 80, out of domain)",
      offers: real.offers,
      truth: themeMatrix(real.labels),
    }];
  }
  const rows = await compareWithSparse({
    train,
    vectors: vectorTable(table.offers, table.vectors),
    truth: corpus.truth ? themeMatrix(truthRecords(corpus.truth, train.offers)) : undefined,
    seed: config.seed,
    outOfDomain,
  });
  return { rows, trainingOffers: train.offers.length, outOfDomain: Boolean(outOfDomain) };
}
