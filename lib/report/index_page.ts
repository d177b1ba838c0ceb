/**
 * The report's front page: run summary (date, commit, data, seed, versions),
 * the stages in order with their status, headline and link.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * declare const runs: any; // your data
 * const html = renderIndex({ summary: await runSummary(loadConfig(), "reports"), runs, notRun: [], metrics: {} });
 * ```
 */
import pl from "nodejs-polars";
import type { RunConfig } from "../config.ts";
import type { NotebookMeta, NotebookRun } from "./notebooks.ts";
import { dataSection } from "./data_section.ts";
import { provenanceSection } from "./provenance.ts";
import { escapeHtml, tableHtml } from "./tables.ts";
import { type SchemeName, SCHEMES } from "../evaluate/mod.ts";

/** Facts about a run that make it reproducible. */
export interface RunSummary {
  date: string;
  commit: string;
  data: string;
  sample: string;
  seed: number;
  realData: string;
  versions: Record<string, string>;
}

async function command(cmd: string, args: string[], cwd?: string): Promise<string> {
  try {
    const { stdout, stderr, success } = await new Deno.Command(cmd, {
      args,
      cwd,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(success ? stdout : stderr).trim();
    return success ? text : "unknown";
  } catch {
    return "unknown";
  }
}

/** Gathers the run summary: date, commit (marked when the tree has changes), data, seed, tool versions. */
export async function runSummary(config: RunConfig, _outDir: string): Promise<RunSummary> {
  const commit = await command("git", ["rev-parse", "--short=12", "HEAD"], config.root);
  const dirty = (await command("git", ["status", "--porcelain", "--untracked-files=no"], config.root)) !== "";
  let plotly = "unknown";
  try {
    plotly = JSON.parse(Deno.readTextFileSync(`${config.root}/node_modules/plotly.js-dist-min/package.json`))
      .version;
  } catch { /* not installed */ }
  return {
    date: new Date().toISOString().replace("T", " ").slice(0, 19) + " UTC",
    commit: commit + (dirty ? " (with uncommitted changes)" : ""),
    data: config.data === "default" ? "generated default corpus (embedded generator)" : config.data,
    sample: config.data === "default"
      ? `${config.corpusSize} offers generated`
      : config.sample
      ? `a seeded sample of ${config.sample} offers`
      : "every offer",
    seed: config.seed,
    realData: config.realData ?? "absent (../shared/data not found): real-data sections skipped",
    versions: {
      deno: Deno.version.deno,
      typescript: Deno.version.typescript,
      "nodejs-polars": String(pl.version),
      "plotly.js": plotly,
      nbconvert: await command("jupyter", ["nbconvert", "--version"]),
    },
  };
}

/**
 * The index's models table: every model and peer of stage 6's scoreboard on
 * the reference folds (ROME family) of the real reference labels, themes and
 * soft-skill codes, with intervals, and the seed's published figures for
 * reference; empty when the scoreboard did not run.
 *
 * @example
 * ```ts
 * import { readAllMetrics } from "./metrics.ts";
 * modelsSection(readAllMetrics("reports")); // "<h2>Models on real offers</h2>..." or ""
 * ```
 */
export function modelsSection(metrics: Record<string, Record<string, unknown>>): string {
  const tables = Object.values(metrics).map((m) => m.scoreboard_rows).find((t) =>
    t && typeof t === "object"
  ) as
    | {
      labelled: number;
      reference?: SchemeName;
      themes: Record<string, string>[];
      codes: Record<string, string>[];
    }
    | undefined;
  if (!tables) return "";
  const block = (title: string, rows: Record<string, string>[]) =>
    rows.length ? `<h3>${escapeHtml(title)}</h3>${tableHtml(rows)}` : "";
  return `<h2>Models on real offers</h2><p>Stage 6's scoreboard: ${tables.labelled} reference labels of real France Travail offers (LLM annotator, ` +
    `confidence ≥ 80), 5 ${
      escapeHtml(SCHEMES[tables.reference ?? "grouped"])
    }, 95 % bootstrap intervals.</p>` +
    block("Themes (6)", tables.themes) + block("Soft-skill codes per offer (16)", tables.codes) +
    `<p class="sub">For reference, a published run of the method reached themes F1 micro 0.883 / macro 0.854 (TF-IDF + XGBoost, about 2,000 labels ` +
    `with LLM confidence ≥ 80; 0.67 / 0.61 at confidence ≥ 50) on its own labels and stratified folds of IT offers: not comparable row for row.</p>`;
}

const STYLE =
  `body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#1f2328;line-height:1.5}
h1{font-size:1.8em;margin-bottom:0}.sub{color:#59636e;margin-top:.2em}
table{border-collapse:collapse;margin:1em 0;width:100%}th,td{border-bottom:1px solid #d1d9e0;padding:6px 10px;text-align:left;vertical-align:top}
.done{color:#1a7f37;font-weight:600}.partial{color:#0969da;font-weight:600}.pending{color:#9a6700;font-weight:600}.failed{color:#d1242f;font-weight:600}
.headline{color:#59636e;font-size:.92em}
.executive-summary{background:#f6f8fa;border:1px solid #d1d9e0;border-radius:8px;padding:.5em 1.2em;margin:1em 0}
.executive-summary a{color:inherit}`;

/** Renders index.html. */
export function renderIndex(o: {
  summary: RunSummary;
  runs: NotebookRun[];
  notRun: { path: string; meta: NotebookMeta }[];
  metrics: Record<string, Record<string, unknown>>;
  /** The executive summary's HTML (see final_report.ts). */
  executive?: string;
  /** The PDF's file name beside index.html, when one was printed. */
  pdf?: string | null;
}): string {
  const s = o.summary;
  const summaryRows = [
    { item: "Date", value: s.date },
    { item: "Git commit", value: s.commit },
    { item: "Data source", value: s.data },
    { item: "Sample size", value: s.sample },
    { item: "Seed", value: String(s.seed) },
    { item: "Real France Travail sample", value: s.realData },
    { item: "Versions", value: Object.entries(s.versions).map(([k, v]) => `${k} ${v}`).join(" · ") },
  ];
  const stageRows = [
    ...o.runs.map((r) => {
      const status = r.errors.length ? "failed" : r.meta.status;
      const headline = String(o.metrics[r.notebook]?.headline ?? "");
      const link = r.html
        ? `<a href="${escapeHtml(r.html)}">${escapeHtml(r.meta.title)}</a>`
        : escapeHtml(r.meta.title);
      return `<tr><td>${r.meta.stage}</td><td>${link}<div class="headline">${
        escapeHtml(headline)
      }</div></td>` +
        `<td class="${status}">${status}</td><td>${r.seconds.toFixed(1)} s</td></tr>`;
    }),
    ...o.notRun.map((n) =>
      `<tr><td>${n.meta.stage}</td><td>${
        escapeHtml(n.meta.title)
      }</td><td class="pending">not run</td><td></td></tr>`
    ),
  ].join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Job-offer research report</title><style>${STYLE}</style></head><body>
<h1>French job offers: HR themes and soft skills</h1>
<p class="sub">Research report rendered from the project's notebooks. <a href="report.html">Read the whole report on one page</a>${
    o.pdf ? ` · <a href="${escapeHtml(o.pdf)}">PDF</a>` : ""
  }; each stage below links to its executed notebook.</p>
${provenanceSection(o.metrics)}
${o.executive ?? ""}
${modelsSection(o.metrics)}
${dataSection(o.metrics)}
<h2>Stages</h2>
<table><thead><tr><th>#</th><th>Stage</th><th>Status</th><th>Time</th></tr></thead><tbody>${stageRows}</tbody></table>
<h2>Run summary</h2>
${tableHtml(summaryRows, { columns: ["item", "value"], labels: { item: "", value: "" } })}
</body></html>`;
}
