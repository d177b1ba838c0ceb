/**
 * Integration: every notebook executes headless on a small sample, twice,
 * and the two runs record identical metrics (the reproduce check).
 * Needs Jupyter (installed by ./task test); skipped with a message otherwise.
 */
import assert from "node:assert/strict";
import { reproduce } from "../lib/report/reproduce.ts";
import { runReport } from "../lib/report/run_report.ts";
import { listNotebooks, notebookMeta } from "../lib/report/notebooks.ts";
import { ROOT } from "../lib/config.ts";
import { writeRealLayoutCsv } from "./_real_layout.ts";

const hasJupyter = await new Deno.Command("jupyter", {
  args: ["nbconvert", "--version"],
  stdout: "null",
  stderr: "null",
})
  .output().then((o) => o.success).catch(() => false);
if (!hasJupyter) {
  console.error(
    "notebooks.test.ts: jupyter nbconvert not found; run ./task test (it installs it) — integration test skipped",
  );
}

Deno.test("every notebook has stage metadata and a file name in stage order", () => {
  const notebooks = listNotebooks(`${ROOT}/notebooks`);
  assert.equal(notebooks.length, 9);
  notebooks.forEach((path, i) => {
    assert.equal(notebookMeta(path).stage, i + 1);
    const nb = JSON.parse(Deno.readTextFileSync(path));
    for (const cell of nb.cells) assert.ok(cell.id, `${path}: a cell has no id`);
  });
});

Deno.test({
  name: "the notebooks run headless on a 300-offer sample and reproduce the same metrics twice",
  ignore: !hasJupyter,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const data = await Deno.makeTempDir({ prefix: "jobs-nb-data-" });
    const result = await reproduce({
      env: { JOBS_CORPUS_SIZE: "300", JOBS_BASE_SIZE: "20000", JOBS_LM_STEPS: "120", JOBS_DATA_DIR: data },
      log: () => {},
    });
    assert.deepEqual(result.errors, []);
    assert.ok(result.notebooks >= 1, "no notebook recorded metrics");
    assert.deepEqual(result.differences, []);
    const index = await Deno.readTextFile(`${result.dirs[0]}/index.html`);
    assert.match(index, /Descriptive statistics/);
    assert.doesNotMatch(index, />pending</, "every stage is built");
    assert.match(
      index,
      /What the numbers are about[\s\S]*<strong>Method check<\/strong> \(stages 1, 2, 3, 4, 5, 6, 7\): on generated default corpus/,
    );
    assert.match(
      index,
      /<h2>Data<\/h2><h3>Sources<\/h3>[\s\S]*<h3>Label provenance<\/h3>[\s\S]*labelling the stage-3 sample[\s\S]*training the run&#39;s model/,
    );
    assert.match(index, /BERT \(2 × 64, [\d,]+ parameters\) pre-trained 120 steps: held-out MLM loss/);
    assert.match(
      index,
      /Executive summary[\s\S]*Method check on the generated corpus \(planted truth\), not a finding about the labour market\.<\/strong> Before 2020-03, [\d.]+ % of the [\d,]+ dated offers mention work-life balance/,
    );
    const report = await Deno.readTextFile(`${result.dirs[0]}/report.html`);
    assert.deepEqual(
      [...report.matchAll(/<section class="jobs-stage[^"]*" id="stage-(\d)"/g)].map((m) => m[1]),
      ["1", "2", "3", "4", "5", "6", "7", "8", "9"],
    );
    assert.equal(
      report.split("data-jobs-plotly").length - 1,
      1,
      "plotly.js inlined once in the one-page report",
    );
    const page = await Deno.readTextFile(`${result.dirs[0]}/01_descriptive_stats.html`);
    assert.equal(page.split("data-jobs-plotly").length - 1, 1, "plotly.js inlined once");
    assert.ok(page.split('class="jobs-figure"').length > 5, "stage 1 shows its figures");
  },
});

Deno.test({
  name:
    "on a real-layout JOCAS CSV (reposts, three months, missing fields, no truth) the nine pages render about that file, twice alike",
  ignore: !hasJupyter,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const data = await Deno.makeTempDir({ prefix: "jobs-nb-real-" });
    const file = `${data}/jocas-extract.csv`;
    await writeRealLayoutCsv(file, 320);
    // the real France Travail sample, its scoreboard and the pretrained encoder are the first test's: here, only the user's file
    const result = await reproduce({
      env: {
        JOBS_DATA: file,
        JOBS_SAMPLE: "0",
        JOBS_LM_STEPS: "60",
        JOBS_DATA_DIR: `${data}/work`,
        JOBS_REAL_DATA: "none",
        JOBS_PRETRAINED_ENCODER: "none",
      },
      log: () => {},
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.differences, []);
    const out = result.dirs[0];
    const pages = [...Deno.readDirSync(out)].map((e) => e.name).filter((n) => /^\d\d_.*\.html$/.test(n))
      .sort();
    assert.equal(pages.length, 9, pages.join(", "));
    for (const page of pages) {
      const html = await Deno.readTextFile(`${out}/${page}`);
      assert.match(
        html,
        /class="jobs-provenance"[^>]*><strong>Findings\.<\/strong> On [^<]*jocas-extract\.csv: [\d,]+ offers, 2024-01 to 2024-03/,
        `${page} names its source`,
      );
    }
    const stage9 = await Deno.readTextFile(`${out}/09_economic_analysis.html`);
    assert.match(
      stage9,
      /Error rates unknown: the \d+ offers of the stratified validation sample \(year × sector\) have no LLM, human or reference label yet/,
    );
    assert.match(stage9, /Not testable on this base: the offers run from 2024-01 to 2024-03/);
    assert.doesNotMatch(
      stage9.replace(/<script[\s\S]*?<\/script>/g, ""),
      /\bNaN\b/,
      "no NaN outside the inlined plotly.js",
    );
    const index = await Deno.readTextFile(`${out}/index.html`);
    assert.match(
      index,
      /What the numbers are about[\s\S]*<strong>Findings<\/strong> \(stages 1, 2, 3, 4, 5, 6, 7, 8, 9\): on [^<]*jocas-extract\.csv/,
    );
    assert.match(
      index,
      /<td[^>]*>9<\/td><td[^>]*>error rates \(held-out sample\)<\/td>(<td[^>]*><\/td>)+<\/tr>/,
      "on a real base without store labels no label measures the error rates (the rule teacher taught the model)",
    );
    assert.match(
      index,
      /Finding on [^<]*jocas-extract\.csv\.<\/strong> [\d.]+ % of the [\d,]+ offers from 2024-01 to 2024-03 mention work-life balance[\s\S]*No before\/after-Covid comparison[\s\S]*Limits: the model \(teacher \+ text stack and soft-skill model, as `jobs train` makes them\) learnt from[\s\S]*its error rates are unknown/,
    );
  },
});

Deno.test({
  name: "a failing cell stops the report with the notebook and the cell named",
  ignore: !hasJupyter,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "jobs-nb-fail-" });
    const cell = (id: string, source: string) => ({
      cell_type: "code",
      id,
      metadata: {},
      execution_count: null,
      outputs: [],
      source,
    });
    const nb = (stage: number, cells: unknown[]) =>
      JSON.stringify({
        cells,
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {
          jobs: { stage, title: `Stage ${stage}`, status: "done" },
          kernelspec: { name: "deno", display_name: "Deno", language: "typescript" },
        },
      });
    await Deno.mkdir(`${dir}/notebooks`);
    await Deno.writeTextFile(`${dir}/notebooks/01_ok.ipynb`, nb(1, [cell("fine", "1 + 1")]));
    await Deno.writeTextFile(
      `${dir}/notebooks/02_broken.ipynb`,
      nb(2, [cell("first", "const a = 1;"), cell("boom", "throw new Error('planted failure');")]),
    );
    await Deno.writeTextFile(`${dir}/notebooks/03_after.ipynb`, nb(3, [cell("never", "1")]));
    const { failed, runs, index } = await runReport({
      notebooksDir: `${dir}/notebooks`,
      outDir: `${dir}/out`,
      log: () => {},
    });
    assert.equal(runs.length, 2, "the run stops at the failing notebook");
    assert.equal(failed?.notebook, "02_broken");
    assert.deepEqual(failed?.errors.map((e) => [e.cell, e.id, e.evalue]), [[2, "boom", "planted failure"]]);
    const html = await Deno.readTextFile(index);
    assert.match(html, /class="failed">failed/);
    assert.match(html, /not run/);
    const chromium = await Deno.stat("/usr/bin/chromium").then(() => true, () => false);
    if (chromium) {
      assert.ok(
        (await Deno.readFile(`${dir}/out/report.pdf`)).subarray(0, 5).every((b, i) =>
          b === "%PDF-".charCodeAt(i)
        ),
        "report.pdf printed",
      );
    }
  },
});
