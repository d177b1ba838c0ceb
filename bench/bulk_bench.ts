/**
 * The bulk-labelling benchmark (`deno task bench --only bulk`): the bulk
 * model trained on the rule teacher's sure labels, N real-length offers
 * generated (the "jocas" length profile: median and p90 of a JOCAS
 * extract), labelled by label-all on every core; where one core's time goes,
 * phase by phase, against the floor of reading the text once; and on a
 * 500,000-offer slice (canonical JSONL, one file a worker), label-all, `jobs
 * predict` and the scikit-learn peer (HashingVectorizer + the same weights)
 * with one core each and with as many processes as label-all has workers,
 * in turn and twice each (the faster run kept), decision by decision
 * compared. Each measured step runs in its own process.
 */
import { ROOT } from "../lib/config.ts";
import { gib, type PhaseResult, runPhase } from "./_measure.ts";
import { PYTHON, pythonPeer } from "../lib/evaluate/python_peer.ts";

const f = (x: number) => Math.round(x).toLocaleString("en");
const phase = (...a: string[]) => runPhase(`${ROOT}/bench/bulk_phase.ts`, a);

/** The peer over the slice's files with `processes` processes; its decisions go to `decisions`. */
async function peer(model: string, decisions: string, files: string[], processes: number): Promise<PhaseResult> {
  const out = await new Deno.Command(PYTHON, { args: [`${ROOT}/bench/peer_bulk.py`, "--processes", String(processes), model, decisions, ...files], stdout: "piped", stderr: "inherit" }).output();
  if (!out.success) throw new Error("the scikit-learn peer failed");
  return JSON.parse(new TextDecoder().decode(out.stdout).trim().split("\n").pop()!);
}

/** Runs the benchmark over `total` offers; returns the result and the README section. */
export async function benchBulk(total: number, dataDir: string, machine: string) {
  const cores = navigator.hardwareConcurrency;
  const sliceN = Math.min(500_000, total);
  const model = `${dataDir}/bulk-model`;
  const corpus = `${dataDir}/bulk-offers-jocas-${total}`; // real-length offers, kept between runs (resumable): generation is not what is measured
  console.error(`[bench] bulk: training the bulk model`);
  const train = await phase("train", model);
  console.error(`[bench] bulk: generating ${total} real-length offers -> ${corpus}/ (kept for the next run)`);
  const generate = await phase("generate", String(total), corpus);
  const labelled = `${dataDir}/bulk-labelled-${total}`;
  await Deno.remove(labelled, { recursive: true }).catch(() => {});
  console.error(`[bench] bulk: label-all over ${total} offers, ${cores} workers`);
  const label = await phase("label", model, corpus, labelled);
  await Deno.remove(labelled, { recursive: true }).catch(() => {});
  console.error(`[bench] bulk: where one core's time goes (100,000 offers)`);
  const profile = await phase("profile", model, corpus, String(Math.min(100_000, total)));

  const slice = `${dataDir}/bulk-slice-${sliceN}-${cores}`;
  console.error(`[bench] bulk: the ${sliceN}-offer slice as canonical JSONL in ${cores} files`);
  const sliced = await phase("slice", corpus, String(sliceN), slice, String(cores));
  const files = Array.from({ length: cores }, (_, k) => `${slice}/slice-${k}.jsonl`);
  // Ours and the peer in turn, each configuration twice, the faster run of each kept: a shared machine's
  // passing load then weighs on both sides alike.
  const runs: Record<string, PhaseResult> = {};
  const keepFaster = (name: string, r: PhaseResult) => {
    if (!runs[name] || (r.offers_per_second as number) > (runs[name].offers_per_second as number)) runs[name] = r;
  };
  const missing = await pythonPeer(["sklearn", "numpy"], ["python3-sklearn"]);
  const decisions = `${dataDir}/bulk-peer-decisions.u8`;
  for (let round = 0; round < 2; round++) {
    for (const workers of [1, cores]) {
      const out = `${dataDir}/bulk-slice-labelled-${workers}`;
      await Deno.remove(out, { recursive: true }).catch(() => {});
      console.error(`[bench] bulk: label-all on the slice, ${workers} worker(s), round ${round + 1}`);
      keepFaster(`label_${workers}`, await phase("label", model, slice, out, String(workers)));
      if (workers === 1) await Deno.remove(out, { recursive: true });
      if (!missing) {
        console.error(`[bench] bulk: the scikit-learn peer on the slice, ${workers} process(es), round ${round + 1}`);
        keepFaster(`peer_${workers}`, await peer(model, decisions, files, workers) as PhaseResult);
      }
    }
    console.error(`[bench] bulk: jobs predict (JSON lines) on the slice, ${cores} workers, round ${round + 1}`);
    const predictOut = `${dataDir}/bulk-slice-predicted.jsonl`;
    keepFaster("predict", await phase("predict", model, slice, predictOut, String(cores)));
    await Deno.remove(predictOut);
  }
  const agreement = missing ? null : await phase("agree", `${dataDir}/bulk-slice-labelled-${cores}`, decisions, model);
  await Deno.remove(`${dataDir}/bulk-slice-labelled-${cores}`, { recursive: true }).catch(() => {});

  const rate = (r?: PhaseResult) => (r ? (r.offers_per_second as number) : NaN);
  const ratios = missing ? null : { equal_cores: rate(runs[`label_${cores}`]) / rate(runs[`peer_${cores}`]), one_core: rate(runs.label_1) / rate(runs.peer_1) };
  const meanChars = (sliced.chars as number) / (sliced.offers as number);
  const targets = { seconds: 120, peak_rss_bytes: 2 * 2 ** 30, ratio_equal_cores: 3, disagreement: 0.005 };
  const result = {
    benchmark: "bulk", date: new Date().toISOString(), machine, offers: total, mean_chars: meanChars, train, generate, label, profile,
    slice: { offers: sliceN, chars: sliced.chars, runs, agreement, peer_skipped: missing },
    ratios, targets,
    met: {
      seconds: label.seconds < targets.seconds, peak_rss: (label.peak_rss_bytes ?? Infinity) < targets.peak_rss_bytes,
      ratio: ratios ? ratios.equal_cores >= targets.ratio_equal_cores : null,
      agreement: agreement ? 1 - (agreement.decision_agreement as number) <= targets.disagreement : null,
    },
  };
  return { result, section: section(result, cores) };
}

/** The README's table from a run. */
// deno-lint-ignore no-explicit-any
function section(r: any, cores: number): string {
  const { label, slice, profile, mean_chars: meanChars } = r;
  const runs = slice.runs as Record<string, PhaseResult>;
  const charRate = (offersPerSecond: number) => `${((offersPerSecond * meanChars) / 1e6).toFixed(1)} M`;
  const row = (what: string, x: PhaseResult | undefined, offers: number, target = "") =>
    x ? `| ${what} | ${f(offers)} | ${(x.seconds as number).toFixed(1)} s | ${f(x.offers_per_second as number)} | ${charRate(x.offers_per_second as number)} | ${x.peak_rss_bytes ? gib(x.peak_rss_bytes as number) : ""} | ${target} |` : "";
  const rows = [
    "| run | offers | time | offers/s | characters/s | peak RSS | target |",
    "|---|---:|---:|---:|---:|---:|---|",
    row(`label-all, ${label.workers} workers, partitioned Parquet`, label, r.offers, `< 120 s, < 2 GiB: ${r.met.seconds && r.met.peak_rss ? "met" : "NOT met"}`),
    row("label-all on the slice, 1 worker", runs.label_1, slice.offers),
    row(`label-all on the slice, ${cores} workers`, runs[`label_${cores}`], slice.offers),
    row(`jobs predict (JSON lines) on the slice, ${cores} workers`, runs.predict, slice.offers),
    slice.peer_skipped ? `| peer: skipped (${slice.peer_skipped}) | | | | | | |` : row("peer: scikit-learn HashingVectorizer + the same weights, 1 process", runs.peer_1, slice.offers),
    slice.peer_skipped ? "" : row(`peer, ${cores} processes (multiprocessing, one file each)`, runs[`peer_${cores}`], slice.offers),
  ].filter(Boolean).join("\n");
  const ratios = r.ratios
    ? `On the slice, ours and the peer ran in turn, each configuration twice, the faster run kept. Ratio to the peer: **${r.ratios.equal_cores.toFixed(2)}x at equal cores** (${cores} workers against ${cores} processes; target >= 3x: ${r.met.ratio ? "met" : "NOT met"}), ${r.ratios.one_core.toFixed(2)}x on one core each.`
    : "";
  const agree = slice.agreement ? ` Decisions (offers × ${slice.agreement.outputs} outputs) identical on ${(100 * (slice.agreement.decision_agreement as number)).toFixed(3)} % (${slice.agreement.decisions_differing} differ; target: within 0.5 %).` : "";
  const predict = runs.predict && runs[`label_${cores}`] ? ` \`jobs predict\` with a bulk-only model folder runs at ${(100 * (runs.predict.offers_per_second as number) / (runs[`label_${cores}`].offers_per_second as number)).toFixed(0)} % of label-all's rate (JSON lines are longer to write than Parquet columns).` : "";
  const p = profile as { offers: number; mean_chars: number; phases: { phase: string; seconds_per_million: number }[]; floor: { js_pass_seconds_per_million: number; memory_copy_seconds_per_million: number } };
  const sum = p.phases.filter((x) => !x.phase.startsWith("  ")).reduce((a, x) => a + x.seconds_per_million, 0) - p.phases.find((x) => x.phase.startsWith("tokenising"))!.seconds_per_million; // scoring includes the features
  const breakdown = [
    `Where one core's time goes (${f(p.offers)} offers of ${Math.round(p.mean_chars)} characters on average, each phase alone over the output of the one before; seconds per million offers on one core):`,
    "",
    "| phase | s per 1M offers | share | × the floor (one JS pass over the text) |",
    "|---|---:|---:|---:|",
    ...p.phases.map((x) => `| ${x.phase.trim()} | ${x.seconds_per_million.toFixed(1)} | ${x.phase.startsWith("  ") ? "" : `${((100 * (x.phase.startsWith("scoring") ? x.seconds_per_million - p.phases.find((y) => y.phase.startsWith("tokenising"))!.seconds_per_million : x.seconds_per_million)) / sum).toFixed(0)} %`} | ${(x.seconds_per_million / p.floor.js_pass_seconds_per_million).toFixed(1)} |`),
    `| total (scoring counted without its features) | ${sum.toFixed(1)} | 100 % | ${(sum / p.floor.js_pass_seconds_per_million).toFixed(1)} |`,
    `| floor: one JavaScript pass over the text | ${p.floor.js_pass_seconds_per_million.toFixed(1)} | | 1 |`,
    `| floor: its UTF-8 bytes copied at memory speed | ${p.floor.memory_copy_seconds_per_million.toFixed(1)} | | ${(p.floor.memory_copy_seconds_per_million / p.floor.js_pass_seconds_per_million).toFixed(2)} |`,
  ].join("\n");
  return `Measured by \`deno task bench --only bulk\` on ${r.date.slice(0, 10)}, ${r.machine}; model: word 1-2-gram hashing (2^18) + ${r.train.outputs} linear outputs (6 themes, ${(r.train.outputs as number) - 6} soft skills), trained on ${r.train.labels} sure rule labels; real-length offers (the generator's "jocas" profile: ${Math.round(meanChars)} characters an offer on average on the slice, median and p90 those of a JOCAS extract):\n\n${rows}\n\n${ratios}${agree}${predict}\n\n${breakdown}\n`;
}
