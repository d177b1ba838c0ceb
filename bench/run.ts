/**
 * `deno task bench`: the project's speed and memory figures, measured, never
 * asserted in unit tests. Writes reports/bench/<name>.json and .md and
 * rewrites the README's performance section from the run.
 *
 * Benchmarks:
 *   stage1  generate N offers (default 1,000,000) to partitioned Parquet, then the stage-1
 *           statistics over them. Targets: statistics < 60 s, peak RSS < 3 GB.
 *
 * Usage: deno task bench [--n 1000000]
 */
import { ROOT } from "../lib/config.ts";
import { gib, runPhase } from "./_measure.ts";

const args = Deno.args;
const n = args.includes("--n") ? Number(args[args.indexOf("--n") + 1]) : 1_000_000;
const dataDir = `${ROOT}/data/bench`;
const outDir = `${ROOT}/reports/bench`;
await Deno.mkdir(dataDir, { recursive: true });
await Deno.mkdir(outDir, { recursive: true });

const cpu = (Deno.readTextFileSync("/proc/cpuinfo").match(/model name\s*:\s*(.*)/) ?? [])[1] ?? "unknown CPU";
const machine = `${navigator.hardwareConcurrency} cores (${cpu}), ${gib(Deno.systemMemoryInfo().total)} RAM, Deno ${Deno.version.deno}`;

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
  met: { seconds: profile.seconds < targets.seconds, peak_rss: (profile.peak_rss_bytes ?? Infinity) < targets.peak_rss_bytes },
};
await Deno.writeTextFile(`${outDir}/stage1.json`, JSON.stringify(result, null, 2) + "\n");

const table = [
  "| phase | offers | wall time | offers/s | peak RSS | target |",
  "|---|---:|---:|---:|---:|---|",
  `| generate to Parquet (partitioned) | ${n.toLocaleString("en")} | ${generate.seconds.toFixed(1)} s | ${Number(generate.offers_per_second).toLocaleString("en")} | ${gib(generate.peak_rss_bytes)} | (reported) |`,
  `| stage-1 statistics | ${n.toLocaleString("en")} | ${profile.seconds.toFixed(1)} s | ${Number(profile.offers_per_second).toLocaleString("en")} | ${gib(profile.peak_rss_bytes)} | < 60 s: ${result.met.seconds ? "met" : "NOT met"}; < 3 GB: ${result.met.peak_rss ? "met" : "NOT met"} |`,
].join("\n");
const section = `Measured by \`deno task bench\` on ${result.date.slice(0, 10)}, ${machine}:\n\n${table}\n`;
await Deno.writeTextFile(`${outDir}/stage1.md`, `# Stage-1 benchmark\n\n${section}`);

const readmePath = `${ROOT}/README.md`;
const readme = await Deno.readTextFile(readmePath);
const marked = /<!-- bench:stage1 -->[\s\S]*?<!-- \/bench:stage1 -->/;
if (marked.test(readme)) {
  await Deno.writeTextFile(readmePath, readme.replace(marked, `<!-- bench:stage1 -->\n${section}<!-- /bench:stage1 -->`));
  console.error("[bench] README performance section updated");
}
console.log(section);
