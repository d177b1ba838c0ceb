import assert from "node:assert/strict";
import { escapeHtml, number, percent, tableHtml } from "../../lib/report/tables.ts";
import {
  barChart,
  COLORWAY,
  figureHtml,
  histograms,
  inlinePlotly,
  lineChart,
  smallMultiples,
} from "../../lib/report/figures.ts";
import { combine, figure, note, table } from "../../lib/report/display.ts";
import { diffMetrics, readAllMetrics, recordMetrics } from "../../lib/report/metrics.ts";
import { cellErrors, describeError, notebookMeta } from "../../lib/report/notebooks.ts";
import { modelsSection, renderIndex } from "../../lib/report/index_page.ts";
import { tempDir, writeFixture } from "../_helpers.ts";

Deno.test("tables escape every value and format numbers", () => {
  const html = tableHtml([{ text: "<script>alert(1)</script>", n: 12345.678 }], { caption: "a & b" });
  assert.ok(!html.includes("<script>"));
  assert.ok(html.includes("&lt;script&gt;"));
  assert.ok(html.includes("12\u202f345.68"));
  assert.ok(html.includes("a &amp; b"));
  assert.equal(escapeHtml(`"'&<>`), "&quot;&#39;&amp;&lt;&gt;");
  assert.equal(percent(0.1234), "12.3 %");
  assert.equal(number(1000000), "1\u202f000\u202f000");
  assert.match(tableHtml([{ a: 1 }, { a: 2 }, { a: 3 }], { limit: 2 }), /1 more rows not shown/);
});

Deno.test("a figure's HTML carries its data safely and plotly.js is inlined once per page", () => {
  const html = figureHtml(barChart({ x: ["</script><b>x"], y: [1], title: "T" }));
  assert.ok(!html.slice(0, html.lastIndexOf("</script>")).includes("</script><b>"));
  assert.match(html, /class="jobs-figure"/);
  const page = inlinePlotly(`<html><head></head><body>${html}${html}</body></html>`);
  assert.equal(page.split("data-jobs-plotly").length - 1, 1);
  assert.equal(inlinePlotly(page), page);
  assert.equal(
    inlinePlotly("<html><head></head><body>no figure</body></html>").includes("data-jobs-plotly"),
    false,
  );
  const gaps = lineChart({ x: ["2020-01", "2020-02"], series: [{ name: "n", y: [3, null] }] });
  assert.deepEqual(gaps.data[0].y, [3, null]);
  assert.equal(gaps.data[0].connectgaps, false);
  const banded = lineChart({
    x: ["2020Q1", "2020Q2"],
    series: [{ name: "estimate", y: [0, 0.1] }],
    bands: [{ name: "95 % interval", low: [0, 0.05], high: [0, 0.15] }],
    marker: { x: "2020Q1", label: "March 2020" },
    categorical: true,
  });
  assert.deepEqual(banded.data.map((d) => [d.name, d.fill ?? null]), [["95 % interval (low)", null], [
    "95 % interval",
    "tonexty",
  ], ["estimate", null]], "the band lies under the line, filled to its low bound");
  const layout = banded.layout as { shapes: { x0: string }[]; annotations: { text: string }[] };
  assert.deepEqual([layout.shapes[0].x0, layout.annotations[0].text], ["2020Q1", "March 2020"]);
  assert.equal(
    (banded.layout as { xaxis: { type: string } }).xaxis.type,
    "category",
    "quarters stay labels, not dates",
  );
  assert.equal("shapes" in (gaps.layout ?? {}), false);
});

Deno.test("small multiples: one panel a theme on its own axes, titled, same colour per series, one legend, shared scale, markers kept", () => {
  const themes = ["A", "B", "C", "D", "E", "F"];
  const x = ["2020-01", "2020-02", "2020-03", "2020-04"];
  const fig = smallMultiples(
    themes.map((t, i) => ({
      title: t,
      figure: lineChart({
        x,
        series: [{ name: "monthly", y: [i, i + 1, null, i] }, { name: "smoothed", y: [i, i, i, i] }],
        marker: { x: "2020-03", label: "March 2020" },
        yTitle: "share",
      }),
    })),
    { columns: 3, sharedY: true, title: "Themes" },
  );
  const layout = fig.layout as Record<string, any>;
  assert.deepEqual([layout.grid.rows, layout.grid.columns], [2, 3]);
  assert.equal(fig.data.length, 12);
  assert.deepEqual(fig.data.slice(2, 4).map((d) => [d.xaxis, d.yaxis]), [["x2", "y2"], ["x2", "y2"]]);
  assert.ok(
    fig.data.every((d, k) => (d.line as { color: string }).color === COLORWAY[k % 2]),
    "the k-th series keeps its colour in every panel",
  );
  assert.deepEqual(
    fig.data.map((d) => d.showlegend),
    [true, true, ...new Array(10).fill(false)],
    "one legend entry per series",
  );
  assert.deepEqual(
    themes.map((t) => layout.annotations.some((a: { text: string }) => a.text === `<b>${t}</b>`)),
    themes.map(() => true),
    "every panel titled",
  );
  assert.deepEqual(
    layout.shapes.map((s: { xref: string; yref: string }) => `${s.xref}/${s.yref}`),
    themes.map((_, i) => i ? `x${i + 1}/y${i + 1} domain` : "x/y domain"),
    "the break line on each panel's own axes",
  );
  assert.equal(layout.annotations.filter((a: { text: string }) => a.text === "March 2020").length, 6);
  assert.equal(layout.yaxis5.matches, "y");
  assert.deepEqual([layout.yaxis.title.text, layout.yaxis2.title.text, layout.yaxis4.title.text], [
    "share",
    "",
    "share",
  ], "y titles on the left column only");
  const bars = smallMultiples([{
    title: "x",
    figure: histograms({ series: [{ name: "h", values: [1, 2] }], binSize: 1 }),
  }]);
  assert.equal((bars.data[0].marker as { color: string }).color, COLORWAY[0]);
  assert.equal(bars.data[0].showlegend, false, "a single series needs no legend");
  assert.throws(() => smallMultiples([]), /at least one panel/);
  const split = smallMultiples([
    {
      title: "observed",
      figure: lineChart({
        x,
        series: [{ name: "raw", y: [1, 2, 3, 4] }, { name: "corrected", y: [1, 2, 3, 5] }],
      }),
    },
    { title: "smoothed", figure: lineChart({ x, series: [{ name: "LOESS", y: [1, 2, 3, 4] }] }) },
  ], { distinctSeries: true, columns: 2 });
  assert.deepEqual(split.data.map((d) => [d.name, (d.line as { color: string }).color, d.showlegend]), [
    ["raw", COLORWAY[0], true],
    ["corrected", COLORWAY[1], true],
    ["LOESS", COLORWAY[2], true],
  ], "different series: own colour and legend entry each");
});

Deno.test("display parts combine into one HTML output with a text form", () => {
  const out = combine(
    table([{ a: "<x>" }]),
    note("careful", "warning"),
    "plain <text>",
    null,
    false,
    figure(barChart({ x: ["a"], y: [1], title: "Bars" })),
  );
  assert.ok(out.html.includes("&lt;x&gt;"));
  assert.ok(out.html.includes("plain &lt;text&gt;"));
  assert.ok(out.text.includes("careful"));
  assert.ok(out.text.includes("[figure: Bars]"));
});

Deno.test("metrics merge into a file per notebook and two runs are compared value by value", async () => {
  const dir = await tempDir();
  recordMetrics("01_x", { a: 1 / 3, nested: { b: [1, 2] } }, dir);
  recordMetrics("01_x", { c: "z" }, dir);
  const all = readAllMetrics(dir);
  assert.deepEqual(all, { "01_x": { a: 0.3333333333, c: "z", nested: { b: [1, 2] } } });
  assert.deepEqual(diffMetrics(all, all), []);
  assert.deepEqual(diffMetrics({ n: { a: 1, b: [1, 2] } }, { n: { a: 2, b: [1, 2], c: 0 } }), [
    "n.a: 1 != 2",
    "n.c: undefined != 0",
  ]);
});

Deno.test("failed cells are found in an executed notebook and named with notebook, position and id", async () => {
  const dir = await tempDir();
  const nb = {
    metadata: { jobs: { stage: 3, title: "Three", status: "done" } },
    cells: [
      { cell_type: "markdown", id: "m", source: "# t" },
      {
        cell_type: "code",
        id: "load",
        source: ["\n", "const x = boom();\n"],
        outputs: [{ output_type: "error", ename: "ReferenceError", evalue: "boom is not defined" }],
      },
    ],
  };
  const path = await writeFixture(dir, "03_three.ipynb", JSON.stringify(nb));
  assert.deepEqual(notebookMeta(path), { stage: 3, title: "Three", status: "done" });
  const errors = cellErrors(path, "03_three");
  assert.deepEqual(errors, [{
    notebook: "03_three",
    cell: 2,
    id: "load",
    ename: "ReferenceError",
    evalue: "boom is not defined",
    source: "const x = boom();",
  }]);
  assert.equal(
    describeError(errors[0]),
    'notebook 03_three.ipynb, cell 2 (id "load"): ReferenceError: boom is not defined\n    > const x = boom();',
  );
  const bad = await writeFixture(dir, "04_bad.ipynb", JSON.stringify({ metadata: {}, cells: [] }));
  assert.throws(() => notebookMeta(bad), /metadata\.jobs/);
});

Deno.test("the index page lists stages with status, headline and link, and the run summary", () => {
  const meta = { stage: 1, title: "Stats <1>", status: "done" as const };
  const html = renderIndex({
    summary: {
      date: "d",
      commit: "abc",
      data: "default",
      sample: "10 offers",
      seed: 4,
      realData: "absent",
      versions: { deno: "2" },
    },
    runs: [{ notebook: "01_s", meta, html: "01_s.html", executed: "", seconds: 1.5, errors: [] }],
    notRun: [{ path: "02.ipynb", meta: { stage: 2, title: "Two", status: "pending" } }],
    metrics: { "01_s": { headline: "3 offers" } },
  });
  assert.match(html, /<a href="01_s.html">Stats &lt;1&gt;<\/a>/);
  assert.match(html, /3 offers/);
  assert.match(html, /class="done">done/);
  assert.match(html, /class="pending">not run/);
  assert.match(html, /abc/);
  assert.doesNotMatch(html, /Models on real offers/, "no scoreboard, no models table");
});

Deno.test("the index's models table shows stage 6's grouped-fold scoreboard rows and the published reference", () => {
  const rows = [{ model: "rule teacher", "F1 micro [95 % CI]": "0.789 [0.770, 0.805]" }, {
    model: "teacher + text stack (ThemeStack)",
    "F1 micro [95 % CI]": "0.834 [0.816, 0.852]",
  }];
  const html = modelsSection({
    "06_training_evaluation": {
      scoreboard_rows: {
        labelled: 526,
        themes: rows,
        codes: [{ model: "evidence lookup", "F1 micro [95 % CI]": "0.788 [0.772, 0.803]" }],
      },
    },
  });
  assert.match(html, /<h2>Models on real offers<\/h2><p>Stage 6's scoreboard: 526 reference labels/);
  assert.match(
    html,
    /<h3>Themes \(6\)<\/h3>[\s\S]*teacher \+ text stack \(ThemeStack\)[\s\S]*0\.834 \[0\.816, 0\.852\]/,
  );
  assert.match(html, /<h3>Soft-skill codes per offer \(16\)<\/h3>[\s\S]*evidence lookup/);
  assert.match(html, /F1 micro 0\.883 \/ macro 0\.854/);
  assert.equal(modelsSection({ "06_training_evaluation": { scoreboard_rows: null } }), "");
});
