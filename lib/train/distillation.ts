/**
 * Stage 6's data: the stage-3 sample labelled by the rule teacher, its sure
 * labels (overall confidence >= SURE) to distil, and the rest of the corpus
 * as unseen offers; the generator's truth of both when the corpus has it.
 *
 * @example
 * ```ts
 * import { distillationSets } from "./distillation.ts";
 * import { loadConfig } from "../config.ts";
 * import { ThemeModel } from "./theme_model.ts";
 * const config = loadConfig();
 * declare const corpus: any; // your data
 * const d = await distillationSets(config, corpus);
 * new ThemeModel().fit(d.sure.offers, d.sure.labels).predict(d.unseen.offers);
 * ```
 */
import type { RunConfig } from "../config.ts";
import { type Offer, type RunCorpus, truthRecords } from "../corpus/mod.ts";
import type { LabelRecord } from "../base/mod.ts";
import { labelBudget, labelWithRules, runLabelSample } from "../labelling/mod.ts";
import { sureLabelled } from "./distil.ts";

/** Offers with the teacher's records and, on a generated corpus, their truth. */
export interface TaughtOffers {
  offers: Offer[];
  teacher: LabelRecord[];
  /** The generator's truth as label records; null on a corpus without truth. */
  truth: LabelRecord[] | null;
}

/** The sets of {@link distillationSets}. */
export interface DistillationSets {
  /** The stage-3 sample, every offer labelled by the teacher. */
  sample: TaughtOffers;
  /** The sample's sure labels (the teacher's records): what the model learns from. */
  sure: { offers: Offer[]; labels: LabelRecord[]; truth: LabelRecord[] | null };
  /** The corpus offers outside the sample. */
  unseen: TaughtOffers;
}

/** Splits the run's corpus as stage 6 uses it (see the module doc). */
export async function distillationSets(config: RunConfig, corpus: RunCorpus): Promise<DistillationSets> {
  const inSample = new Set(
    (await runLabelSample(config, corpus.offers, labelBudget(corpus.offers.length))).indices,
  );
  const taught = (offers: Offer[]): TaughtOffers => ({
    offers,
    teacher: offers.map((o) => labelWithRules(o).record),
    truth: corpus.truth ? truthRecords(corpus.truth, offers) : null,
  });
  const sample = taught(corpus.offers.filter((_, i) => inSample.has(i)));
  const unseen = taught(corpus.offers.filter((_, i) => !inSample.has(i)));
  const sure = sureLabelled(sample.offers, sample.teacher, "the distilled theme model");
  return {
    sample,
    sure: { ...sure, truth: corpus.truth ? truthRecords(corpus.truth, sure.offers) : null },
    unseen,
  };
}
