/**
 * The method in one call, where no labelled file is given (the demo, stage
 * 9): the rule teacher labels the offers (or the caller brings labels from
 * the best source it has), the sure labels (overall confidence >= SURE)
 * train the cheap model.
 *
 * @example
 * ```ts
 * import { bulkModelFromTeacher } from "./distil.ts";
 * const { model, sure } = bulkModelFromTeacher(offers, 42); // sure: how many labels it learnt from
 * ```
 */
import type { Offer } from "../corpus/schema.ts";
import { type LabelRecord, SURE } from "../base/vocabulary.ts";
import { labelWithRules } from "../labelling/rules.ts";
import { BulkModel } from "./bulk_model.ts";
import { ThemeStack } from "./theme_stack.ts";

/**
 * The offers whose label is sure (overall confidence >= SURE), with their
 * records; fails when there are fewer than `min`.
 *
 * @example
 * ```ts
 * const { offers: sureOffers, labels } = sureLabelled(offers, records, "the theme model", 16);
 * ```
 */
export function sureLabelled<R extends Pick<LabelRecord, "overall_confidence">>(offers: Offer[], records: R[], what: string, min = 1): { offers: Offer[]; labels: R[] } {
  if (records.length !== offers.length) throw new Error(`${records.length} label records for ${offers.length} offers`);
  const keep = records.flatMap((r, i) => r.overall_confidence >= SURE ? [i] : []);
  if (keep.length < min) throw new Error(`${keep.length} of the ${offers.length} offers have a sure label (overall confidence >= ${SURE}): too few to train ${what} on`);
  return { offers: keep.map((i) => offers[i]), labels: keep.map((i) => records[i]) };
}

/** A bulk model trained on the rule teacher's sure labels of `offers`. */
export function bulkModelFromTeacher(offers: Offer[], seed = 42): { model: BulkModel; sure: number } {
  return bulkModelFromLabels(offers, offers.map((offer) => labelWithRules(offer).record), seed);
}

/** A bulk model trained on the sure labels of `records`, one per offer in the same order. */
export function bulkModelFromLabels(offers: Offer[], records: LabelRecord[], seed = 42): { model: BulkModel; sure: number } {
  const sure = sureLabelled(offers, records, "the bulk model");
  return { model: new BulkModel({ seed }).fit(sure.offers, sure.labels), sure: sure.offers.length };
}

/** The teacher + text stack trained on the rule teacher's sure labels of `offers` (the demo's theme model). */
export function themeStackFromTeacher(offers: Offer[], seed = 42): { model: ThemeStack; sure: number } {
  const sure = sureLabelled(offers, offers.map((offer) => labelWithRules(offer).record), "the theme stack", 16);
  return { model: new ThemeStack({ seed }).fit(sure.offers, sure.labels), sure: sure.offers.length };
}
