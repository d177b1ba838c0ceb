/**
 * The labelled base stage 9 analyses, made the way the method says: a
 * seeded sample of the corpus is labelled by the best source available, its sure labels
 * (overall confidence >= 80) train the model `jobs train` makes (the
 * labeller: teacher + text stack and offer-level soft-skill model), held-out offers with
 * reference labels (the generator's truth on the default corpus, the
 * teacher's otherwise) give its error rates, and `label-all` labels the
 * whole corpus. Everything is cached by content (the model is retrained
 * identically, label-all resumes), so re-running a notebook redoes nothing.
 *
 * @example
 * ```ts
 * import { prepareLabelledBase } from "./base.ts";
 * import { loadConfig } from "../config.ts";
 * const run = await prepareLabelledBase(loadConfig(), { size: 60000 });
 * run.base.length; run.validation.errors.WORK_LIFE_BALANCE; run.summary.offers_per_second;
 * ```
 */
import type { RunConfig } from "../config.ts";
import {
  distinctTexts,
  ensureDefaultCorpus,
  loadOffers,
  nafSection,
  type Offer,
  type OfferTruth,
  readTruth,
  romeDomain,
  textHash,
  truthPathOf,
  truthRecords,
} from "../corpus/mod.ts";
import { type LabelRecord, LabelStore } from "../labelling/mod.ts";
import {
  bestLabels,
  describeSources,
  LABEL_SOURCES,
  type LabelSource,
  stratifiedHoldout,
} from "./label_sources.ts";
import {
  codesOf,
  PRESENT,
  sha256Hex,
  SKILL_CODES,
  sourceHash,
  SURE,
  type Theme,
  themeMatrix,
  THEMES,
} from "../base/mod.ts";
import { Bootstrap, type BootstrapScores, formatEstimate } from "../stats/mod.ts";
import {
  codeCommit,
  decisionsOf,
  type Labeller,
  labellerFromLabels,
  loadLabeller,
  saveLabeller,
} from "../train/mod.ts";
import { labelAll, type LabelAllSummary, type LabelledOffer, readLabelled } from "../bulk/mod.ts";
import type { ErrorCounts, PeriodErrors } from "./covid.ts";
import { monthlyShares, quarterOf } from "./series.ts";

/** Options of {@link prepareLabelledBase}. */
export interface BaseOptions {
  /** Offers of the generated base (ignored for a user's corpus). @default 60000 */
  size?: number;
  /** Offers sampled for the labels (training + validation). @default LABELLED_OFFERS (2000) */
  labelled?: number;
  /** Share of the labelled offers held out for the error rates. @default 0.25 */
  validationShare?: number;
  /** The label store whose LLM, human and reference labels come before the teacher's. @default <dataDir>/labels.sqlite */
  store?: string;
  /** Train the soft-skill model too (false: the theme stack alone, the teacher's soft skills standing in). @default true */
  skills?: boolean;
  onProgress?: (done: number, total: number | null) => void;
}

/** The base, how it was made, and what is known of the model's errors. */
export interface LabelledBase {
  source: string;
  generated: boolean;
  corpus: string;
  model: string;
  labelledDir: string;
  summary: LabelAllSummary;
  /** The labelled offers, each text once (reposts set aside: `repeated`). */
  base: LabelledOffer[];
  repeated: number;
  training: { labelled: number; sure: number; outputs: number; sources: Record<LabelSource, number> };
  validation: {
    offers: number;
    /**
     * What the error rates are measured against: the generator's truth
     * (method check), the held-out offers' independent labels (LLM, human,
     * reference; the teacher's are left out: the model learnt from it), or
     * none — no independent label yet, so the error rates are unknown.
     */
    against: "truth" | "labels" | "none";
    sources: Record<LabelSource, number> | null;
    /** One sentence for the page: what the error rates are measured against, and what to do when it is only the teacher. */
    message: string;
    errors: Record<Theme, ErrorCounts>;
    /** The same counts split at the break (2020-03) by the validation offers' dates; dateless offers count in `errors` only. */
    errorsByPeriod: Record<Theme, PeriodErrors>;
  };
  /** The generator's truth by offer id (generated base only). */
  truth: Map<string, OfferTruth> | null;
}

/** Offers of the base sampled for the run's labels (training + validation) unless told otherwise. */
export const LABELLED_OFFERS = 2000;

/** The break the validation counts are split at (the first month of the Covid period). */
export const BREAK_MONTH = "2020-03";

/**
 * The validation counts the before/after correction uses for a theme: per
 * period when each period holds at least `minPositives` offers that truly
 * carry the theme (so each precision and recall rests on something), else
 * the pooled counts; `why` says which, for the page.
 *
 * @example
 * ```ts
 * import { beforeAfter } from "./covid.ts";
 * declare const run: any; // your data
 * import type { LabelledOffer } from "../bulk/mod.ts";
 * declare const base: LabelledOffer[];
 * const { errors, why } = breakErrors(run.validation, "CAREER");
 * beforeAfter(base, { value: (o) => o.themes.CAREER, errors });
 * ```
 */
export function breakErrors(
  validation: Pick<LabelledBase["validation"], "errors" | "errorsByPeriod">,
  theme: Theme,
  minPositives = 20,
): { errors: ErrorCounts | PeriodErrors; perPeriod: boolean; why: string } {
  const { before, after } = validation.errorsByPeriod[theme];
  const positives = (e: ErrorCounts) => e.tp + e.fn;
  if (
    positives(before) >= minPositives && positives(after) >= minPositives && before.tp > 0 && after.tp > 0
  ) {
    return {
      errors: { before, after },
      perPeriod: true,
      why: `precision and recall per period (${positives(before)} and ${
        positives(after)
      } validation offers with the theme)`,
    };
  }
  return {
    errors: validation.errors[theme],
    perPeriod: false,
    why: `pooled precision and recall: ${
      positives(before)
    } validation offers with the theme before ${BREAK_MONTH}, ${
      positives(after)
    } after (fewer than ${minPositives} on a side)`,
  };
}

/**
 * The cell stage 9's composition adjustment holds fixed: NAF section ×
 * région × ROME family (the letter) × contract type, "?" where a field is
 * missing, so that a change in who posts offers, for what jobs and on what
 * contracts, is not read as a change in what offers say.
 *
 * @example
 * ```ts
 * compositionCell({ naf_section: "Q", region: "Bretagne", rome: "J1501", contract: "CDD" }); // "Q|Bretagne|J|CDD"
 * ```
 */
export function compositionCell(
  o: Pick<LabelledOffer, "naf_section" | "region" | "rome" | "contract">,
): string {
  return `${o.naf_section ?? "?"}|${o.region ?? "?"}|${romeDomain(o.rome) ?? "?"}|${
    o.contract?.trim().toUpperCase() || "?"
  }`;
}

/**
 * The bootstrap's resampling unit for an offer: its employer, so that the
 * offers of one employer are drawn together; null (drawn alone) when the
 * offer names none; each distinct text is already one repost group, since
 * reposts are set aside before the analysis.
 *
 * @example
 * ```ts
 * import { beforeAfter } from "./covid.ts";
 * import type { LabelledOffer } from "../bulk/mod.ts";
 * declare const base: LabelledOffer[];
 * beforeAfter(base, { value: (o) => o.themes.CAREER, cluster: employerCluster });
 * ```
 */
export function employerCluster(o: Pick<LabelledOffer, "employer">): string | null {
  return o.employer;
}

/** The queue of the label store (and the labelling app) holding stage 9's validation sample. */
export const VALIDATION_QUEUE = "validation";

/** The run's labelled sample: a seeded sample of the corpus with the best label of each offer, split for training and validation. */
export interface RunSample {
  generated: boolean;
  size: number;
  corpus: string;
  /** The part the model learns from, and the part held out for its error rates. */
  training: Offer[];
  validation: Offer[];
  labels: { records: LabelRecord[]; sources: LabelSource[]; counts: Record<LabelSource, number> };
  held: { records: LabelRecord[]; sources: LabelSource[]; counts: Record<LabelSource, number> };
}

/** The run's model and the sample it came from: what stage 6 shows, the demo serves and stage 9 applies. */
export interface RunModel extends RunSample {
  /** The model folder (model.json, skills.json and their cards). */
  dir: string;
  labeller: Labeller;
  sure: number;
  /** Whether this call trained the model (false: the folder already held the one these labels and this code make). */
  trained: boolean;
}

/**
 * The run's labelled sample (see {@link RunSample}): a seeded sample of
 * `labelled` distinct texts of the corpus (the generated base of `size`
 * offers by default), the best label of each (LLM, human, reference, then
 * the rule teacher), a stratified share (year × NAF section) held out.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * const sample = await runSample(loadConfig(), { size: 60000 });
 * sample.training.length; sample.labels.counts; // { llm: 0, human: 0, reference: 0, teacher: 1495 }
 * ```
 */
export async function runSample(
  config: RunConfig,
  o: Omit<BaseOptions, "onProgress" | "skills"> = {},
): Promise<RunSample> {
  const generated = config.data === "default";
  const size = o.size ?? 60_000;
  const corpus = generated ? await ensureDefaultCorpus(config, size) : config.data;
  const loaded = (await loadOffers(corpus, {
    format: generated ? "jocas" : config.format,
    sample: o.labelled ?? LABELLED_OFFERS,
    seed: config.seed,
  })).offers;
  const offers = distinctTexts(loaded, (x) => textHash(x.text)).items;
  const { holdout: validation, rest: training } = stratifiedHoldout(
    offers,
    (x) => `${x.date?.slice(0, 4) ?? "?"}|${nafSection(x.naf) ?? "?"}`,
    o.validationShare ?? 0.25,
    config.seed + 9,
  );
  await Deno.mkdir(config.dataDir, { recursive: true });
  const store = LabelStore.open(o.store ?? `${config.dataDir}/labels.sqlite`);
  let best: ReturnType<typeof bestLabels>;
  try {
    best = bestLabels([...training, ...validation], store); // the store's sets read once
  } finally {
    store.close();
  }
  const split = (from: number, to: number) => {
    const counts = Object.fromEntries(LABEL_SOURCES.map((s) => [s, 0])) as Record<LabelSource, number>;
    best.sources.slice(from, to).forEach((s) => counts[s]++);
    return { records: best.records.slice(from, to), sources: best.sources.slice(from, to), counts };
  };
  return {
    generated,
    size,
    corpus,
    training,
    validation,
    labels: split(0, training.length),
    held: split(training.length, best.records.length),
  };
}

/**
 * The run's model, trained the way `jobs train` trains (the labeller) on
 * the sure labels of a seeded sample of the corpus — the best label of each
 * offer (LLM, human, reference, then the rule teacher) — with a stratified
 * part held out for its error rates. Kept in `<dataDir>/models/` under a
 * fingerprint of its training labels and of the library's code: a call
 * with the same inputs loads it instead of training it again.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * const model = await prepareRunModel(loadConfig(), { size: 60000 });
 * model.dir; // data/models/labeller-default-seed42-n60000
 * ```
 */
export async function prepareRunModel(
  config: RunConfig,
  o: Omit<BaseOptions, "onProgress"> = {},
): Promise<RunModel> {
  const sample = await runSample(config, o);
  const { generated, size, corpus, training, labels } = sample;
  const skills = o.skills !== false;
  const name = `labeller${skills ? "" : "-themes"}-${
    generated ? `default-seed${config.seed}-n${size}` : `${corpus.split("/").pop()}-seed${config.seed}`
  }`;
  const dir = `${config.dataDir}/models/${name}`;
  const fingerprint = await sha256Hex(
    JSON.stringify({
      ids: training.map((x) => x.id),
      labels: labels.records,
      seed: config.seed,
      skills,
      code: await sourceHash(new URL("..", import.meta.url).pathname),
    }),
  );
  const saved = await loadLabeller(dir).catch(() => null);
  const sure = labels.records.filter((r) => r.overall_confidence >= SURE).length;
  if (
    saved && saved.cards.themes?.hyperparameters.training_fingerprint === fingerprint &&
    Boolean(saved.cards.skills) === skills
  ) {
    return { ...sample, dir, labeller: saved.labeller, sure, trained: false };
  }
  const trained = labellerFromLabels(training, labels.records, config.seed, { skills });
  await saveLabeller(dir, trained, {
    name,
    created: new Date().toISOString().slice(0, 10),
    code_commit: await codeCommit(),
    hyperparameters: { seed: config.seed, training_fingerprint: fingerprint },
    metrics: {},
    data: {
      offers_file: corpus,
      offers: training.length,
      labels_file: `best available (${describeSources(labels.counts)})`,
      label_source: labels.counts.teacher === training.length ? "rules" : "mixed",
      min_confidence: SURE,
      labels_used: trained.sure,
    },
  });
  return { ...sample, dir, labeller: trained.labeller, sure: trained.sure, trained: true };
}

/** The run's model on its held-out offers (see {@link heldOutScores}). */
export interface HeldOutScores {
  /** What the answers are scored against. */
  against: "the generator's planted truth" | "independent labels (LLM, human, reference)";
  offers: number;
  themes: BootstrapScores;
  codes: BootstrapScores;
}

/**
 * The run's model on the offers held out of its training: themes and
 * soft-skill codes F1 with 95 % bootstrap intervals, against the
 * generator's truth on the default corpus, else against the held-out
 * offers' independent labels; null when there are none (only the rule
 * teacher's, which taught the model).
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * const config = loadConfig();
 * const scores = await heldOutScores(await prepareRunModel(config, { size: config.baseSize }), config.seed);
 * scores?.themes.micro.f1; // { value, interval }
 * ```
 */
export async function heldOutScores(run: RunModel, seed = 42): Promise<HeldOutScores | null> {
  const truth = run.generated ? await readTruth(truthPathOf(run.corpus)) : null;
  const keep = run.validation.flatMap((_, i) => truth || run.held.sources[i] !== "teacher" ? [i] : []);
  if (!keep.length) return null;
  const reference = truth
    ? truthRecords(truth, keep.map((i) => run.validation[i]))
    : keep.map((i) => run.held.records[i]);
  const decided = keep.map((i) => decisionsOf(run.labeller, run.validation[i]));
  const boot = new Bootstrap(keep.length, 1000, seed);
  return {
    against: truth ? "the generator's planted truth" : "independent labels (LLM, human, reference)",
    offers: keep.length,
    themes: boot.scores(themeMatrix(reference), decided.map((d) => d.themes), THEMES),
    codes: boot.scores(reference.map(codesOf), decided.map((d) => d.codes), SKILL_CODES),
  };
}

/**
 * The rows of a table of {@link heldOutScores}: themes and soft-skill codes,
 * F1 micro and macro with their 95 % intervals.
 *
 * @example
 * ```ts
 * import { table } from "../report/mod.ts";
 * declare const scores: any; // your data
 * table(heldOutRows(scores)); // [{ task: "themes (6)", "F1 micro": "0.912 [0.897, 0.926]", ... }, ...]
 * ```
 */
export function heldOutRows(h: HeldOutScores): Record<string, string | number>[] {
  const row = (task: string, s: BootstrapScores) => ({
    task,
    offers: h.offers,
    "F1 micro": formatEstimate(s.micro.f1),
    "F1 macro": formatEstimate(s.macro.f1),
    precision: s.micro.precision.value,
    recall: s.micro.recall.value,
  });
  return [row("themes (6)", h.themes), row("soft-skill codes (16)", h.codes)];
}

/** Builds (or finds) the labelled base; see the module doc. */
export async function prepareLabelledBase(config: RunConfig, o: BaseOptions = {}): Promise<LabelledBase> {
  const run = await prepareRunModel(config, o);
  const {
    generated,
    size,
    corpus,
    dir: modelDir,
    labeller: model,
    training,
    validation,
    labels,
    held,
    sure,
  } = run;
  if (!generated) {
    const store = LabelStore.open(o.store ?? `${config.dataDir}/labels.sqlite`);
    try {
      store.upsertOffers(validation);
      for (const x of validation) {
        store.enqueueReview(x.id, VALIDATION_QUEUE, "stage-9 validation sample", "stage 9");
      }
    } finally {
      store.close();
    }
  }
  const name = modelDir.split("/").pop()!;
  const labelledDir = `${config.dataDir}/labelled/${name}`;
  const label = () =>
    labelAll({
      model: modelDir,
      input: corpus,
      out: labelledDir,
      rowsPerPartition: 20_000,
      format: generated ? "jocas" : config.format,
      onProgress: o.onProgress,
    });
  const summary = await label().catch(async (e) => {
    if (!/holds the output of another run/.test(e.message)) throw e;
    await Deno.remove(labelledDir, { recursive: true }); // labelled by an earlier model or version: label again
    return await label();
  });
  const truth = generated ? await readTruth(truthPathOf(corpus)) : null;
  const reference = truth ? truthRecords(truth, validation) : held.records;
  // only independent labels measure errors: the teacher taught the model, it cannot judge it
  const independent = truth ? validation.map(() => true) : held.sources.map((s) => s !== "teacher");
  const predicted = validation.map((x) => decisionsOf(model, x).themes);
  const months = validation.map((x) => x.date?.slice(0, 7) ?? null);
  const count = (c: number, keep: (i: number) => boolean): ErrorCounts => {
    const e = { tp: 0, fp: 0, fn: 0 };
    reference.forEach((r, i) => {
      if (!independent[i] || !keep(i)) return;
      const yes = r.themes[THEMES[c]] >= PRESENT, said = predicted[i][c];
      if (said && yes) e.tp++;
      else if (said) e.fp++;
      else if (yes) e.fn++;
    });
    return e;
  };
  const errors = Object.fromEntries(THEMES.map((t, c) => [t, count(c, () => true)])) as Record<
    Theme,
    ErrorCounts
  >;
  const errorsByPeriod = Object.fromEntries(THEMES.map((t, c) => [t, {
    before: count(c, (i) => months[i] !== null && months[i]! < BREAK_MONTH),
    after: count(c, (i) => months[i] !== null && months[i]! >= BREAK_MONTH),
  }])) as Record<Theme, PeriodErrors>;
  const { items: base, repeated } = distinctTexts(await readLabelled(labelledDir), (x) => x.text_hash);
  return {
    source: generated ? `generated default corpus (seed ${config.seed}, ${size} offers)` : corpus,
    generated,
    corpus,
    model: modelDir,
    labelledDir,
    summary,
    base,
    repeated,
    training: { labelled: training.length, sure, outputs: model.outputs.length, sources: labels.counts },
    validation: {
      offers: validation.length,
      against: truth ? "truth" : independent.some(Boolean) ? "labels" : "none",
      sources: truth ? null : held.counts,
      message: validationMessage(validation.length, truth ? null : held.counts),
      errors,
      errorsByPeriod,
    },
    truth,
  };
}

/**
 * The sentence a reading ends with: what the base's labels rest on.
 *
 * @example
 * ```ts
 * declare const run: any; // your data
 * baseLimits(run); // "Limits: the model learnt from 1,204 sure labels of 1,500 offers (1,500 rule teacher); ..."
 * ```
 */
export function baseLimits(run: Pick<LabelledBase, "training" | "validation" | "repeated">): string {
  const v = run.validation;
  const errors = v.against === "truth"
    ? `its error rates come from ${
      v.offers.toLocaleString("en")
    } held-out offers against the generator's planted truth`
    : v.against === "labels"
    ? `its error rates come from the ${(v.offers - v.sources!.teacher).toLocaleString("en")} of ${
      v.offers.toLocaleString("en")
    } held-out offers with independent labels (${describeSources({ ...v.sources!, teacher: 0 })})`
    : `its error rates are unknown: none of the ${
      v.offers.toLocaleString("en")
    } held-out offers has a label independent of the rule teacher it learnt from, so no share is corrected`;
  return `Limits: the model (teacher + text stack and soft-skill model, as \`jobs train\` makes them) learnt from ${
    run.training.sure.toLocaleString("en")
  } sure labels of ${run.training.labelled.toLocaleString("en")} offers ` +
    `(${describeSources(run.training.sources)}); ${errors}; ${
      run.repeated.toLocaleString("en")
    } reposts were counted once.`;
}

/** What the error rates are measured against, and, while no independent label exists, the commands that make them. */
export function validationMessage(offers: number, sources: Record<LabelSource, number> | null): string {
  if (!sources) {
    return `Error rates measured on ${offers} held-out offers against the generator's planted truth (method check).`;
  }
  const labelIt =
    `To label the sample: set JOBS_LLM_MODEL (and JOBS_LLM_BASE_URL) and run stage 5 again, or open the labelling app ` +
    `(./task app) on the queue "${VALIDATION_QUEUE}", which holds these ${offers} offers; then rerun this notebook.`;
  if (sources.teacher >= offers) {
    return `Error rates unknown: the ${offers} offers of the stratified validation sample (year × sector) have no LLM, human or reference label yet, ` +
      `and the rule teacher cannot judge a model it taught, so no share below is corrected. ${labelIt}`;
  }
  const independent = offers - sources.teacher;
  return `Error rates measured on the ${independent} offers of the stratified validation sample of ${offers} (year × sector) with independent labels ` +
    `(${describeSources({ ...sources, teacher: 0 })})` +
    (sources.teacher
      ? `; the other ${sources.teacher} have only the rule teacher's, which cannot judge a model it taught. ${labelIt}`
      : ".");
}

/**
 * The planted difference of a theme's share after vs before the break on
 * these offers: the mean of the generator's probability after minus before
 * (the population quantity the analysis must recover), and the realised
 * truth difference.
 */
export function plantedDifference(
  base: LabelledOffer[],
  truth: Map<string, OfferTruth>,
  theme: Theme,
  breakMonth = "2020-03",
) {
  const sums = [0, 0], counts = [0, 0], realised = [0, 0];
  for (const o of base) {
    const t = truth.get(o.id);
    if (!t || !o.month) continue;
    const k = o.month >= breakMonth ? 1 : 0;
    sums[k] += t.theme_probability[theme];
    realised[k] += t.themes.includes(theme) ? 1 : 0;
    counts[k]++;
  }
  return {
    expected: sums[1] / counts[1] - sums[0] / counts[0],
    realised: realised[1] / counts[1] - realised[0] / counts[0],
  };
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
export function plantedByQuarter(
  base: LabelledOffer[],
  truth: Map<string, OfferTruth>,
  theme: Theme,
  reference: string,
) {
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
