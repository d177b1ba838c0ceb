/**
 * One JSON line per offer, what `jobs predict` writes whatever the model:
 * `id`, `themes` as `{CODE: {probability, decision}}`, `soft_skills` as
 * `{code_ogr, start, end, text, score}` (start and end null when the model
 * decides at the offer level, with no phrase to point at).
 *
 * @example
 * ```ts
 * import { predictionLine } from "./prediction_line.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * declare const labeller: any; // your data
 * declare const offer: Offer;
 * predictionLine("A1", labeller.label(offer), labeller.thresholds); // '{"id":"A1","themes":{...},"soft_skills":[...]}\n'
 * ```
 */
import { THEMES } from "../base/mod.ts";
import type { OfferLabels } from "../train/mod.ts";

/** One prediction line. */
export interface PredictionLine {
  id: string;
  themes: Record<string, { probability: number; decision: boolean }>;
  /** start/end are null when only the text model carried the decision (no phrase to point at). */
  soft_skills: { code_ogr: string; start: number | null; end: number | null; text: string; score: number }[];
}

const number = (x: number) => (Number.isFinite(x) ? String(x) : "null");

/**
 * The prediction line of one offer (newline included), written by hand,
 * field for field what JSON.stringify gives a PredictionLine: the themes
 * from the labels' first six probabilities and the labeller's thresholds,
 * the soft skills as found.
 */
export function predictionLine(id: string, labels: OfferLabels, thresholds: ArrayLike<number>): string {
  const p = labels.probabilities;
  let line = `{"id":${JSON.stringify(id)},"themes":{`;
  for (let c = 0; c < THEMES.length; c++) {
    line += `${c ? "," : ""}"${THEMES[c]}":{"probability":${number(p[c])},"decision":${
      p[c] >= thresholds[c]
    }}`;
  }
  line += `},"soft_skills":[`;
  labels.softSkills.forEach((s, k) => {
    line += `${k ? "," : ""}{"code_ogr":${JSON.stringify(s.code_ogr)},"start":${
      s.start === null ? "null" : number(s.start)
    },"end":${s.end === null ? "null" : number(s.end)},"text":${JSON.stringify(s.text)},"score":${
      number(s.score)
    }}`;
  });
  return line + "]}\n";
}
