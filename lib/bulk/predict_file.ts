/**
 * `jobs predict`: every offer of a file through a model folder, one JSON
 * line per offer. Themes come from the folder's theme model (model.json)
 * when it has one, soft skills from its soft-skill model (skills.json);
 * what the folder lacks comes from the rule teacher. A folder holding only
 * the bulk model (bulk.json) is applied the way label-all applies it, on
 * every core, partition by partition into `<out>.parts/` (a killed run
 * resumes there), the parts then joined in order. A folder with none of
 * them is refused, naming the files it should hold.
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
import { ThemeStack } from "../train/theme_stack.ts";
import { type PredictionLine, skillLines } from "./prediction_line.ts";
import { hasModel, loadModel } from "../train/model_files.ts";
import { labelAll } from "./label_all.ts";
import { labelledFiles } from "./labelled.ts";

/** Options of {@link predictFile}. */
export interface PredictOptions {
  /** Model folder. */
  model: string;
  /** Offers: any file or folder the loaders read. */
  offers: string;
  /** Output JSONL file; standard output when absent. */
  out?: string;
  format?: CorpusFormat;
  /** Worker threads of the bulk path. @default number of cores */
  workers?: number;
  onProgress?: (done: number, total: number | null) => void;
}

/** What a prediction run read, kept and set aside. */
export interface PredictReport {
  read: number;
  kept: number;
  quarantined: number;
  quarantine_reasons: Record<string, number>;
}

/** Predicts every offer of a file and writes one JSON line per offer (see the module doc). */
export async function predictFile(o: PredictOptions): Promise<PredictReport> {
  const hasThemes = await hasModel(o.model, "themes"), hasSkills = await hasModel(o.model, "soft-skills");
  if (!hasThemes && !hasSkills) {
    if (await hasModel(o.model, "bulk")) return await predictWithBulk(o);
    throw new Error(`${o.model} holds no model: expected model.json (jobs train --task themes) and/or skills.json (jobs train --task soft-skills), or bulk.json (jobs train --task bulk)`);
  }
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

/**
 * The bulk path: label-all's partitions and workers writing JSON lines into
 * `<out>.parts/` (a temporary folder for standard output), then the parts
 * copied in partition order to the output and the folder removed; records
 * set aside go to `<out>.quarantine.jsonl`.
 */
async function predictWithBulk(o: PredictOptions): Promise<PredictReport> {
  const parts = o.out ? `${o.out}.parts` : await Deno.makeTempDir({ prefix: "jobs-predict-" });
  const summary = await labelAll({ model: o.model, input: o.offers, out: parts, output: "jsonl", format: o.format, workers: o.workers, onProgress: o.onProgress });
  const sink = o.out ? await Deno.open(o.out, { write: true, create: true, truncate: true }) : null;
  try {
    for (const file of await labelledFiles(parts)) {
      const source = await Deno.open(file);
      await source.readable.pipeTo(sink ? sink.writable : Deno.stdout.writable, { preventClose: true });
    }
  } finally {
    sink?.close();
  }
  if (summary.quarantined > 0) {
    const quarantined = (await Array.fromAsync(Deno.readDir(parts))).map((e) => e.name).filter((n) => n.endsWith(".quarantine.jsonl")).sort();
    const target = `${o.out ?? "predictions"}.quarantine.jsonl`;
    await Deno.writeTextFile(target, (await Promise.all(quarantined.map((n) => Deno.readTextFile(`${parts}/${n}`)))).join(""));
    console.error(`[predict] ${summary.quarantined} malformed records set aside in ${target}`);
  }
  await Deno.remove(parts, { recursive: true });
  return { read: summary.read, kept: summary.kept, quarantined: summary.quarantined, quarantine_reasons: summary.quarantine_reasons };
}
