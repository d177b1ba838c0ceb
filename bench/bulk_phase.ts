/**
 * Phases of the bulk-labelling benchmark, each in its own process (so its
 * peak RSS is its own). Prints a JSON PhaseResult as its last line.
 *   train <model dir>                       the bulk model on 2,000 generated offers' sure rule labels
 *   generate <n> <folder>                   the corpus (partitioned Parquet, resumable)
 *   label <model> <input> <out> [workers]   label-all, all cores (or that many workers)
 *   predict <model> <input> <out> [workers] jobs predict with a bulk-only model folder: JSON lines, same workers
 *   slice <input> <n> <folder> [files]      the first n offers as canonical JSONL (id, title, text), two files (or that many); their characters
 *   agree <labelled> <decisions> <model>    share of (offer, output) decisions on which label-all and the peer agree
 *   profile <model> <corpus> <n>            where one core's time goes, phase by phase, over the first n offers
 */
import { writeGeneratedCorpus } from "../lib/corpus/write.ts";
import { loadOffers, scanOffers } from "../lib/corpus/load.ts";
import { labelWithRules } from "../lib/labelling/rules.ts";
import { THEMES } from "../lib/base/vocabulary.ts";
import { BulkModel } from "../lib/train/bulk_model.ts";
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
  console.log(JSON.stringify({ phase, seconds: (performance.now() - started) / 1000, peak_rss_bytes: peakRss(), ...figures }));
};

if (phase === "train") {
  const dir = args[0];
  await writeGeneratedCorpus({ n: 2000, seed: 11, out: `${dir}-train.parquet` });
  const { offers } = await loadOffers(`${dir}-train.parquet`);
  const sure = sureLabelled(offers, offers.map((o) => labelWithRules(o).record), "the bench's bulk model");
  const model = new BulkModel({ bits: 18 }).fit(sure.offers, sure.labels);
  await saveModel(dir, model, {
    name: "bench-bulk", task: "bulk", created: new Date().toISOString(), code_commit: await codeCommit(), hyperparameters: { ...model.options }, metrics: {},
    data: { offers_file: `${dir}-train.parquet`, offers: offers.length, labels_file: "rules (offline teacher)", label_source: "rules", min_confidence: 80, labels_used: sure.offers.length },
  });
  done({ labels: sure.offers.length, outputs: model.outputs.length });
} else if (phase === "generate") {
  await writeGeneratedCorpus({ n: Number(args[0]), seed: 2026, out: args[1], chunk: 100_000, lengths: "jocas", onProgress: progressBar("generate") });
  done({ offers: Number(args[0]) });
} else if (phase === "label") {
  const [model, input, out, workers] = args;
  const w = workers ? Number(workers) : navigator.hardwareConcurrency;
  const summary = await labelAll({ model, input, out, workers: w, onProgress: progressBar("label-all") });
  done({ offers: summary.read, offers_per_second: summary.read / ((performance.now() - started) / 1000), quarantined: summary.quarantined, workers: w });
} else if (phase === "predict") {
  const [model, input, out, workers] = args;
  const w = workers ? Number(workers) : navigator.hardwareConcurrency;
  const report = await predictFile({ model, offers: input, out, workers: w, onProgress: progressBar("predict") });
  done({ offers: report.read, offers_per_second: report.read / ((performance.now() - started) / 1000), workers: w, bytes: (await Deno.stat(out)).size });
} else if (phase === "slice") {
  const [input, n, folder, count] = [args[0], Number(args[1]), args[2], Number(args[3] ?? 2)];
  await Deno.mkdir(folder, { recursive: true });
  const files = Array.from({ length: count }, (_, k) => Deno.openSync(`${folder}/slice-${k}.jsonl`, { write: true, create: true, truncate: true }));
  const encoder = new TextEncoder();
  let i = 0, chars = 0;
  for await (const o of scanOffers(input).offers) {
    if (i >= n) break;
    files[Math.floor((i * count) / n)].writeSync(encoder.encode(JSON.stringify({ id: o.id, title: o.title, text: o.text }) + "\n"));
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
  if (peer.length !== base.length * C) throw new Error(`peer wrote ${peer.length / C} offers, label-all ${base.length}`);
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
  done({ offers: base.length, outputs: C, decisions_differing: differ, decision_agreement: 1 - differ / (base.length * C), offers_with_any_difference: offersDiffering });
} else if (phase === "profile") {
  const [modelDir, corpus, n] = args;
  const { model } = await loadModel(modelDir, "bulk");
  done(await profileBulk(model, corpus, Number(n)));
} else {
  console.error("usage: bulk_phase.ts train|generate|label|slice|agree|profile ...");
  Deno.exit(2);
}
