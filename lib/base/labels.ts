/**
 * Reading label records at the codebook's cut-offs: which themes and which
 * soft-skill codes a record marks present (confidence >= PRESENT), and the
 * located spans of its present soft skills. Every model, score and page
 * reads records through these, so the cut-off is applied one way.
 *
 * @example
 * ```ts
 * import { codesOf, presentSpans, themeMatrix } from "./labels.ts";
 * import type { LabelRecord } from "../labelling/mod.ts";
 * declare const record: LabelRecord;
 * themeMatrix([record]); // [[false, true, false, false, false, true]] in THEMES order
 * presentSpans(record); // [{ code_ogr: "300490", start: 120, end: 129 }]
 * ```
 */
import { type LabelRecord, PRESENT, SKILL_CODES, THEMES } from "./vocabulary.ts";

/** Theme decisions of label records (confidence >= PRESENT), in THEMES order. */
export function themeMatrix(records: Pick<LabelRecord, "themes">[]): boolean[][] {
  return records.map((r) => THEMES.map((t) => r.themes[t] >= PRESENT));
}

/** The soft-skill codes a label record marks present (confidence >= PRESENT), in SKILL_CODES order. */
export function codesOf(record: Pick<LabelRecord, "soft_skills">): boolean[] {
  const present = new Set(record.soft_skills.filter((s) => s.confidence >= PRESENT).map((s) => s.code_ogr));
  return SKILL_CODES.map((c) => present.has(c));
}

/** A soft skill found at a place in the text. */
export interface CodeSpan {
  code_ogr: string;
  start: number;
  end: number;
}

/** The present soft skills of a record (confidence >= PRESENT) whose evidence was located, as spans. */
export function presentSpans(record: Pick<LabelRecord, "soft_skills">): CodeSpan[] {
  return record.soft_skills.flatMap((s) =>
    s.confidence >= PRESENT && s.start != null && s.end != null
      ? [{ code_ogr: s.code_ogr, start: s.start, end: s.end }]
      : []
  );
}
