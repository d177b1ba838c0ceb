/**
 * `jobs predict`: every offer of a file through a model folder, one JSON
 * line per offer. Themes come from the folder's theme model (model.json)
 * when it has one, soft skills from its soft-skill model (skills.json);
 * what the folder lacks comes from the rule teacher. A folder with neither
 * is refused, naming the files it should hold.
 *
 * @example
 * ```ts
 * import { predictFile } from "./predict_file.ts";
 * await predictFile({ model: "models/themes", offers: "jocas.parquet", out: "predictions.jsonl" });
 * ```
 */
import { scanOffers } from "../corpus/load.ts";
import type { Offer } from "../corpus/schema.ts";
import { type CorpusFormat, PRESENT, THEMES } from "../base/vocabulary.ts";
import { labelWithRules } from "../labelling/rules.ts";
import { ThemeStack } from "./theme_stack.ts";
import type { CodeDecision } from "./skill_codes.ts";
import { hasModel, loadModel } from "./model_files.ts";

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

/** Predicts every offer of a file (streaming, batches of 2,000) and writes one JSON line per offer (see the module doc). */
export async function predictFile(o: { model: string; offers: string; out?: string; format?: CorpusFormat; onProgress?: (done: number, total: number | null) => void }) {
  const hasThemes = await hasModel(o.model, "themes"), hasSkills = await hasModel(o.model, "soft-skills");
  if (!hasThemes && !hasSkills) throw new Error(`${o.model} holds no model: expected model.json (jobs train --task themes) and/or skills.json (jobs train --task soft-skills)`);
  const themes = hasThemes ? (await loadModel(o.model, "themes")).model : null;
  const skills = hasSkills ? (await loadModel(o.model, "soft-skills")).model : null;
  const { offers, report } = scanOffers(o.offers, { format: o.format });
  const sink = o.out ? await Deno.open(o.out, { write: true, create: true, truncate: true }) : null;
  const encoder = new TextEncoder();
  let batch: Offer[] = [];
  let done = 0;
  const flush = async () => {
    if (!batch.length) return;
    // the rule teacher's pass, once per offer, where the stack or a missing model needs it
    const teacher = !themes || !skills || themes instanceof ThemeStack ? batch.map((offer) => labelWithRules(offer).record) : null;
    const probabilities = themes instanceof ThemeStack ? themes.predictProba(batch, teacher!) : themes ? themes.predictProba(batch) : teacher!.map((r) => THEMES.map((t) => r.themes[t] / 100));
    const thresholds = themes ? themes.thresholds : THEMES.map(() => 0.5);
    const found = skills ? skills.predict(batch) : null;
    const lines = batch.map((offer, k): PredictionLine => ({
      id: offer.id,
      themes: Object.fromEntries(THEMES.map((t, c) => [t, { probability: probabilities[k][c], decision: probabilities[k][c] >= thresholds[c] }])),
      soft_skills: found
        ? skillLines(offer, found[k])
        : teacher![k].soft_skills.filter((s) => s.confidence >= PRESENT).map((s) => ({ code_ogr: s.code_ogr, start: s.start ?? null, end: s.end ?? null, text: s.evidence, score: s.confidence / 100 })),
    }));
    const text = lines.map((l) => JSON.stringify(l)).join("\n") + "\n";
    if (sink) await sink.write(encoder.encode(text));
    else await Deno.stdout.write(encoder.encode(text));
    done += batch.length;
    o.onProgress?.(done, null);
    batch = [];
  };
  try {
    for await (const offer of offers) {
      batch.push(offer);
      if (batch.length >= 2000) await flush();
    }
    await flush();
  } finally {
    sink?.close();
  }
  return report;
}
