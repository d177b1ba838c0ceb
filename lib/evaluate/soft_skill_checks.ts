/**
 * Stage 6's soft-skill checks: the span detector against the generator's
 * truth on unseen offers (beside the rule teacher), and the offer-level model
 * against what recruiters themselves ticked on real France Travail offers
 * (`qualitesProfessionnelles`, up to three ROME soft skills an offer).
 *
 * @example
 * ```ts
 * import { recruiterCheck } from "./soft_skill_checks.ts";
 * import { loadConfig } from "../config.ts";
 * const config = loadConfig();
 * const check = await recruiterCheck(config); // null without ../shared/data
 * check?.detector.precision; // the offer-level model (named "detector" in the recorded metrics)
 * ```
 */
import type { RunConfig } from "../config.ts";
import { loadOffers, type Offer } from "../corpus/mod.ts";
import { type LabelRecord, PRESENT, presentSpans, SURE } from "../base/mod.ts";
import {
  labelWithRules,
  loadLabelled,
  readRecruiterQualities,
  referenceLabelFiles,
} from "../labelling/mod.ts";
import { asSpans, spanScores } from "../stats/mod.ts";
import { SkillCodeModel, type SoftSkillDetector } from "../train/mod.ts";

/**
 * Span scores (overlap, same code) on offers with a true labelling: the
 * detector's spans and the teacher's present spans, each against the truth.
 *
 * @example
 * ```ts
 * declare const detector: any; // your data
 * declare const unseen: any; // your data
 * spansAgainstTruth(detector, unseen.offers, unseen.truth, unseen.teacher); // [{ model: "detector ...", precision, recall, F1 }, ...]
 * ```
 */
export function spansAgainstTruth(
  detector: SoftSkillDetector,
  offers: Offer[],
  truth: LabelRecord[],
  teacher: LabelRecord[],
) {
  const expected = truth.map((r) => asSpans(presentSpans(r)));
  const row = (model: string, found: { code_ogr: string; start: number | null; end: number | null }[][]) => {
    const s = spanScores(expected, found.map(asSpans));
    return { model, precision: s.precision, recall: s.recall, F1: s.f1 };
  };
  return [
    row("detector (trained on teacher spans)", detector.predict(offers)),
    row("teacher (rules)", teacher.map(presentSpans)),
  ];
}

/** Precision and recall of found codes against picked codes, pooled over offers. */
export function pickedCodeScores(
  picked: string[][],
  found: string[][],
): { precision: number; recall: number } {
  let tp = 0, fp = 0, fn = 0;
  picked.forEach((list, i) => {
    const want = new Set(list), got = new Set(found[i]);
    for (const c of got) want.has(c) ? tp++ : fp++;
    for (const c of want) if (!got.has(c)) fn++;
  });
  return { precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn) };
}

/**
 * The offer-level model, trained on the sure reference labels, and the rule
 * teacher, each scored against the recruiters' own picks on the real offers
 * outside the reference set; null when the real sample or its labels are
 * absent.
 */
export async function recruiterCheck(config: RunConfig) {
  if (!config.realData || !config.referenceLabels) return null;
  const reference = await loadLabelled(config.realData, referenceLabelFiles(config), SURE);
  const model = new SkillCodeModel({ seed: config.seed }).fit(reference.offers, reference.records);
  const { qualities } = await readRecruiterQualities(config.realData);
  const inReference = new Set(reference.offers.map((o) => o.id));
  const judged = (await loadOffers(config.realData)).offers.filter((o) =>
    qualities.has(o.id) && !inReference.has(o.id)
  );
  const picked = judged.map((o) => qualities.get(o.id)!);
  return {
    offers: judged.length,
    detector: pickedCodeScores(picked, model.predict(judged).map((found) => found.map((d) => d.code_ogr))),
    teacher: pickedCodeScores(
      picked,
      judged.map((o) =>
        labelWithRules(o).record.soft_skills.filter((s) => s.confidence >= PRESENT).map((s) => s.code_ogr)
      ),
    ),
  };
}
