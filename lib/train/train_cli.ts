/**
 * `jobs train` and `jobs predict`: the distilled theme model from the
 * command line.
 *
 * @example
 * ```ts
 * const metrics = await trainThemes({ offers: "offers.jsonl", labels: "labels.jsonl", minConfidence: 80, out: "models/themes" });
 * await predictFile({ model: "models/themes", offers: "jocas.parquet", out: "predictions.jsonl" });
 * ```
 */
import { loadOffers, scanOffers, type CorpusFormat } from "../corpus/load.ts";
import type { Offer } from "../corpus/schema.ts";
import { type LabelRecord, readLabelFile } from "../labelling/records.ts";
import { labelWithRules } from "../labelling/rules.ts";
import { THEMES } from "../labelling/taxonomy.ts";
import { crossValidate, ThemeModel, type ThemeModelOptions } from "./theme_model.ts";
import { codeCommit, loadSkillDetector, loadThemeModel, saveBulkModel, saveSkillDetector, saveThemeModel } from "./model_files.ts";
import { BulkModel, bulkTargets } from "./bulk_model.ts";
import { multilabelScores } from "../evaluate/metrics.ts";
import { foldSplits, iterativeStratifiedFolds } from "../evaluate/cv.ts";
import { crossValidateDetector, type SkillSpan, SoftSkillDetector } from "./soft_skills.ts";
import { spanScores } from "../evaluate/metrics.ts";
import { withSpans } from "../labelling/records.ts";

/** The text a theme model reads for an offer. */
export function modelText(offer: Pick<Offer, "title" | "text">): string {
  return `${offer.title}\n${offer.text}`;
}

/** Options of {@link trainThemes}. */
export interface TrainOptions extends ThemeModelOptions {
  offers: string;
  labels: string;
  out: string;
  format?: CorpusFormat;
  /** Keep labels whose overall confidence is at least this. @default 80 */
  minConfidence?: number;
  /** Cross-validation folds for the reported metrics. @default 5 */
  folds?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The labelled offers a training run uses: the labels at or above the
 * confidence filter whose offer is in the offers file, with the card's
 * data block. Fails clearly on invalid label lines or too few labels.
 */
async function trainingSet(o: TrainOptions) {
  const { offers } = await loadOffers(o.offers, { format: o.format });
  const byId = new Map(offers.map((x) => [x.id, x]));
  const { records, errors } = await readLabelFile(o.labels);
  if (errors.length) throw new Error(`${o.labels}: ${errors.length} invalid lines, first at line ${errors[0].line}: ${errors[0].message}`);
  const minConfidence = o.minConfidence ?? 80;
  const usable = records.filter((r) => r.overall_confidence >= minConfidence && byId.has(r.id));
  const missing = records.filter((r) => !byId.has(r.id)).length;
  if (usable.length < 20) throw new Error(`only ${usable.length} labelled offers with overall confidence >= ${minConfidence} match ${o.offers} (${missing} labels name offers not in the file): too few to train`);
  const data = { offers_file: o.offers, offers: offers.length, labels_file: o.labels, label_source: records[0]?.source || "labels", min_confidence: minConfidence, labels_used: usable.length };
  return { byId, records, usable, missing, data };
}

/** Trains, cross-validates and saves a theme model; returns the card's metrics. */
export async function trainThemes(o: TrainOptions) {
  const { byId, records, usable, missing, data } = await trainingSet(o);
  const texts = usable.map((r) => modelText(byId.get(r.id)!));
  const Y = usable.map((r) => THEMES.map((t) => r.themes[t] >= 50));
  const cv = crossValidate(texts, Y, { ...o, k: o.folds ?? 5 });
  const model = ThemeModel.train(texts, Y, o);
  const metrics = {
    cv_folds: cv.folds,
    f1_micro: cv.scores.micro.f1,
    f1_macro: cv.scores.macro.f1,
    per_class: Object.fromEntries(THEMES.map((t) => [t, { precision: cv.scores.perClass[t].precision, recall: cv.scores.perClass[t].recall, f1: cv.scores.perClass[t].f1, support: cv.scores.perClass[t].support }])),
  };
  await saveThemeModel(o.out, model, {
    name: o.out.split("/").pop()!,
    task: "themes",
    created: new Date().toISOString(),
    code_commit: await codeCommit(),
    data,
    hyperparameters: { ...model.options },
    metrics,
    thresholds: Object.fromEntries(THEMES.map((t, c) => [t, model.classifier.thresholds[c]])),
  });
  return { model: o.out, labels_used: usable.length, labels_skipped_low_confidence: records.length - usable.length - missing, labels_without_offer: missing, ...metrics };
}

/**
 * Trains the soft-skill detector on the labels' evidence spans (confidence
 * >= 50, located in the offer text) of records at or above the confidence
 * filter; reports span-level cross-validated scores; saves skills.json.
 */
export async function trainSoftSkills(o: TrainOptions) {
  const { byId, usable, data } = await trainingSet(o);
  let notFound = 0;
  const trainOffers = usable.map((r) => byId.get(r.id)!);
  const spans: SkillSpan[][] = usable.map((r, i) => {
    const located = withSpans(r, trainOffers[i].text);
    notFound += located.notFound;
    return located.record.soft_skills.filter((s) => s.confidence >= 50 && s.start !== null).map((s) => ({ code_ogr: s.code_ogr, start: s.start!, end: s.end! }));
  });
  const folds = o.folds ?? 5;
  const predicted = crossValidateDetector(trainOffers, spans, folds);
  const scores = spanScores(spans.map((ss) => ss.map((s) => ({ code: s.code_ogr, start: s.start, end: s.end }))), predicted.map((ps) => ps.map((s) => ({ code: s.code_ogr, start: s.start, end: s.end }))));
  const detector = SoftSkillDetector.train(trainOffers, spans);
  const metrics = { span_precision: scores.precision, span_recall: scores.recall, span_f1: scores.f1, spans: scores.support, folds };
  await saveSkillDetector(o.out, detector, {
    name: o.out.split("/").pop()!, task: "soft-skills", created: new Date().toISOString(), code_commit: await codeCommit(),
    data, hyperparameters: { ...detector.options }, metrics,
  });
  return { model: o.out, labels_used: usable.length, evidence_not_found: notFound, ...metrics };
}

/**
 * Trains the bulk labeller (word hashing + linear layer, themes and offer-
 * level soft skills) on the sure labels; reports its k-fold scores on the
 * themes and saves bulk.json + bulk.weights.f32 into the model folder.
 */
export async function trainBulk(o: TrainOptions & { bits?: number }) {
  const { byId, usable, data } = await trainingSet(o);
  const texts = usable.map((r) => modelText(byId.get(r.id)!));
  const { outputs, Y } = bulkTargets(usable, THEMES);
  const k = o.folds ?? 5;
  const options = { bits: o.bits, C: o.C, seed: o.seed };
  const predicted: boolean[][] = new Array(texts.length);
  for (const { train, test } of foldSplits(iterativeStratifiedFolds(Y, k, o.seed ?? 42), k)) {
    const fold = BulkModel.train(train.map((i) => texts[i]), train.map((i) => Y[i]), outputs, options);
    test.forEach((i) => (predicted[i] = fold.predict([texts[i]])[0]));
  }
  const themeScores = multilabelScores(Y.map((y) => y.slice(0, THEMES.length)), predicted.map((p) => p.slice(0, THEMES.length)), [...THEMES]);
  const skillScores = multilabelScores(Y.map((y) => y.slice(THEMES.length)), predicted.map((p) => p.slice(THEMES.length)), outputs.slice(THEMES.length));
  const model = BulkModel.train(texts, Y, outputs, options);
  const metrics = {
    cv_folds: k,
    f1_micro: themeScores.micro.f1,
    f1_macro: themeScores.macro.f1,
    per_class: Object.fromEntries(THEMES.map((t) => [t, themeScores.perClass[t]])),
    soft_skills_offer_f1_micro: skillScores.micro.f1,
    soft_skill_outputs: outputs.length - THEMES.length,
  };
  await saveBulkModel(o.out, model, {
    name: o.out.split("/").pop()!, task: "bulk", created: new Date().toISOString(), code_commit: await codeCommit(),
    data, hyperparameters: { ...model.options }, metrics,
    thresholds: Object.fromEntries(outputs.map((name, c) => [name, model.thresholds[c]])),
  });
  return { model: o.out, labels_used: usable.length, ...metrics };
}

/**
 * The method in one call: the offline teacher labels `offers`, its sure
 * labels (overall confidence >= 80) train a bulk model. Used where no
 * labelled file is given (the demo, stage 9).
 */
export function bulkModelFromTeacher(offers: Offer[], seed = 42): { model: BulkModel; sure: number } {
  return bulkModelFromLabels(offers, offers.map((offer) => labelWithRules(offer).record), seed);
}

/** A bulk model trained on the sure labels (overall confidence >= 80) of `records`, one per offer in the same order. */
export function bulkModelFromLabels(offers: Offer[], records: LabelRecord[], seed = 42): { model: BulkModel; sure: number } {
  if (records.length !== offers.length) throw new Error(`${records.length} label records for ${offers.length} offers`);
  const sure = offers.map((offer, i) => ({ offer, record: records[i] })).filter((x) => x.record.overall_confidence >= 80);
  if (!sure.length) throw new Error(`none of the ${offers.length} offers has a sure label (overall confidence >= 80): nothing to train the bulk model on`);
  const { outputs, Y } = bulkTargets(sure.map((x) => x.record), THEMES);
  return { model: BulkModel.train(sure.map((x) => modelText(x.offer)), Y, outputs, { seed }), sure: sure.length };
}

/** One prediction line. */
export interface PredictionLine {
  id: string;
  themes: Record<string, { probability: number; decision: boolean }>;
  soft_skills: { code_ogr: string; start: number; end: number; text: string; score: number }[];
}

/**
 * Predicts every offer of a file (streaming, batches of 2,000) and writes
 * one JSON line per offer. Soft skills come from the model folder's learnt
 * detector (skills.json) when it has one, else from the offline teacher.
 */
export async function predictFile(o: { model: string; offers: string; out?: string; format?: CorpusFormat; onProgress?: (done: number, total: number | null) => void }) {
  const { model } = await loadThemeModel(o.model);
  const skills = await loadSkillDetector(o.model);
  const { offers, report } = scanOffers(o.offers, { format: o.format });
  const sink = o.out ? await Deno.open(o.out, { write: true, create: true, truncate: true }) : null;
  const encoder = new TextEncoder();
  let batch: Offer[] = [];
  let done = 0;
  const flush = async () => {
    if (!batch.length) return;
    const probabilities = model.predictProba(batch.map(modelText));
    const lines = batch.map((offer, k): PredictionLine => ({
      id: offer.id,
      themes: Object.fromEntries(THEMES.map((t, c) => [t, { probability: probabilities[k][c], decision: probabilities[k][c] >= model.classifier.thresholds[c] }])),
      soft_skills: skills
        ? skills.detector.detect(offer).map((s) => ({ code_ogr: s.code_ogr, start: s.start, end: s.end, text: s.text, score: s.score }))
        : labelWithRules(offer).record.soft_skills.filter((s) => s.confidence >= 50)
          .map((s) => ({ code_ogr: s.code_ogr, start: s.start!, end: s.end!, text: s.evidence, score: s.confidence / 100 })),
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
