/**
 * The embeddings' worth downstream: the MLP head on sentence embeddings
 * against the sparse theme model (TF-IDF + logistic regression), on the same
 * cross-validation folds (in domain) and, trained on all the labels, on other
 * corpora (out of domain). Both are scored against the same reference.
 *
 * @example
 * ```ts
 * import { compareWithSparse } from "./head_comparison.ts";
 * const rows = await compareWithSparse({ texts, vectors, Y, truth, seed: 42, outOfDomain: [{ name: "real offers", texts: t2, vectors: v2, truth: y2 }] });
 * ```
 */
import { crossValidate, ThemeModel } from "./theme_model.ts";
import { crossValidateHead, MlpHead, type MlpHeadOptions } from "./mlp_head.ts";
import { evaluateOn } from "./experiments.ts";
import { multilabelScores } from "../stats/metrics.ts";
import { SURE, THEMES } from "../base/vocabulary.ts";
import type { RunConfig } from "../config.ts";
import type { RunCorpus } from "../corpus/default_corpus.ts";
import { truthRecords } from "../corpus/truth.ts";
import { labelBudget, runLabelSample } from "../labelling/plan.ts";
import { labelWithRules } from "../labelling/rules.ts";
import { loadReference } from "../labelling/reference.ts";
import { runEmbeddings } from "../lm/project_model.ts";
import { themeMatrix } from "./experiments.ts";
import { modelText } from "../corpus/schema.ts";

/** A test set the models did not see. */
export interface OutOfDomainSet {
  name: string;
  texts: string[];
  vectors: Float32Array[];
  truth: boolean[][];
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
  texts: string[];
  vectors: Float32Array[];
  Y: boolean[][];
  /** Reference for the in-domain scores (the truth on generated data). @default Y */
  truth?: boolean[][];
  k?: number;
  seed: number;
  head?: MlpHeadOptions;
  outOfDomain?: OutOfDomainSet[];
}): Promise<HeadComparisonRow[]> {
  const k = o.k ?? 5, truth = o.truth ?? o.Y;
  const timed = async <T>(f: () => T | Promise<T>) => {
    const t = performance.now();
    const value = await f();
    return { value, seconds: (performance.now() - t) / 1000 };
  };
  const cvTest = `${k}-fold CV (in domain)`;
  const sparseCv = await timed(() => crossValidate(o.texts, o.Y, { k, seed: o.seed, truth }));
  const headCv = await timed(() => crossValidateHead(o.vectors, o.Y, { ...o.head, k, seed: o.seed, truth }));
  const rows: HeadComparisonRow[] = [
    { model: "sparse (TF-IDF + logistic)", test: cvTest, offers: o.texts.length, microF1: sparseCv.value.scores.micro.f1, macroF1: sparseCv.value.scores.macro.f1, seconds: sparseCv.seconds },
    { model: "MLP head on embeddings", test: cvTest, offers: o.texts.length, microF1: headCv.value.scores.micro.f1, macroF1: headCv.value.scores.macro.f1, seconds: headCv.seconds },
  ];
  if (o.outOfDomain?.length) {
    const sparse = ThemeModel.train(o.texts, o.Y, { seed: o.seed });
    const head = await MlpHead.train(o.vectors, o.Y, { ...o.head, seed: o.seed });
    for (const set of o.outOfDomain) {
      const s = await timed(() => evaluateOn(sparse, set.texts, set.truth).scores);
      const h = await timed(() => multilabelScores(set.truth, head.predict(set.vectors), THEMES));
      rows.push(
        { model: "sparse (TF-IDF + logistic)", test: set.name, offers: set.texts.length, microF1: s.value.micro.f1, macroF1: s.value.macro.f1, seconds: s.seconds },
        { model: "MLP head on embeddings", test: set.name, offers: set.texts.length, microF1: h.value.micro.f1, macroF1: h.value.macro.f1, seconds: h.seconds },
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
  const sample = (await runLabelSample(config, offers, labelBudget(offers.length))).indices;
  const sure = sample.map((i) => ({ i, r: labelWithRules(offers[i]).record })).filter(({ r }) => r.overall_confidence >= SURE);
  const reference = await loadReference(config);
  let outOfDomain: OutOfDomainSet[] | undefined;
  if (reference) {
    const keep = reference.records.map((rec, i) => ({ rec, i })).filter(({ rec }) => rec.overall_confidence >= SURE);
    const real = keep.map(({ i }) => reference.offers[i]);
    outOfDomain = [{
      name: "real offers (reference ≥ 80, out of domain)",
      texts: real.map(modelText),
      vectors: await runEmbeddings(config, real.map((o) => o.text)),
      truth: themeMatrix(keep.map(({ rec }) => rec)),
    }];
  }
  const rows = await compareWithSparse({
    texts: sure.map(({ i }) => modelText(offers[i])),
    vectors: sure.map(({ i }) => vectors[i]),
    Y: themeMatrix(sure.map(({ r }) => r)),
    truth: corpus.truth ? themeMatrix(truthRecords(corpus.truth, sure.map(({ i }) => offers[i]))) : undefined,
    seed: config.seed,
    outOfDomain,
  });
  return { rows, trainingOffers: sure.length, outOfDomain: Boolean(outOfDomain) };
}
