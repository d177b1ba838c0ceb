/**
 * The labelled base stage 9 analyses, made the way the method says: a
 * seeded sample of the corpus is labelled by the teacher, its sure labels
 * (overall confidence >= 80) train the bulk model, held-out offers with
 * reference labels (the generator's truth on the default corpus, the
 * teacher's otherwise) give its error rates, and `label-all` labels the
 * whole corpus. Everything is cached by content (the model is retrained
 * identically, label-all resumes), so re-running a notebook redoes nothing.
 *
 * @example
 * ```ts
 * import { prepareLabelledBase } from "./base.ts";
 * const run = await prepareLabelledBase(loadConfig(), { size: 60000 });
 * run.base.length; run.validation.errors.WORK_LIFE_BALANCE; run.summary.offers_per_second;
 * ```
 */
import type { RunConfig } from "../config.ts";
import { ensureDefaultCorpus } from "../corpus/default_corpus.ts";
import type { OfferTruth } from "../corpus/generator.ts";
import { loadOffers } from "../corpus/load.ts";
import { readTruth, truthPathOf } from "../corpus/write.ts";
import { truthRecords } from "../corpus/truth.ts";
import { labelWithRules } from "../labelling/rules.ts";
import { THEMES, type Theme } from "../labelling/taxonomy.ts";
import { codeCommit, saveBulkModel } from "../train/model_files.ts";
import { bulkModelFromTeacher, modelText } from "../train/train_cli.ts";
import { labelAll, type LabelAllSummary } from "../bulk/label_all.ts";
import { type LabelledOffer, readLabelled } from "../bulk/labelled.ts";
import { Random } from "../random.ts";
import type { ErrorCounts } from "./covid.ts";
import { monthlyShares, quarterOf } from "./series.ts";

/** Options of {@link prepareLabelledBase}. */
export interface BaseOptions {
  /** Offers of the generated base (ignored for a user's corpus). @default 60000 */
  size?: number;
  /** Offers the teacher labels (training + validation). @default 2000 */
  labelled?: number;
  /** Share of the labelled offers held out for the error rates. @default 0.25 */
  validationShare?: number;
  onProgress?: (done: number, total: number | null) => void;
}

/** The base, how it was made, and what is known of the model's errors. */
export interface LabelledBase {
  source: string;
  corpus: string;
  model: string;
  labelledDir: string;
  summary: LabelAllSummary;
  base: LabelledOffer[];
  training: { labelled: number; sure: number; outputs: number };
  validation: { offers: number; against: "truth" | "teacher"; errors: Record<Theme, ErrorCounts> };
  /** The generator's truth by offer id (generated base only). */
  truth: Map<string, OfferTruth> | null;
}

/** Builds (or finds) the labelled base; see the module doc. */
export async function prepareLabelledBase(config: RunConfig, o: BaseOptions = {}): Promise<LabelledBase> {
  const generated = config.data === "default";
  const size = o.size ?? 60_000;
  const corpus = generated ? await ensureDefaultCorpus(config, size) : config.data;
  const { offers } = await loadOffers(corpus, { format: generated ? "jocas" : config.format, sample: o.labelled ?? 2000, seed: config.seed });
  const order = new Random(config.seed + 9).shuffle(offers.map((_, i) => i));
  const cut = Math.round(order.length * (o.validationShare ?? 0.25));
  const validation = order.slice(0, cut).sort((a, b) => a - b).map((i) => offers[i]);
  const training = order.slice(cut).sort((a, b) => a - b).map((i) => offers[i]);
  const { model, sure } = bulkModelFromTeacher(training, config.seed);
  const name = generated ? `bulk-default-seed${config.seed}-n${size}` : `bulk-${corpus.split("/").pop()}-seed${config.seed}`;
  const modelDir = `${config.dataDir}/models/${name}`;
  await saveBulkModel(modelDir, model, {
    name, task: "bulk", created: new Date().toISOString().slice(0, 10), code_commit: await codeCommit(), hyperparameters: { ...model.options }, metrics: {},
    data: { offers_file: corpus, offers: offers.length, labels_file: "offline teacher (rules)", label_source: "rules", min_confidence: 80, labels_used: sure },
  });
  const labelledDir = `${config.dataDir}/labelled/${name}`;
  const label = () => labelAll({ model: modelDir, input: corpus, out: labelledDir, rowsPerPartition: 20_000, format: generated ? "jocas" : config.format, onProgress: o.onProgress });
  const summary = await label().catch(async (e) => {
    if (!/holds the output of another run/.test(e.message)) throw e;
    await Deno.remove(labelledDir, { recursive: true }); // labelled by an earlier model: label again
    return await label();
  });
  const truth = generated ? await readTruth(truthPathOf(corpus)) : null;
  const reference = truth ? truthRecords(truth, validation) : validation.map((offer) => labelWithRules(offer).record);
  const predicted = model.predict(validation.map(modelText));
  const errors = Object.fromEntries(THEMES.map((t, c) => {
    const e = { tp: 0, fp: 0, fn: 0 };
    reference.forEach((r, i) => {
      const yes = r.themes[t] >= 50, said = predicted[i][c];
      if (said && yes) e.tp++;
      else if (said) e.fp++;
      else if (yes) e.fn++;
    });
    return [t, e];
  })) as Record<Theme, ErrorCounts>;
  return {
    source: generated ? `generated default corpus (seed ${config.seed}, ${size} offers)` : corpus,
    corpus, model: modelDir, labelledDir, summary, base: await readLabelled(labelledDir),
    training: { labelled: offers.length, sure, outputs: model.outputs.length },
    validation: { offers: validation.length, against: truth ? "truth" : "teacher", errors },
    truth,
  };
}

/**
 * The planted difference of a theme's share after vs before the break on
 * these offers: the mean of the generator's probability after minus before
 * (the population quantity the analysis must recover), and the realised
 * truth difference.
 */
export function plantedDifference(base: LabelledOffer[], truth: Map<string, OfferTruth>, theme: Theme, breakMonth = "2020-03") {
  const sums = [0, 0], counts = [0, 0], realised = [0, 0];
  for (const o of base) {
    const t = truth.get(o.id);
    if (!t || !o.month) continue;
    const k = o.month >= breakMonth ? 1 : 0;
    sums[k] += t.theme_probability[theme];
    realised[k] += t.themes.includes(theme) ? 1 : 0;
    counts[k]++;
  }
  return { expected: sums[1] / counts[1] - sums[0] / counts[0], realised: realised[1] / counts[1] - realised[0] / counts[0] };
}

/**
 * The generator's truth for a theme, month by month on these offers: the
 * realised share (offers whose truth has the theme) and the planted
 * expectation (mean probability), aligned with monthlyShares' months.
 */
export function truthMonthly(base: LabelledOffer[], truth: Map<string, OfferTruth>, theme: Theme) {
  const known = base.filter((o) => truth.has(o.id));
  return {
    realised: monthlyShares(known, (o) => truth.get(o.id)!.themes.includes(theme)),
    expected: monthlyShares(known, (o) => truth.get(o.id)!.theme_probability[theme]),
  };
}

/** The planted effect by quarter (mean probability minus the reference quarter's), for the event-study plot. */
export function plantedByQuarter(base: LabelledOffer[], truth: Map<string, OfferTruth>, theme: Theme, reference: string) {
  const sums = new Map<string, { s: number; n: number }>();
  for (const o of base) {
    const t = truth.get(o.id);
    if (!t || !o.month) continue;
    const q = quarterOf(o.month);
    const c = sums.get(q) ?? { s: 0, n: 0 };
    c.s += t.theme_probability[theme];
    c.n++;
    sums.set(q, c);
  }
  const ref = sums.get(reference);
  if (!ref) throw new Error(`no offer in the reference quarter ${reference}`);
  return new Map([...sums].map(([q, c]) => [q, c.s / c.n - ref.s / ref.n]));
}
