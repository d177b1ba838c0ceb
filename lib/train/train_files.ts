/**
 * Training from files, as `jobs train` runs it: the labels of a codebook-
 * format file at or above a confidence filter, over the offers of any file
 * the loaders read; cross-validated on folds grouped by occupation when the
 * labels span enough of them; saved with a card.
 *
 * @example
 * ```ts
 * import { trainThemes } from "./train_files.ts";
 * const metrics = await trainThemes({ offers: "offers.jsonl", labels: "labels.jsonl", minConfidence: 80, out: "models/themes" });
 * ```
 */
import {
  codesOf,
  type CorpusFormat,
  presentSpans,
  SKILL_CODES,
  SURE,
  themeMatrix,
  THEMES,
} from "../base/mod.ts";
import { loadLabelled, readLabelFile } from "../labelling/mod.ts";
import { ThemeModel, type ThemeModelOptions } from "./theme_model.ts";
import { ThemeStack } from "./theme_stack.ts";
import { type CodeDecision, SkillCodeModel } from "./skill_codes.ts";
import { SoftSkillDetector } from "./soft_skills.ts";
import { bulkMatrix, BulkModel, bulkOutputs } from "./bulk_model.ts";
import { crossValidate, type Estimator } from "./estimator.ts";
import { codeCommit, type ModelCard, saveModel } from "./model_files.ts";
import {
  asSpans,
  Bootstrap,
  iterativeStratifiedFolds,
  multilabelScores,
  reportingFolds,
  spanScores,
} from "../stats/mod.ts";

/** Options of the train functions. */
export interface TrainOptions extends Omit<ThemeModelOptions, "outputs"> {
  /** Offers: one file or folder, or several read as one corpus (an id kept the first time). */
  offers: string | string[];
  /** Label files in the codebook's format; an offer labelled in several keeps its first record. */
  labels: string | string[];
  out: string;
  format?: CorpusFormat;
  /** Keep labels whose overall confidence is at least this. @default 80 */
  minConfidence?: number;
  /** Cross-validation folds for the reported metrics. @default 5 */
  folds?: number;
  onProgress?: (done: number, total: number | null) => void;
}

const list = (x: string | string[]) => (typeof x === "string" ? [x] : x);

/**
 * The labelled offers a training run uses: the labels at or above the
 * confidence filter whose offer is in the offers files, evidence located,
 * with the card's data block. Fails clearly on invalid label lines or too
 * few labels.
 */
async function trainingSet(o: TrainOptions) {
  const minConfidence = o.minConfidence ?? SURE;
  const set = await loadLabelled(list(o.offers), list(o.labels), minConfidence);
  if (set.offers.length < 20) {
    throw new Error(
      `only ${set.offers.length} labelled offers with overall confidence >= ${minConfidence} match ${
        list(o.offers).join(", ")
      } (${set.missingOffers} labels name offers not in the files): too few to train`,
    );
  }
  const first = (await readLabelFile(list(o.labels)[0])).records[0];
  const data = {
    offers_file: list(o.offers).join(", "),
    offers: set.offersRead,
    labels_file: list(o.labels).join(", "),
    label_source: first?.source || "labels",
    min_confidence: minConfidence,
    labels_used: set.offers.length,
  };
  return { offers: set.offers, usable: set.records, set, data };
}

/** The card of a model trained by these functions. */
async function card(
  o: TrainOptions,
  task: ModelCard["task"],
  data: ModelCard["data"],
  rest: Pick<ModelCard, "hyperparameters" | "metrics" | "thresholds">,
): Promise<ModelCard> {
  return {
    name: o.out.split("/").pop()!,
    task,
    created: new Date().toISOString(),
    code_commit: await codeCommit(),
    data,
    ...rest,
  };
}

/** Which variant a task trains by default, and why (the scoreboard of `jobs evaluate` on the reference labels). */
const DEFAULT_REASON =
  "ranked first among the project's models and above every named peer on ROME-family folds of every reference label by `deno task jobs evaluate`";

/** The theme model's hyper-parameters among the options. */
const themeOptions = (o: TrainOptions) => ({
  features: o.features,
  C: o.C,
  charNgrams: o.charNgrams,
  thresholdFolds: o.thresholdFolds,
  seed: o.seed,
  bits: o.bits,
});

/**
 * Trains, cross-validates and saves a theme model — by default the
 * teacher + text stack (ThemeStack), or the text model alone with
 * `model: "text"` — and returns the card's metrics. The folds are grouped
 * by occupation when the labels span enough of them.
 */
export async function trainThemes(o: TrainOptions & { model?: "stack" | "text" }) {
  const { offers, usable, set, data } = await trainingSet(o);
  const variant = o.model ?? "stack";
  if (variant !== "stack" && variant !== "text") {
    throw new Error(`--model must be stack or text for themes, got ${variant}`);
  }
  const model: ThemeStack | ThemeModel = variant === "stack"
    ? new ThemeStack(themeOptions(o))
    : new ThemeModel(themeOptions(o));
  const Y = themeMatrix(usable);
  const k = o.folds ?? 5;
  const { scheme, folds } = reportingFolds(offers, Y, k, o.seed ?? 42);
  const predicted = (await crossValidate<boolean[]>(model, { offers, labels: usable }, folds)).predictions;
  const cv = multilabelScores(Y, predicted, THEMES);
  const boot = new Bootstrap(Y.length, 1000, o.seed ?? 42).scores(Y, predicted, THEMES);
  model.fit(offers, usable);
  const metrics = {
    cv: { folds: k, scheme },
    f1_micro: cv.micro.f1,
    f1_macro: cv.macro.f1,
    f1_micro_interval: boot.micro.f1.interval,
    f1_macro_interval: boot.macro.f1.interval,
    per_class: Object.fromEntries(
      THEMES.map((
        t,
      ) => [t, {
        precision: cv.perClass[t].precision,
        recall: cv.perClass[t].recall,
        f1: cv.perClass[t].f1,
        support: cv.perClass[t].support,
      }]),
    ),
  };
  const options = model instanceof ThemeStack ? model.text.options : model.options;
  await saveModel(
    o.out,
    model,
    await card(o, "themes", data, {
      hyperparameters: {
        variant: variant === "stack" ? "teacher + text stack (ThemeStack)" : "TF-IDF + logistic (ThemeModel)",
        ...(variant === "stack" ? { why: DEFAULT_REASON } : {}),
        ...options,
      },
      metrics,
      thresholds: Object.fromEntries(THEMES.map((t, c) => [t, model.thresholds[c]])),
    }),
  );
  return {
    model: o.out,
    variant,
    labels_used: usable.length,
    labels_skipped_low_confidence: set.belowConfidence,
    labels_without_offer: set.missingOffers,
    ...metrics,
  };
}

/**
 * Trains the soft-skill model on the labels of records at or above the
 * confidence filter — by default the offer-level model (SkillCodeModel:
 * which of the 16 codes an offer asks for, with the span that carried
 * each), or the span detector with `model: "spans"` — reports cross-
 * validated offer-level code scores and span scores, and saves skills.json.
 */
export async function trainSoftSkills(o: TrainOptions & { model?: "codes" | "spans" }) {
  const { offers, usable: located, set, data } = await trainingSet(o);
  const variant = o.model ?? "codes";
  if (variant !== "codes" && variant !== "spans") {
    throw new Error(`--model must be codes or spans for soft skills, got ${variant}`);
  }
  const model: Estimator<CodeDecision[]> & (SkillCodeModel | SoftSkillDetector) = variant === "codes"
    ? new SkillCodeModel({ seed: o.seed })
    : new SoftSkillDetector({ seed: o.seed });
  const k = o.folds ?? 5;
  const truth = located.map(codesOf);
  const { scheme, folds } = reportingFolds(offers, truth, k, o.seed ?? 42);
  const found =
    (await crossValidate<CodeDecision[]>(model, { offers, labels: located }, folds, { probabilities: false }))
      .predictions;
  const decided = found.map((list) => SKILL_CODES.map((c) => list.some((s) => s.code_ogr === c)));
  const codes = multilabelScores(truth, decided, SKILL_CODES);
  const boot = new Bootstrap(truth.length, 1000, o.seed ?? 42).scores(truth, decided, SKILL_CODES);
  const span = spanScores(located.map((r) => asSpans(presentSpans(r))), found.map(asSpans));
  model.fit(offers, located);
  const metrics = {
    cv: { folds: k, scheme },
    codes_f1_micro: codes.micro.f1,
    codes_f1_micro_interval: boot.micro.f1.interval,
    codes_precision: codes.micro.precision,
    codes_recall: codes.micro.recall,
    codes_f1_macro: codes.macro.f1,
    span_precision: span.precision,
    span_recall: span.recall,
    span_f1: span.f1,
    spans: span.support,
  };
  await saveModel(
    o.out,
    model,
    await card(o, "soft-skills", data, {
      hyperparameters: variant === "codes"
        ? { variant: "offer-level model (SkillCodeModel)", why: DEFAULT_REASON }
        : { variant: "span detector (SoftSkillDetector)", ...model.options },
      metrics,
    }),
  );
  return {
    model: o.out,
    variant,
    labels_used: located.length,
    evidence_not_found: set.evidenceNotFound,
    ...metrics,
  };
}

/**
 * What `jobs train` does by default: the model a folder stands for
 * (lib/train/labeller.ts), that `predict`, `label-all`, the demo and
 * stage 9 apply — the theme model (the teacher + text stack) and the
 * offer-level soft-skill model, trained on the same labels, each
 * cross-validated on the same occupation-grouped folds (95 % bootstrap
 * intervals on its card), saved side by side (model.json, skills.json).
 *
 * @example
 * ```ts
 * const result = await trainLabeller({ offers: ["a.jsonl", "b.jsonl"], labels: ["l1.jsonl", "l2.jsonl"], out: "models/ft" });
 * result.themes.f1_micro; result.soft_skills.codes_f1_micro;
 * ```
 */
export async function trainLabeller(o: TrainOptions) {
  const themes = await trainThemes(o);
  const soft_skills = await trainSoftSkills(o);
  return { model: o.out, themes, soft_skills };
}

/**
 * Trains the bulk labeller (word hashing + linear layer, themes and offer-
 * level soft skills) on the sure labels; reports its k-fold scores on the
 * themes and saves bulk.json + bulk.weights.f32 into the model folder.
 */
export async function trainBulk(o: TrainOptions & { bits?: number }) {
  const { offers, usable, data } = await trainingSet(o);
  const outputs = bulkOutputs(usable);
  const model = new BulkModel({ bits: o.bits, C: o.C, seed: o.seed, outputs });
  const Y = bulkMatrix(usable, outputs);
  const k = o.folds ?? 5;
  const predicted = (await crossValidate<boolean[]>(
    model,
    { offers, labels: usable },
    iterativeStratifiedFolds(Y, k, o.seed ?? 42),
  )).predictions;
  const themeScores = multilabelScores(
    Y.map((y) => y.slice(0, THEMES.length)),
    predicted.map((p) => p.slice(0, THEMES.length)),
    [...THEMES],
  );
  const skillScores = multilabelScores(
    Y.map((y) => y.slice(THEMES.length)),
    predicted.map((p) => p.slice(THEMES.length)),
    outputs.slice(THEMES.length),
  );
  const metrics = {
    cv_folds: k,
    f1_micro: themeScores.micro.f1,
    f1_macro: themeScores.macro.f1,
    per_class: Object.fromEntries(THEMES.map((t) => [t, themeScores.perClass[t]])),
    soft_skills_offer_f1_micro: skillScores.micro.f1,
    soft_skill_outputs: outputs.length - THEMES.length,
  };
  model.fit(offers, usable);
  await saveModel(
    o.out,
    model,
    await card(o, "bulk", data, {
      hyperparameters: {
        bits: model.options.bits,
        C: model.options.C,
        thresholdFolds: model.options.thresholdFolds,
        seed: model.options.seed,
      },
      metrics,
      thresholds: Object.fromEntries(outputs.map((name, c) => [name, model.thresholds[c]])),
    }),
  );
  return { model: o.out, labels_used: usable.length, ...metrics };
}
