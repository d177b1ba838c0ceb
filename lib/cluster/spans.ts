/**
 * Soft-skill spans for the registry, from every labeller at hand: the rule
 * teacher's spans, the learnt detector's predictions (trained on the
 * teacher's spans of the same offers, applied to all), and the evidence of
 * reference labels when given.
 *
 * @example
 * ```ts
 * import { collectSpans } from "./spans.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * declare const offers: Offer[];
 * const spans = collectSpans(offers, { detector: true });
 * ```
 */
import type { Offer } from "../corpus/mod.ts";
import { type LabelRecord, labelWithRules } from "../labelling/mod.ts";
import { SoftSkillDetector } from "../train/mod.ts";
import type { SpanRecord } from "./registry.ts";
import { PRESENT, presentSpans } from "../base/mod.ts";

/** The spans of `offers`; `reference` adds labelled evidence (confidence >= 50). */
export function collectSpans(
  offers: Offer[],
  o: { detector?: boolean; reference?: LabelRecord[] } = {},
): SpanRecord[] {
  const spans: SpanRecord[] = [];
  const teacher = offers.map((offer) => labelWithRules(offer).record);
  teacher.forEach((r, i) =>
    presentSpans(r).forEach((s) =>
      spans.push({ text: offers[i].text.slice(s.start, s.end), code_ogr: s.code_ogr, source: "rules" })
    )
  );
  if (o.detector) {
    const detector = new SoftSkillDetector().fit(offers, teacher);
    for (const found of detector.predict(offers)) {
      for (const s of found) spans.push({ text: s.text, code_ogr: s.code_ogr, source: "detector" });
    }
  }
  for (const r of o.reference ?? []) {
    for (const s of r.soft_skills) {
      if (s.confidence >= PRESENT) {
        spans.push({ text: s.evidence, code_ogr: s.code_ogr, source: "reference" });
      }
    }
  }
  return spans;
}
