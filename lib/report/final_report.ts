/**
 * The report a supervisor reads end to end: an executive summary written
 * from the computed results (each stage's recorded headline, stage 9's
 * economic reading, the bulk benchmark's figures when it has been run),
 * then the nine executed notebooks in order on one page with their
 * interactive figures (plotly.js inlined once), and its PDF printed by
 * headless Chromium when it is installed.
 *
 * @example
 * ```ts
 * import { executiveSummary, combineReport } from "./final_report.ts";
 * import { readAllMetrics } from "./metrics.ts";
 * declare const stages: any; // your data
 * declare const bench: any; // your data
 * declare const page1: any; // your data
 * const summary = executiveSummary(readAllMetrics("reports"), stages, bench);
 * const page = combineReport(summary, [{ stage: 1, title: "Descriptive statistics", html: page1 }]);
 * ```
 */
import { formatEstimate } from "../stats/mod.ts";
import { SCHEMES, type scoreboardSummary } from "../evaluate/mod.ts";
import type { Provenance } from "./provenance.ts";
import { escapeHtml } from "./tables.ts";

/** A stage as the summary lists it. */
export interface StageEntry {
  stage: number;
  title: string;
  notebook: string;
  status: string;
}

/** What the bulk benchmark wrote (reports/bench/bulk.json), as far as the summary quotes it. */
export interface BulkBench {
  date: string;
  offers: number;
  label: { seconds: number; offers_per_second: number; peak_rss_bytes: number | null };
  ratio: number | null;
  slice?: { agreement?: { decision_agreement: number } | null };
}

type Accuracy = ReturnType<typeof scoreboardSummary>;

/** The models' measured accuracy on real offers of unseen occupations (stage 6's scoreboard), in one paragraph. */
function accuracyParagraph(a: Accuracy): string {
  const task = (name: string, t: Accuracy["themes"]) =>
    `${name} F1 micro ${formatEstimate(t.f1_micro)} (${escapeHtml(t.model)}; best peer ${
      escapeHtml(t.best_peer)
    } ${t.best_peer_f1_micro.value.toFixed(3)})`;
  const ceiling = a.ceiling
    ? ` Two LLM annotators agree with each other at ${a.ceiling.themes.value.toFixed(3)} (themes) and ${
      a.ceiling.codes.value.toFixed(3)
    } (codes) on the ${a.ceiling.offers} offers both labelled.`
    : "";
  return `<p><strong>Accuracy on real offers.</strong> On ${a.labelled} reference labels of real France Travail offers (LLM confidence ≥ 80), ` +
    `with ${escapeHtml(SCHEMES[a.reference ?? "grouped"])} (95 % bootstrap intervals): ` +
    `${task("themes", a.themes)}; ${
      task("soft-skill codes per offer", a.codes)
    }.${ceiling} Every share computed from the models' labels inherits these error rates.</p>`;
}

/**
 * The executive summary (HTML): the main finding (stage 9's reading), the
 * models' accuracy on real offers of unseen occupations (stage 6's
 * scoreboard, where it ran), the scale the method reached (its benchmark),
 * and one line per stage with its recorded headline or its status, linking
 * to `page#stage-N`.
 */
export function executiveSummary(
  metrics: Record<string, Record<string, unknown>>,
  stages: StageEntry[],
  bench: BulkBench | null,
  page = "",
): string {
  const analysis = stages.map((s) => metrics[s.notebook]).find((m) => typeof m?.reading === "string");
  const reading = analysis?.reading as string | undefined;
  const data = analysis?.data as Provenance | undefined;
  const label = !data
    ? "Finding."
    : data.kind === "findings"
    ? `Finding on ${escapeHtml(data.source)}.`
    : "Method check on the generated corpus (planted truth), not a finding about the labour market.";
  const parts: string[] = [];
  parts.push(
    `<p><strong>${label}</strong> ${
      reading ? escapeHtml(reading) : "The economic analysis (stage 9) has not run in this report."
    }</p>`,
  );
  const accuracy = stages.map((s) => metrics[s.notebook]?.scoreboard).find((b) =>
    b && typeof b === "object"
  ) as Accuracy | undefined;
  if (accuracy) parts.push(accuracyParagraph(accuracy));
  if (bench) {
    const agreement = bench.slice?.agreement
      ? `, decisions identical to a scikit-learn application of the same model on ${
        (100 * bench.slice.agreement.decision_agreement).toFixed(2)
      } % of a 500,000-offer slice`
      : "";
    parts.push(
      `<p><strong>Scale.</strong> The distilled bulk model labelled ${
        bench.offers.toLocaleString("en")
      } offers in ${bench.label.seconds.toFixed(0)} s ` +
        `(${Math.round(bench.label.offers_per_second).toLocaleString("en")} offers/s, peak memory ${
          bench.label.peak_rss_bytes ? (bench.label.peak_rss_bytes / 2 ** 30).toFixed(2) + " GiB" : "n/a"
        }) on this machine` +
        `${
          bench.ratio ? `, ${bench.ratio.toFixed(1)}× the scikit-learn peer's throughput` : ""
        }${agreement} (benchmark of ${escapeHtml(bench.date.slice(0, 10))}).</p>`,
    );
  }
  const items = stages.map((s) => {
    const headline = metrics[s.notebook]?.headline;
    const text = typeof headline === "string" && headline
      ? escapeHtml(headline)
      : `<em>${escapeHtml(s.status)}</em>`;
    return `<li><a href="${page}#stage-${s.stage}">Stage ${s.stage} — ${
      escapeHtml(s.title)
    }</a>: ${text}</li>`;
  });
  parts.push(`<p><strong>Stage by stage.</strong></p><ul>${items.join("")}</ul>`);
  return `<section class="executive-summary"><h2>Executive summary</h2>${parts.join("\n")}</section>`;
}

const PAGE_STYLE =
  `.jobs-report-head{max-width:1100px;margin:2em auto 0;padding:0 1em;font-family:system-ui,sans-serif;line-height:1.5}
.executive-summary{background:#f6f8fa;border:1px solid #d1d9e0;border-radius:8px;padding:.5em 1.2em;margin:1em 0}
.jobs-stage{border-top:3px solid #1f6feb;margin-top:2em;padding-top:.5em}
.jobs-toc ol{columns:2;margin:.3em 0}
@media print{.jobs-stage{break-before:page}.jobs-figure{break-inside:avoid}
body:not(.jobs-show-code) .jp-CodeCell .jp-Cell-inputWrapper{display:none}
table{table-layout:auto;max-width:100%;font-size:8.5pt}td,th{overflow-wrap:break-word;word-break:normal;padding:2px 4px!important}
pre{white-space:pre-wrap;overflow-wrap:anywhere}}`;

/**
 * One HTML page: the first notebook page's head (Jupyter's styles and
 * plotly.js), a title, a table of contents and the summary, then each
 * notebook page's body in order, each in a section with an anchor
 * `stage-N`. In print the code cells are hidden unless `showCode`
 * (`JOBS_REPORT_CODE=1 ./task report`): a supervisor reads results, and
 * the HTML pages keep the code.
 */
export function combineReport(
  summaryHtml: string,
  pages: { stage: number; title: string; html: string }[],
  subtitle = "",
  options: { showCode?: boolean } = {},
): string {
  const head = /<head>([\s\S]*?)<\/head>/i.exec(
    pages.find((p) => p.html.includes("data-jobs-plotly"))?.html ?? pages[0]?.html ?? "",
  )?.[1] ?? '<meta charset="utf-8">';
  const withoutTitle = head.replace(/<title>[\s\S]*?<\/title>/i, "");
  const bodies = pages.map((p) => {
    const match = /<body([^>]*)>([\s\S]*)<\/body>/i.exec(p.html);
    const bodyClass = /class="([^"]*)"/.exec(match?.[1] ?? "")?.[1] ?? "";
    return `<section class="jobs-stage ${escapeHtml(bodyClass)}" id="stage-${p.stage}">${
      match?.[2] ?? ""
    }</section>`;
  });
  const toc = pages.map((p) =>
    `<li><a href="#stage-${p.stage}">Stage ${p.stage} — ${escapeHtml(p.title)}</a></li>`
  ).join("");
  return `<!doctype html><html lang="en"><head>${withoutTitle}<title>French job offers: HR themes and soft skills — report</title><style>${PAGE_STYLE}</style></head><body${
    options.showCode ? ' class="jobs-show-code"' : ""
  }>
<div class="jobs-report-head"><h1>French job offers: HR themes and soft skills</h1><p>${
    escapeHtml(subtitle)
  }</p><nav class="jobs-toc"><strong>Contents</strong><ol>${toc}</ol></nav>${summaryHtml}</div>
${bodies.join("\n")}
</body></html>`;
}
