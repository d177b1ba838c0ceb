/**
 * The bulk-labelling benchmark (`deno task bench --only bulk`): the default
 * model (`jobs train` on every reference label of ../shared: the labeller,
 * teacher + text stack and offer-level soft-skill model) and the bulk model
 * trained on the same labels, each with its occupation-grouped F1; N
 * real-length offers generated (the "jocas" length profile: median and p90
 * of a JOCAS extract) and labelled by label-all with the default model on
 * every core; where one core's time goes, phase by phase, against the floor
 * of reading the text once; and on a slice (canonical JSONL, one file a
 * worker): label-all with each model on one core and on all, `jobs predict`
 * with the default model (its decisions compared with label-all's), and the
 * scikit-learn peer of the bulk model (HashingVectorizer + the same weights)
 * in turn with it, twice each (the faster run kept). Each measured step runs
 * in its own process.
 */
import { ROOT } from "../lib/config.ts";
import { gib, type PhaseResult, runPhase } from "./_measure.ts";
import { PYTHON, pythonPeer } from "../lib/evaluate/python_peer.ts";

const f = (x: number) => Math.round(x).toLocaleString("en");
const phase = (...a: string[]) => runPhase(`${ROOT}/bench/bulk_phase.ts`, a);

/** The peer over the slice's files with `processes` processes; its decisions go to `decisions`. */
async function peer(
  model: string,
  decisions: string,
  files: string[],
  processes: number,
): Promise<PhaseResult> {
  const out = await new Deno.Command(PYTHON, {
    args: [`${ROOT}/bench/peer_bulk.py`, "--processes", String(processes), model, decisions, ...files],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error("the scikit-learn peer failed");
  return JSON.parse(new TextDecoder().decode(out.stdout).trim().split("\n").pop()!);
}

/** Runs the benchmark over `total` offers; returns the result and the README section. */
export async function benchBulk(total: number, dataDir: string, machine: string) {
  const cores = navigator.hardwareConcurrency;
  const sliceN = Math.min(100_000, total);
  const model = `${dataDir}/default-model`, bulkModel = `${model}-bulk`;
  const corpus = `${dataDir}/bulk-offers-jocas-${total}`; // real-length offers, kept between runs (resumable): generation is not what is measured
  console.error(
    `[bench] bulk: training the default model (jobs train) and the bulk model on the same labels`,
  );
  const train = await phase("train", model);
  console.error(`[bench] bulk: generating ${total} real-length offers -> ${corpus}/ (kept for the next run)`);
  const generate = await phase("generate", String(total), corpus);
  const labelled = `${dataDir}/bulk-labelled-${total}`;
  await Deno.remove(labelled, { recursive: true }).catch(() => {});
  console.error(`[bench] bulk: label-all with the default model over ${total} offers, ${cores} workers`);
  const label = await phase("label", model, corpus, labelled);
  await Deno.remove(labelled, { recursive: true }).catch(() => {});
  console.error(`[bench] bulk: where one core's time goes (20,000 offers)`);
  const profile = await phase("profile", model, corpus, String(Math.min(20_000, total)));

  const slice = `${dataDir}/bulk-slice-${sliceN}-${cores}`;
  console.error(`[bench] bulk: the ${sliceN}-offer slice as canonical JSONL in ${cores} files`);
  const sliced = await phase("slice", corpus, String(sliceN), slice, String(cores));
  const files = Array.from({ length: cores }, (_, k) => `${slice}/slice-${k}.jsonl`);
  const runs: Record<string, PhaseResult> = {};
  const keepFaster = (name: string, r: PhaseResult) => {
    if (!runs[name] || (r.offers_per_second as number) > (runs[name].offers_per_second as number)) {
      runs[name] = r;
    }
  };
  for (const workers of [1, cores]) {
    const out = `${dataDir}/bulk-slice-default-${workers}`;
    await Deno.remove(out, { recursive: true }).catch(() => {});
    console.error(`[bench] bulk: label-all with the default model on the slice, ${workers} worker(s)`);
    keepFaster(`default_${workers}`, await phase("label", model, slice, out, String(workers)));
    if (workers === 1) await Deno.remove(out, { recursive: true });
  }
  console.error(`[bench] bulk: jobs predict with the default model on the slice, ${cores} workers`);
  const predictOut = `${dataDir}/bulk-slice-predicted.jsonl`;
  keepFaster("predict", await phase("predict", model, slice, predictOut, String(cores)));
  const sameAnswers = await phase("compare", `${dataDir}/bulk-slice-default-${cores}`, predictOut);
  await Deno.remove(predictOut);
  await Deno.remove(`${dataDir}/bulk-slice-default-${cores}`, { recursive: true });
  // The bulk model and its peer in turn, each configuration twice, the faster run of each kept: a shared
  // machine's passing load then weighs on both sides alike.
  const missing = await pythonPeer(["sklearn", "numpy"], ["python3-sklearn"]);
  const decisions = `${dataDir}/bulk-peer-decisions.u8`;
  for (let round = 0; round < 2; round++) {
    for (const workers of [1, cores]) {
      const out = `${dataDir}/bulk-slice-labelled-${workers}`;
      await Deno.remove(out, { recursive: true }).catch(() => {});
      console.error(
        `[bench] bulk: label-all with the bulk model on the slice, ${workers} worker(s), round ${round + 1}`,
      );
      keepFaster(`label_${workers}`, await phase("label", bulkModel, slice, out, String(workers)));
      if (workers === 1) await Deno.remove(out, { recursive: true });
      if (!missing) {
        console.error(
          `[bench] bulk: the scikit-learn peer on the slice, ${workers} process(es), round ${round + 1}`,
        );
        keepFaster(`peer_${workers}`, await peer(bulkModel, decisions, files, workers) as PhaseResult);
      }
    }
  }
  const agreement = missing
    ? null
    : await phase("agree", `${dataDir}/bulk-slice-labelled-${cores}`, decisions, bulkModel);
  await Deno.remove(`${dataDir}/bulk-slice-labelled-${cores}`, { recursive: true }).catch(() => {});

  const rate = (r?: PhaseResult) => (r ? (r.offers_per_second as number) : NaN);
  const ratios = missing ? null : {
    equal_cores: rate(runs[`label_${cores}`]) / rate(runs[`peer_${cores}`]),
    one_core: rate(runs.label_1) / rate(runs.peer_1),
  };
  const meanChars = (sliced.chars as number) / (sliced.offers as number);
  const targets = { seconds_6m: 120, peak_rss_bytes: 2 * 2 ** 30, ratio_equal_cores: 3, disagreement: 0.005 };
  const seconds6m = (label.seconds as number) * 6_000_000 / total;
  const result = {
    benchmark: "bulk",
    date: new Date().toISOString(),
    machine,
    offers: total,
    mean_chars: meanChars,
    train,
    generate,
    label,
    profile,
    slice: {
      offers: sliceN,
      chars: sliced.chars,
      runs,
      same_answers: sameAnswers,
      agreement,
      peer_skipped: missing,
    },
    ratios,
    targets,
    seconds_for_6m: seconds6m,
    met: {
      seconds: seconds6m < targets.seconds_6m,
      peak_rss: (label.peak_rss_bytes ?? Infinity) < targets.peak_rss_bytes,
      ratio: ratios ? ratios.equal_cores >= targets.ratio_equal_cores : null,
      agreement: 1 - (sameAnswers.decision_agreement as number) <= targets.disagreement,
    },
  };
  return { result, section: section(result, cores) };
}

/** The README's table from a run. */
// deno-lint-ignore no-explicit-any
function section(r: any, cores: number): string {
  const { label, slice, profile, mean_chars: meanChars, train } = r;
  const runs = slice.runs as Record<string, PhaseResult>;
  const charRate = (offersPerSecond: number) => `${((offersPerSecond * meanChars) / 1e6).toFixed(1)} M`;
  const ci = (e: { value: number; interval: [number, number] }) =>
    `${e.value.toFixed(3)} [${e.interval[0].toFixed(3)}, ${e.interval[1].toFixed(3)}]`;
  const models = [
    `Models, trained on ${
      f(train.labels)
    } labels (${train.source}), F1 micro on folds ${train.scheme} [95 % CI]:`,
    "",
    "| model | themes (6) | soft-skill codes (16) | offers/s on the slice, 1 core | offers/s on the slice, " +
    cores + " workers |",
    "|---|---:|---:|---:|---:|",
    `| default: teacher + text stack and offer-level soft-skill model (\`jobs train\`; predict, label-all, the demo and stage 9 apply it) | ${
      ci(train.default_model.themes)
    } | ${ci(train.default_model.codes)} | ${f(runs.default_1.offers_per_second as number)} | ${
      f(runs[`default_${cores}`].offers_per_second as number)
    } |`,
    `| bulk model (word hashing + ${train.bulk_model.outputs} linear outputs; \`train --task bulk\`) | ${
      ci(train.bulk_model.themes)
    } | ${ci(train.bulk_model.codes)} | ${
      runs.label_1 ? f(runs.label_1.offers_per_second as number) : ""
    } | ${runs[`label_${cores}`] ? f(runs[`label_${cores}`].offers_per_second as number) : ""} |`,
  ].join("\n");
  const row = (what: string, x: PhaseResult | undefined, offers: number, target = "") =>
    x
      ? `| ${what} | ${f(offers)} | ${(x.seconds as number).toFixed(1)} s | ${
        f(x.offers_per_second as number)
      } | ${charRate(x.offers_per_second as number)} | ${
        x.peak_rss_bytes ? gib(x.peak_rss_bytes as number) : ""
      } | ${target} |`
      : "";
  const rows = [
    "| run | offers | time | offers/s | characters/s | peak RSS | target |",
    "|---|---:|---:|---:|---:|---:|---|",
    row(
      `label-all, default model, ${label.workers} workers, partitioned Parquet`,
      label,
      r.offers,
      `6M < 120 s (here ${f(r.seconds_for_6m)} s at this rate), < 2 GiB: ${
        r.met.seconds && r.met.peak_rss ? "met" : "NOT met"
      }`,
    ),
    row("label-all, default model, slice, 1 worker", runs.default_1, slice.offers),
    row(`label-all, default model, slice, ${cores} workers`, runs[`default_${cores}`], slice.offers),
    row(`jobs predict (JSON lines), default model, slice, ${cores} workers`, runs.predict, slice.offers),
    row("label-all, bulk model, slice, 1 worker", runs.label_1, slice.offers),
    row(`label-all, bulk model, slice, ${cores} workers`, runs[`label_${cores}`], slice.offers),
    slice.peer_skipped ? `| peer of the bulk model: skipped (${slice.peer_skipped}) | | | | | | |` : row(
      "peer of the bulk model: scikit-learn HashingVectorizer + the same weights, 1 process",
      runs.peer_1,
      slice.offers,
    ),
    slice.peer_skipped ? "" : row(
      `peer of the bulk model, ${cores} processes (multiprocessing, one file each)`,
      runs[`peer_${cores}`],
      slice.offers,
    ),
  ].filter(Boolean).join("\n");
  const same =
    `\`jobs predict\` and label-all with the default model: decisions (offers × ${slice.same_answers.outputs} outputs) identical on ${
      (100 * (slice.same_answers.decision_agreement as number)).toFixed(3)
    } % (${slice.same_answers.decisions_differing} differ; target: within 0.5 %).`;
  const ratios = r.ratios
    ? ` The bulk model against its peer (in turn, each configuration twice, the faster run kept): **${
      r.ratios.equal_cores.toFixed(2)
    }x at equal cores**, ${r.ratios.one_core.toFixed(2)}x on one core; decisions identical on ${
      (100 * (slice.agreement.decision_agreement as number)).toFixed(3)
    } %. No peer applies the default model yet (a scikit-learn copy of the teacher's patterns, the stack and the soft-skill lexicon): its ratio is not measured (target >= 3x).`
    : "";
  const p = profile as {
    offers: number;
    mean_chars: number;
    model: string;
    phases: { phase: string; seconds_per_million: number }[];
    floor: { js_pass_seconds_per_million: number; memory_copy_seconds_per_million: number };
  };
  const sum = p.phases.filter((x) => !x.phase.startsWith("  ")).reduce(
    (a, x) => a + x.seconds_per_million,
    0,
  );
  const breakdown = [
    `Where one core's time goes (${f(p.offers)} offers of ${
      Math.round(p.mean_chars)
    } characters on average, each phase alone over the output of the one before, the default model's parts each alone; seconds per million offers on one core):`,
    "",
    "| phase | s per 1M offers | share | × the floor (one JS pass over the text) |",
    "|---|---:|---:|---:|",
    ...p.phases.map((x) =>
      `| ${x.phase.trim()} | ${x.seconds_per_million.toFixed(1)} | ${
        x.phase.startsWith("  ") ? "" : `${((100 * x.seconds_per_million) / sum).toFixed(0)} %`
      } | ${(x.seconds_per_million / p.floor.js_pass_seconds_per_million).toFixed(1)} |`
    ),
    `| total | ${sum.toFixed(1)} | 100 % | ${(sum / p.floor.js_pass_seconds_per_million).toFixed(1)} |`,
    `| floor: one JavaScript pass over the text | ${p.floor.js_pass_seconds_per_million.toFixed(1)} | | 1 |`,
    `| floor: its UTF-8 bytes copied at memory speed | ${
      p.floor.memory_copy_seconds_per_million.toFixed(1)
    } | | ${(p.floor.memory_copy_seconds_per_million / p.floor.js_pass_seconds_per_million).toFixed(2)} |`,
  ].join("\n");
  return `Measured by \`deno task bench --only bulk${r.offers === 6_000_000 ? "" : ` --n ${r.offers}`}\` on ${
    r.date.slice(0, 10)
  }, ${r.machine}; real-length offers (the generator's "jocas" profile: ${
    Math.round(meanChars)
  } characters an offer on average on the slice, median and p90 those of a JOCAS extract).\n\n${models}\n\n${rows}\n\n${same}${ratios}\n\n${breakdown}\n`;
}
