/**
 * One JSON line per offer, what `jobs predict` writes whatever the model:
 * `id`, `themes` as `{CODE: {probability, decision}}`, `soft_skills` as
 * `{code_ogr, start, end, text, score}` (start and end null when the model
 * decides at the offer level, with no phrase to point at).
 *
 * @example
 * ```ts
 * import { bulkPredictionLine } from "./prediction_line.ts";
 * bulkPredictionLine("A1", model.probabilitiesOf(offer), model); // '{"id":"A1","themes":{...},"soft_skills":[...]}\n'
 * ```
 */
import type { Offer } from "../corpus/schema.ts";
import { THEMES } from "../base/vocabulary.ts";
import type { CodeDecision } from "../train/skill_codes.ts";

/** One prediction line. */
export interface PredictionLine {
  id: string;
  themes: Record<string, { probability: number; decision: boolean }>;
  /** start/end are null when only the text model carried the decision (no phrase to point at). */
  soft_skills: { code_ogr: string; start: number | null; end: number | null; text: string; score: number }[];
}

/** Soft-skill findings in the prediction lines' form (the span's text where there is a span). */
export function skillLines(offer: Offer, found: (CodeDecision & { text?: string })[]): PredictionLine["soft_skills"] {
  return found.map((d) => ({ code_ogr: d.code_ogr, start: d.start, end: d.end, text: d.text ?? (d.start != null && d.end != null ? offer.text.slice(d.start, d.end) : ""), score: d.score }));
}

/**
 * The line of a bulk model's probabilities for one offer (every output, in
 * the model's order: the themes, then `skill:<code>`), newline included;
 * written by hand, field for field what JSON.stringify gives a PredictionLine.
 */
export function bulkPredictionLine(id: string, p: ArrayLike<number>, model: { outputs: string[]; thresholds: number[] }): string {
  let line = `{"id":${JSON.stringify(id)},"themes":{`;
  for (let c = 0; c < THEMES.length; c++) line += `${c ? "," : ""}"${THEMES[c]}":{"probability":${p[c]},"decision":${p[c] >= model.thresholds[c]}}`;
  line += `},"soft_skills":[`;
  let first = true;
  for (let c = THEMES.length; c < p.length; c++) {
    if (p[c] < model.thresholds[c]) continue;
    line += `${first ? "" : ","}{"code_ogr":"${model.outputs[c].slice("skill:".length)}","start":null,"end":null,"text":"","score":${p[c]}}`;
    first = false;
  }
  return line + "]}\n";
}
