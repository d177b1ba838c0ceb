/**
 * The method in one call, where no labelled file is given (the demo, stage
 * 9): the rule teacher labels the offers (or the caller brings labels from
 * the best source it has), the sure labels (overall confidence >= SURE)
 * train the model `jobs train` makes by default (the labeller: the theme
 * stack and the offer-level soft-skill model), saved with `saveLabeller`
 * where label-all and the demo load it.
 *
 * @example
 * ```ts
 * import { labellerFromTeacher } from "./distil.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * declare const offers: Offer[];
 * const { labeller, sure } = labellerFromTeacher(offers, 42); // sure: how many labels it learnt from
 * ```
 */
import type { Offer } from "../corpus/mod.ts";
import { type LabelRecord, SURE } from "../base/mod.ts";
import { labelWithRules } from "../labelling/mod.ts";
import { BulkModel } from "./bulk_model.ts";
import { ThemeStack } from "./theme_stack.ts";
import { SkillCodeModel } from "./skill_codes.ts";
import { ModelLabeller } from "./labeller.ts";
import { type ModelCard, saveModel } from "./model_files.ts";

/**
 * The offers whose label is sure (overall confidence >= SURE), with their
 * records; fails when there are fewer than `min`.
 *
 * @example
 * ```ts
 * import type { Offer } from "../corpus/mod.ts";
 * import type { LabelRecord } from "../labelling/mod.ts";
 * declare const offers: Offer[];
 * declare const records: LabelRecord[];
 * const { offers: sureOffers, labels } = sureLabelled(offers, records, "the theme model", 16);
 * ```
 */
export function sureLabelled<R extends Pick<LabelRecord, "overall_confidence">>(
  offers: Offer[],
  records: R[],
  what: string,
  min = 1,
): { offers: Offer[]; labels: R[] } {
  if (records.length !== offers.length) {
    throw new Error(`${records.length} label records for ${offers.length} offers`);
  }
  const keep = records.flatMap((r, i) => r.overall_confidence >= SURE ? [i] : []);
  if (keep.length < min) {
    throw new Error(
      `${keep.length} of the ${offers.length} offers have a sure label (overall confidence >= ${SURE}): too few to train ${what} on`,
    );
  }
  return { offers: keep.map((i) => offers[i]), labels: keep.map((i) => records[i]) };
}

/** A bulk model trained on the rule teacher's sure labels of `offers`. */
export function bulkModelFromTeacher(offers: Offer[], seed = 42): { model: BulkModel; sure: number } {
  return bulkModelFromLabels(offers, offers.map((offer) => labelWithRules(offer).record), seed);
}

/** A bulk model trained on the sure labels of `records`, one per offer in the same order. */
export function bulkModelFromLabels(
  offers: Offer[],
  records: LabelRecord[],
  seed = 42,
): { model: BulkModel; sure: number } {
  const sure = sureLabelled(offers, records, "the bulk model");
  return { model: new BulkModel({ seed }).fit(sure.offers, sure.labels), sure: sure.offers.length };
}

/** A labeller's parts, as trained. */
export interface TrainedLabeller {
  labeller: ModelLabeller;
  themes: ThemeStack;
  /** Null when trained without (the teacher's soft skills then stand in). */
  skills: SkillCodeModel | null;
  /** The sure labels it learnt from. */
  sure: number;
}

/**
 * The labeller `jobs train` makes by default — the teacher + text stack
 * and the offer-level soft-skill model — trained on the sure labels of
 * `records` (one per offer, same order); `skills: false` trains the theme
 * stack alone (the teacher's soft skills then stand in), for analyses that
 * read the themes only.
 */
export function labellerFromLabels(
  offers: Offer[],
  records: LabelRecord[],
  seed = 42,
  o: { skills?: boolean } = {},
): TrainedLabeller {
  const sure = sureLabelled(offers, records, "the labeller", 16);
  const themes = new ThemeStack({ seed }).fit(sure.offers, sure.labels);
  const skills = o.skills === false ? null : new SkillCodeModel({ seed }).fit(sure.offers, sure.labels);
  return { labeller: new ModelLabeller(themes, skills), themes, skills, sure: sure.offers.length };
}

/** The labeller trained on the rule teacher's sure labels of `offers` (the demo's model on a corpus without labels). */
export function labellerFromTeacher(
  offers: Offer[],
  seed = 42,
  o: { skills?: boolean } = {},
): TrainedLabeller {
  return labellerFromLabels(offers, offers.map((offer) => labelWithRules(offer).record), seed, o);
}

/**
 * Saves a trained labeller's models into `dir` (model.json and skills.json,
 * each with its card), so that `loadLabeller(dir)`, label-all and the demo
 * apply it; a skills.json left by an earlier model is removed when this one
 * has none.
 */
export async function saveLabeller(
  dir: string,
  trained: TrainedLabeller,
  card: Omit<ModelCard, "task">,
): Promise<void> {
  await saveModel(dir, trained.themes, {
    ...card,
    task: "themes",
    hyperparameters: { variant: "teacher + text stack (ThemeStack)", ...card.hyperparameters },
  });
  if (trained.skills) {
    await saveModel(dir, trained.skills, {
      ...card,
      task: "soft-skills",
      hyperparameters: { variant: "offer-level model (SkillCodeModel)", ...card.hyperparameters },
    });
  } else {
    for (const name of ["skills.json", "skills-card.json"]) {
      await Deno.remove(`${dir}/${name}`).catch((e) => {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
      });
    }
  }
}
