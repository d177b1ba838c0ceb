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
import { loadOffers, scanOffers } from "../corpus/load.ts";
import type { CorpusFormat } from "../base/vocabulary.ts";
import { modelText, type Offer } from "../corpus/schema.ts";
import { type LabelRecord, readLabelFile } from "../labelling/records.ts";
import { labelWithRules } from "../labelling/rules.ts";
import { PRESENT, SURE, THEMES } from "../base/vocabulary.ts";
import { ThemeModel, type ThemeModelOptions } from "./theme_model.ts";
import { ThemeStack } from "./theme_stack.ts";
import { themeMatrix } from "./experiments.ts";
import { codesOf, SkillCodeModel } from "./skill_codes.ts";
import { SKILL_CODES } from "../base/vocabulary.ts";
import { exists } from "../base/files.ts";
import { codeCommit, loadSkillDetector, loadThemeModel, saveBulkModel, saveSkillDetector, saveThemeModel } from "./model_files.ts";
import { BulkModel, bulkTargets } from "./bulk_model.ts";
import { multilabelScores } from "../stats/metrics.ts";
import { foldSplits, iterativeStratifiedFolds, outOfFold, reportingFolds } from "../stats/cv.ts";
import { type SkillSpan, SoftSkillDetector } from "./soft_skills.ts";
import { spanScores } from "../stats/metrics.ts";
import { withSpans } from "../labelling/records.ts";

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

/** Which variant a task trains by default, and why (the scoreboard of `jobs evaluate` on the reference labels). */
const DEFAULT_REASON = "ranked first among the project's models and above every named peer on occupation-grouped folds by `deno task jobs evaluate`";

/**
 * Trains, cross-validates and saves a theme model — by default the
 * teacher + text stack (ThemeStack), or the text model alone with
 * `model: "text"` — and returns the card's metrics. The folds are grouped
 * by occupation when the labels span enough of them.
 */
export async function trainThemes(o: TrainOptions & { model?: "stack" | "text" }) {
  const { byId, records, usable, missing, data } = await trainingSet(o);
  const offers = usable.map((r) => byId.get(r.id)!);
  const Y = usable.map((r) => THEMES.map((t) => r.themes[t] >= PRESENT));
  const variant = o.model ?? "stack";
  if (variant !== "stack" && variant !== "text") throw new Error(`--model must be stack or text for themes, got ${variant}`);
  const fit = (rows: number[]) => variant === "stack"
    ? ThemeStack.train(rows.map((i) => offers[i]), rows.map((i) => Y[i]), o)
    : ThemeModel.train(rows.map((i) => modelText(offers[i])), rows.map((i) => Y[i]), o);
  const predict = (model: ThemeModel | ThemeStack, rows: number[]) => model instanceof ThemeStack ? model.predict(rows.map((i) => offers[i])) : model.predict(rows.map((i) => modelText(offers[i])));
  const k = o.folds ?? 5;
  const { scheme, folds } = reportingFolds(offers, Y, k, o.seed ?? 42);
  const cv = multilabelScores(Y, outOfFold(offers.length, folds, (train, test) => predict(fit(train), test)), THEMES);
  const model = fit(offers.map((_, i) => i));
  const thresholds = model instanceof ThemeStack ? model.thresholds : model.classifier.thresholds;
  const metrics = {
    cv: { folds: k, scheme },
    f1_micro: cv.micro.f1,
    f1_macro: cv.macro.f1,
    per_class: Object.fromEntries(THEMES.map((t) => [t, { precision: cv.perClass[t].precision, recall: cv.perClass[t].recall, f1: cv.perClass[t].f1, support: cv.perClass[t].support }])),
  };
  const options = model instanceof ThemeStack ? model.text.options : model.options;
  await saveThemeModel(o.out, model, {
    name: o.out.split("/").pop()!,
    task: "themes",
    created: new Date().toISOString(),
    code_commit: await codeCommit(),
    data,
    hyperparameters: { variant: variant === "stack" ? "teacher + text stack (ThemeStack)" : "TF-IDF + logistic (ThemeModel)", ...(variant === "stack" ? { why: DEFAULT_REASON } : {}), ...options },
    metrics,
    thresholds: Object.fromEntries(THEMES.map((t, c) => [t, thresholds[c]])),
  });
  return { model: o.out, variant, labels_used: usable.length, labels_skipped_low_confidence: records.length - usable.length - missing, labels_without_offer: missing, ...metrics };
}

/**
 * Trains the soft-skill model on the labels of records at or above the
 * confidence filter — by default the offer-level model (SkillCodeModel:
 * which of the 16 codes an offer asks for, with the span that carried
 * each), or the span detector with `model: "spans"` — reports cross-
 * validated offer-level code scores and span scores, and saves skills.json.
 */
export async function trainSoftSkills(o: TrainOptions & { model?: "codes" | "spans" }) {
  const { byId, usable, data } = await trainingSet(o);
  const variant = o.model ?? "codes";
  if (variant !== "codes" && variant !== "spans") throw new Error(`--model must be codes or spans for soft skills, got ${variant}`);
  let notFound = 0;
  const offers = usable.map((r) => byId.get(r.id)!);
  const located = usable.map((r, i) => {
    const l = withSpans(r, offers[i].text);
    notFound += l.notFound;
    return l.record;
  });
  const spans: SkillSpan[][] = located.map((r) => r.soft_skills.filter((s) => s.confidence >= PRESENT && s.start != null && s.end != null).map((s) => ({ code_ogr: s.code_ogr, start: s.start!, end: s.end! })));
  const fit = (rows: number[]) => variant === "codes"
    ? SkillCodeModel.train(rows.map((i) => offers[i]), rows.map((i) => located[i]), { seed: o.seed })
    : SoftSkillDetector.train(rows.map((i) => offers[i]), rows.map((i) => spans[i]), { seed: o.seed });
  const k = o.folds ?? 5;
  const truth = located.map(codesOf);
  const { scheme, folds } = reportingFolds(offers, truth, k, o.seed ?? 42);
  const found = outOfFold(offers.length, folds, (train, test) => {
    const model = fit(train);
    return test.map((i) => skillsOf(model, offers[i]));
  });
  const codes = multilabelScores(truth, found.map((list) => SKILL_CODES.map((c) => list.some((s) => s.code_ogr === c))), SKILL_CODES);
  const asScored = (list: { code_ogr: string; start: number | null; end: number | null }[]) => list.flatMap((s) => s.start != null && s.end != null ? [{ code: s.code_ogr, start: s.start, end: s.end }] : []);
  const span = spanScores(spans.map(asScored), found.map(asScored));
  const model = fit(offers.map((_, i) => i));
  const metrics = {
    cv: { folds: k, scheme },
    codes_f1_micro: codes.micro.f1, codes_precision: codes.micro.precision, codes_recall: codes.micro.recall, codes_f1_macro: codes.macro.f1,
    span_precision: span.precision, span_recall: span.recall, span_f1: span.f1, spans: span.support,
  };
  await saveSkillDetector(o.out, model, {
    name: o.out.split("/").pop()!, task: "soft-skills", created: new Date().toISOString(), code_commit: await codeCommit(), data,
    hyperparameters: variant === "codes" ? { variant: "offer-level model (SkillCodeModel)", why: DEFAULT_REASON } : { variant: "span detector (SoftSkillDetector)", ...(model as SoftSkillDetector).options },
    metrics,
  });
  return { model: o.out, variant, labels_used: usable.length, evidence_not_found: notFound, ...metrics };
}

/** The soft skills a model finds in an offer, in the prediction lines' form. */
function skillsOf(model: SoftSkillDetector | SkillCodeModel, offer: Offer): PredictionLine["soft_skills"] {
  if (model instanceof SoftSkillDetector) return model.detect(offer).map((s) => ({ code_ogr: s.code_ogr, start: s.start, end: s.end, text: s.text, score: s.score }));
  return model.predict(offer).map((d) => ({ code_ogr: d.code_ogr, start: d.start, end: d.end, text: d.start != null && d.end != null ? offer.text.slice(d.start, d.end) : "", score: d.score }));
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

/** The offers whose label is sure (overall confidence >= SURE), with their records; fails when there are fewer than `min`. */
function sureLabelled(offers: Offer[], records: LabelRecord[], what: string, min = 1): { offer: Offer; record: LabelRecord }[] {
  if (records.length !== offers.length) throw new Error(`${records.length} label records for ${offers.length} offers`);
  const sure = offers.map((offer, i) => ({ offer, record: records[i] })).filter((x) => x.record.overall_confidence >= SURE);
  if (sure.length < min) throw new Error(`${sure.length} of the ${offers.length} offers have a sure label (overall confidence >= ${SURE}): too few to train ${what} on`);
  return sure;
}

/** A bulk model trained on the sure labels (overall confidence >= 80) of `records`, one per offer in the same order. */
export function bulkModelFromLabels(offers: Offer[], records: LabelRecord[], seed = 42): { model: BulkModel; sure: number } {
  const sure = sureLabelled(offers, records, "the bulk model");
  const { outputs, Y } = bulkTargets(sure.map((x) => x.record), THEMES);
  return { model: BulkModel.train(sure.map((x) => modelText(x.offer)), Y, outputs, { seed }), sure: sure.length };
}

/** The teacher + text stack trained on the rule teacher's sure labels of `offers` (the demo's theme model). */
export function themeStackFromTeacher(offers: Offer[], seed = 42): { model: ThemeStack; sure: number } {
  const sure = sureLabelled(offers, offers.map((offer) => labelWithRules(offer).record), "the theme stack", 16);
  return { model: ThemeStack.train(sure.map((x) => x.offer), themeMatrix(sure.map((x) => x.record)), { seed }), sure: sure.length };
}

/** One prediction line. */
export interface PredictionLine {
  id: string;
  themes: Record<string, { probability: number; decision: boolean }>;
  /** start/end are null when only the text model carried the decision (no phrase to point at). */
  soft_skills: { code_ogr: string; start: number | null; end: number | null; text: string; score: number }[];
}

/**
 * Predicts every offer of a file (streaming, batches of 2,000) and writes
 * one JSON line per offer. Themes come from the folder's theme model
 * (model.json) when it has one, soft skills from its soft-skill model
 * (skills.json); what the folder lacks comes from the offline teacher. A
 * folder with neither is refused, naming the files it should hold.
 */
export async function predictFile(o: { model: string; offers: string; out?: string; format?: CorpusFormat; onProgress?: (done: number, total: number | null) => void }) {
  const hasThemes = await exists(`${o.model}/model.json`);
  const skills = await loadSkillDetector(o.model);
  if (!hasThemes && !skills) throw new Error(`${o.model} holds no model: expected model.json (jobs train --task themes) and/or skills.json (jobs train --task soft-skills)`);
  const model = hasThemes ? (await loadThemeModel(o.model)).model : null;
  const { offers, report } = scanOffers(o.offers, { format: o.format });
  const sink = o.out ? await Deno.open(o.out, { write: true, create: true, truncate: true }) : null;
  const encoder = new TextEncoder();
  let batch: Offer[] = [];
  let done = 0;
  const flush = async () => {
    if (!batch.length) return;
    const teacher = !model || !skills ? batch.map((offer) => labelWithRules(offer).record) : null;
    const probabilities = model instanceof ThemeStack ? model.predictProba(batch) : model ? model.predictProba(batch.map(modelText)) : teacher!.map((r) => THEMES.map((t) => r.themes[t] / 100));
    const thresholds = model instanceof ThemeStack ? model.thresholds : model ? model.classifier.thresholds : THEMES.map(() => 0.5);
    const lines = batch.map((offer, k): PredictionLine => ({
      id: offer.id,
      themes: Object.fromEntries(THEMES.map((t, c) => [t, { probability: probabilities[k][c], decision: probabilities[k][c] >= thresholds[c] }])),
      soft_skills: skills
        ? skillsOf(skills.detector, offer)
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
