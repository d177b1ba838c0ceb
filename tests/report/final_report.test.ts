import assert from "node:assert/strict";
import { combineReport, executiveSummary } from "../../lib/report/final_report.ts";

const stages = [
  { stage: 1, title: "Descriptive statistics", notebook: "01_descriptive_stats", status: "done" },
  { stage: 2, title: "Language model", notebook: "02_language_model", status: "pending" },
  { stage: 9, title: "Economic analysis", notebook: "09_economic_analysis", status: "done" },
];
const metrics = {
  "01_descriptive_stats": { headline: "2000 offers, median 120 words <b>" },
  "09_economic_analysis": {
    headline: "60,000 offers labelled",
    reading: "Before 2020-03, 16.0 % of offers mention work-life balance.",
  },
};

Deno.test("the executive summary quotes the computed finding, the benchmark and each stage's headline, escaped", () => {
  const bench = {
    date: "2026-11-22T06:00:00Z",
    offers: 6_000_000,
    label: { seconds: 281.4, offers_per_second: 21322, peak_rss_bytes: 1.5 * 2 ** 30 },
    ratio: 3.4,
    slice: { agreement: { decision_agreement: 0.99991 } },
  };
  const html = executiveSummary(metrics, stages, bench, "report.html");
  assert.match(
    html,
    /<strong>Finding\.<\/strong> Before 2020-03, 16\.0 % of offers mention work-life balance\./,
  );
  assert.match(html, /labelled 6,000,000 offers in 281 s \(21,322 offers\/s, peak memory 1\.50 GiB\)/);
  assert.match(html, /3\.4× the scikit-learn peer's throughput, decisions identical .* on 99\.99 %/);
  assert.match(
    html,
    /<a href="report.html#stage-1">Stage 1 — Descriptive statistics<\/a>: 2000 offers, median 120 words &lt;b&gt;/,
  );
  assert.match(html, /Stage 2 — Language model<\/a>: <em>pending<\/em>/);
  assert.doesNotMatch(executiveSummary({}, stages, null), /Scale\./);
  assert.match(executiveSummary({}, stages, null), /has not run in this report/);
  const on = (kind: string) => ({
    ...metrics,
    "09_economic_analysis": {
      ...metrics["09_economic_analysis"],
      data: { kind, source: "jocas.csv", offers: 9, repeated: 0, first: null, last: null },
    },
  });
  assert.match(
    executiveSummary(on("findings"), stages, null),
    /<strong>Finding on jocas\.csv\.<\/strong> Before 2020-03/,
  );
  assert.match(
    executiveSummary(on("method check"), stages, null),
    /<strong>Method check on the generated corpus \(planted truth\), not a finding about the labour market\.<\/strong>/,
  );
});

Deno.test("the executive summary states the models' accuracy on real offers of unseen occupations when stage 6's scoreboard ran", () => {
  const e = (value: number, low: number, high: number) => ({
    value,
    interval: [low, high] as [number, number],
  });
  const scoreboard = {
    labelled: 526,
    themes: {
      model: "teacher + text stack (ThemeStack)",
      f1_micro: e(0.836, 0.816, 0.854),
      best_peer: "rule teacher",
      best_peer_f1_micro: e(0.789, 0.77, 0.805),
      difference: e(0.047, 0.032, 0.063),
    },
    codes: {
      model: "offer-level model (SkillCodeModel)",
      f1_micro: e(0.834, 0.82, 0.848),
      best_peer: "evidence lookup",
      best_peer_f1_micro: e(0.788, 0.772, 0.803),
      difference: null,
    },
    ceiling: { offers: 120, themes: e(0.835, 0.782, 0.89), codes: e(0.855, 0.801, 0.901) },
    skipped: [],
  };
  const html = executiveSummary({ ...metrics, "06_training_evaluation": { headline: "x", scoreboard } }, [
    ...stages,
    { stage: 6, title: "Training", notebook: "06_training_evaluation", status: "done" },
  ], null);
  assert.match(
    html,
    /<strong>Accuracy on real offers\.<\/strong> On 526 reference labels .*grouped by occupation/,
  );
  assert.match(
    html,
    /themes F1 micro 0\.836 \[0\.816, 0\.854\] \(teacher \+ text stack \(ThemeStack\); best peer rule teacher 0\.789\)/,
  );
  assert.match(html, /soft-skill codes per offer F1 micro 0\.834 \[0\.820, 0\.848\]/);
  assert.match(html, /agree with each other at 0\.835 \(themes\) and 0\.855 \(codes\) on the 120 offers/);
  assert.doesNotMatch(
    executiveSummary(
      { ...metrics, "06_training_evaluation": { headline: "x", scoreboard: null } },
      stages,
      null,
    ),
    /Accuracy on real offers/,
  );
});

Deno.test("the combined report keeps one head (styles, plotly) and every stage's body in order, anchored", () => {
  const page = (n: number, plotly: boolean) =>
    `<!doctype html><html><head><title>nb${n}</title><style>.jp{}</style>${
      plotly ? "<script data-jobs-plotly>/*plotly*/</script>" : ""
    }</head><body class="jp-Notebook" data-x="1"><main>stage ${n} body</main></body></html>`;
  const html = combineReport("<section>summary</section>", [{ stage: 1, title: "a", html: page(1, false) }, {
    stage: 3,
    title: "b",
    html: page(3, true),
  }], "commit abc");
  assert.equal(html.match(/data-jobs-plotly/g)?.length, 1);
  assert.ok(
    html.indexOf("summary") < html.indexOf("stage 1 body") &&
      html.indexOf("stage 1 body") < html.indexOf("stage 3 body"),
  );
  assert.match(
    html,
    /<section class="jobs-stage jp-Notebook" id="stage-3"><main>stage 3 body<\/main><\/section>/,
  );
  assert.doesNotMatch(html, /<title>nb/);
  assert.match(html, /commit abc/);
  assert.match(
    html,
    /<nav class="jobs-toc"><strong>Contents<\/strong><ol><li><a href="#stage-1">Stage 1 — a<\/a><\/li><li><a href="#stage-3">Stage 3 — b<\/a><\/li><\/ol><\/nav>/,
  );
  assert.match(
    html,
    /body:not\(\.jobs-show-code\) \.jp-CodeCell \.jp-Cell-inputWrapper\{display:none\}/,
    "code hidden in print by default",
  );
  assert.match(html, /<body>/);
  assert.match(
    combineReport("", [{ stage: 1, title: "a", html: page(1, false) }], "", { showCode: true }),
    /<body class="jobs-show-code">/,
  );
});
