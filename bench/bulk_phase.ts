/**
 * Phases of the bulk-labelling benchmark, each in its own process (so its
 * peak RSS is its own). Prints a JSON PhaseResult as its last line.
 *   train <model dir>                       the default model (jobs train: the labeller) on every reference label of ../shared
 *                                           (else on 2,000 generated offers' sure rule labels) into <dir>, and the bulk
 *                                           model on the same labels into <dir>-bulk; each model's occupation-grouped F1
 *   compare <labelled> <predicted.jsonl>    share of (offer, output) decisions on which label-all and predict agree
 *   generate <n> <folder>                   the corpus (partitioned Parquet, resumable)
 *   label <model> <input> <out> [workers]   label-all, all cores (or that many workers)
 *   predict <model> <input> <out> [workers] jobs predict: JSON lines, same workers
 *   slice <input> <n> <folder> [files]      the first n offers as canonical JSONL (id, title, text), two files (or that many); their characters
 *   agree <labelled> <decisions> <model>    share of (offer, output) decisions on which label-all and the peer agree
 *   profile <model> <corpus> <n>            where one core's time goes, phase by phase, over the first n offers
 */
import { writeGeneratedCorpus } from "../lib/corpus/write.ts";
import { loadOffers, scanOffers } from "../lib/corpus/load.ts";
import { labelWithRules } from "../lib/labelling/rules.ts";
import { SKILL_CODES, THEMES } from "../lib/base/vocabulary.ts";
import { bulkMatrix, BulkModel, bulkOutputs } from "../lib/train/bulk_model.ts";
import { trainLabeller } from "../lib/train/train_files.ts";
import { crossValidate } from "../lib/train/estimator.ts";
import { allReferenceFiles, loadLabelled } from "../lib/labelling/reference.ts";
import { loadConfig } from "../lib/config.ts";
import { reportingFolds } from "../lib/stats/cv.ts";
import { Bootstrap } from "../lib/stats/bootstrap.ts";
import { codesOf } from "../lib/base/labels.ts";
import type { Offer } from "../lib/corpus/schema.ts";
import type { LabelRecord } from "../lib/labelling/records.ts";
import type { PredictionLine } from "../lib/bulk/prediction_line.ts";
import { codeCommit, loadModel, saveModel } from "../lib/train/model_files.ts";
import { sureLabelled } from "../lib/train/distil.ts";
import { labelAll } from "../lib/bulk/label_all.ts";
import { predictFile } from "../lib/bulk/predict_file.ts";
import { readLabelled } from "../lib/bulk/labelled.ts";
import { progressBar } from "../lib/cli/progress.ts";
import { peakRss } from "./_measure.ts";
import { profileBulk } from "./bulk_profile.ts";

const [phase, ...args] = Deno.args;
const started = performance.now();
const done = (figures: Record<string, unknown>) => {
  console.log(
    JSON.stringify({
      phase,
      seconds: (performance.now() - started) / 1000,
      peak_rss_bytes: peakRss(),
      ...figures,
    }),
  );
};

if (phase === "train") {
  const dir = args[0];
  const reference = allReferenceFiles(loadConfig());
  let set: { offers: Offer[]; labels: LabelRecord[]; source: string };
  let labeller;
  if (reference) {
    labeller = await trainLabeller({ offers: reference.offers, labels: reference.labels, out: dir });
    const loaded = await loadLabelled(reference.offers, reference.labels, 80);
    set = {
      offers: loaded.offers,
      labels: loaded.records,
      source: `every reference label of ../shared with confidence >= 80 (${
        reference.labels.map((f) => f.split("/").pop()).join(", ")
      })`,
    };
  } else {
    await writeGeneratedCorpus({ n: 2000, seed: 11, out: `${dir}-train.parquet` });
    const { offers } = await loadOffers(`${dir}-train.parquet`);
    const sure = sureLabelled(offers, offers.map((o) => labelWithRules(o).record), "the bench's models");
    set = {
      offers: sure.offers,
      labels: sure.labels,
      source: "the rule teacher's sure labels of 2,000 generated offers (../shared absent)",
    };
    await Deno.writeTextFile(
      `${dir}-train.labels.jsonl`,
      sure.labels.map((r) => JSON.stringify(r)).join("\n") + "\n",
    );
    labeller = await trainLabeller({
      offers: `${dir}-train.parquet`,
      labels: `${dir}-train.labels.jsonl`,
      out: dir,
    });
  }
  // the bulk model on the same labels and the same occupation-grouped folds, for its F1 beside the default's
  const outputs = bulkOutputs(set.labels);
  const Y = bulkMatrix(set.labels, outputs);
  const { scheme, folds } = reportingFolds(set.offers, Y, 5, 42);
  const predicted = (await crossValidate<boolean[]>(new BulkModel({ bits: 18, outputs }), {
    offers: set.offers,
    labels: set.labels,
  }, folds)).predictions;
  const boot = new Bootstrap(set.offers.length, 1000, 42);
  const themes = boot.scores(
    Y.map((y) => y.slice(0, THEMES.length)),
    predicted.map((p) => p.slice(0, THEMES.length)),
    THEMES,
  );
  const codes = boot.scores(
    set.labels.map(codesOf),
    predicted.map((p) => SKILL_CODES.map((c) => p[outputs.indexOf(`skill:${c}`)] ?? false)),
    SKILL_CODES,
  );
  const bulk = new BulkModel({ bits: 18, outputs }).fit(set.offers, set.labels);
  await saveModel(`${dir}-bulk`, bulk, {
    name: "bench-bulk",
    task: "bulk",
    created: new Date().toISOString(),
    code_commit: await codeCommit(),
    hyperparameters: { ...bulk.options },
    metrics: { scheme, f1_micro: themes.micro.f1, codes_f1_micro: codes.micro.f1 },
    data: {
      offers_file: "bench",
      offers: set.offers.length,
      labels_file: set.source,
      label_source: "labels",
      min_confidence: 80,
      labels_used: set.offers.length,
    },
  });
  const interval = (e: { value: number; interval: [number, number] }) => ({
    value: e.value,
    interval: e.interval,
  });
  done({
    labels: set.offers.length,
    source: set.source,
    scheme,
    default_model: {
      themes: { value: labeller.themes.f1_micro, interval: labeller.themes.f1_micro_interval },
      codes: {
        value: labeller.soft_skills.codes_f1_micro,
        interval: labeller.soft_skills.codes_f1_micro_interval,
      },
    },
    bulk_model: {
      outputs: outputs.length,
      themes: interval(themes.micro.f1),
      codes: interval(codes.micro.f1),
    },
  });
} else if (phase === "generate") {
  await writeGeneratedCorpus({
    n: Number(args[0]),
    seed: 2026,
    out: args[1],
    chunk: 100_000,
    lengths: "jocas",
    onProgress: progressBar("generate"),
  });
  done({ offers: Number(args[0]) });
} else if (phase === "label") {
  const [model, input, out, workers] = args;
  const w = workers ? Number(workers) : navigator.hardwareConcurrency;
  const summary = await labelAll({ model, input, out, workers: w, onProgress: progressBar("label-all") });
  done({
    offers: summary.read,
    offers_per_second: summary.read / ((performance.now() - started) / 1000),
    quarantined: summary.quarantined,
    workers: w,
  });
} else if (phase === "predict") {
  const [model, input, out, workers] = args;
  const w = workers ? Number(workers) : navigator.hardwareConcurrency;
  const report = await predictFile({
    model,
    offers: input,
    out,
    workers: w,
    onProgress: progressBar("predict"),
  });
  done({
    offers: report.read,
    offers_per_second: report.read / ((performance.now() - started) / 1000),
    workers: w,
    bytes: (await Deno.stat(out)).size,
  });
} else if (phase === "slice") {
  const [input, n, folder, count] = [args[0], Number(args[1]), args[2], Number(args[3] ?? 2)];
  await Deno.mkdir(folder, { recursive: true });
  const files = Array.from(
    { length: count },
    (_, k) => Deno.openSync(`${folder}/slice-${k}.jsonl`, { write: true, create: true, truncate: true }),
  );
  const encoder = new TextEncoder();
  let i = 0, chars = 0;
  for await (const o of scanOffers(input).offers) {
    if (i >= n) break;
    files[Math.floor((i * count) / n)].writeSync(
      encoder.encode(JSON.stringify({ id: o.id, title: o.title, text: o.text }) + "\n"),
    );
    chars += o.title.length + 1 + o.text.length;
    i++;
  }
  files.forEach((f) => f.close());
  done({ offers: i, chars, files: count });
} else if (phase === "agree") {
  const [labelled, decisions, modelDir] = args;
  const { model } = await loadModel(modelDir, "bulk");
  const base = await readLabelled(labelled);
  const peer = await Deno.readFile(decisions);
  const C = model.outputs.length;
  if (peer.length !== base.length * C) {
    throw new Error(`peer wrote ${peer.length / C} offers, label-all ${base.length}`);
  }
  let differ = 0, offersDiffering = 0;
  base.forEach((o, i) => {
    const skills = new Set(o.soft_skills);
    let any = false;
    model.outputs.forEach((name, c) => {
      const ours = c < THEMES.length ? o.themes[THEMES[c]] : skills.has(name.slice("skill:".length));
      if (ours !== (peer[i * C + c] === 1)) {
        differ++;
        any = true;
      }
    });
    if (any) offersDiffering++;
  });
  done({
    offers: base.length,
    outputs: C,
    decisions_differing: differ,
    decision_agreement: 1 - differ / (base.length * C),
    offers_with_any_difference: offersDiffering,
  });
} else if (phase === "compare") {
  const [labelled, predictedFile] = args;
  const base = await readLabelled(labelled);
  const lines = (await Deno.readTextFile(predictedFile)).trimEnd().split("\n").map((l) =>
    JSON.parse(l) as PredictionLine
  );
  if (lines.length !== base.length) {
    throw new Error(`predict wrote ${lines.length} lines, label-all ${base.length} rows`);
  }
  let differ = 0;
  base.forEach((o, i) => {
    const found = new Set(lines[i].soft_skills.map((s) => s.code_ogr)), ours = new Set(o.soft_skills);
    THEMES.forEach((t) => (differ += o.themes[t] === lines[i].themes[t].decision ? 0 : 1));
    SKILL_CODES.forEach((c) => (differ += ours.has(c) === found.has(c) ? 0 : 1));
  });
  const outputs = THEMES.length + SKILL_CODES.length;
  done({
    offers: base.length,
    outputs,
    decisions_differing: differ,
    decision_agreement: 1 - differ / (base.length * outputs),
  });
} else if (phase === "profile") {
  const [modelDir, corpus, n] = args;
  done(await profileBulk(modelDir, corpus, Number(n)));
} else {
  console.error("usage: bulk_phase.ts train|generate|label|slice|agree|profile ...");
  Deno.exit(2);
}
