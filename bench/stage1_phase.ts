/**
 * One phase of the stage-1 benchmark, in its own process:
 *   generate <n> <out>   write the generated corpus to Parquet
 *   profile <path>       stage-1 statistics over it (all cores)
 * Prints a JSON PhaseResult as its last line.
 */
import { writeGeneratedCorpus } from "../lib/corpus/write.ts";
import { profileCorpus } from "../lib/stats/profile_corpus.ts";
import { progressBar } from "../lib/cli/progress.ts";
import { peakRss } from "./_measure.ts";

const [phase, ...args] = Deno.args;
const started = performance.now();
if (phase === "generate") {
  const [n, out] = [Number(args[0]), args[1]];
  await writeGeneratedCorpus({ n, seed: 2026, out, chunk: 100_000, onProgress: progressBar("generate") });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      phase,
      seconds,
      peak_rss_bytes: peakRss(),
      offers: n,
      offers_per_second: Math.round(n / seconds),
    }),
  );
} else if (phase === "profile") {
  const { summary, report } = await profileCorpus(args[0], { onProgress: progressBar("stage-1 statistics") });
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({
    phase,
    seconds,
    peak_rss_bytes: peakRss(),
    offers: report.kept,
    offers_per_second: Math.round(report.kept / seconds),
    workers: navigator.hardwareConcurrency,
    duplicates: summary.duplicates,
    median_words: summary.length.words.median,
    vocabulary_top: summary.topWords.slice(0, 3),
  }));
} else {
  console.error("usage: stage1_phase.ts generate <n> <out> | profile <path>");
  Deno.exit(2);
}
