/**
 * Figures and tables of stage 1 (descriptive statistics), built from a
 * {@link CorpusSummary}. Notebook 01 calls these for each corpus it shows.
 *
 * @example
 * ```ts
 * import { monthlyChart } from "./stage1.ts";
 * declare const showFigure: any; // your data
 * declare const summary: any; // your data
 * showFigure(monthlyChart(summary, "Offers per month"));
 * ```
 */
import type { CorpusSummary, Counts } from "../stats/mod.ts";
import type { LoadReport } from "../corpus/mod.ts";
import { barChart, binnedHistogram, type Figure, lineChart } from "./figures.ts";
import { number, percent } from "./tables.ts";

/** Histogram of words per offer. */
export function lengthHistogram(summary: CorpusSummary, title = "Words per offer"): Figure {
  const { edges, counts } = summary.length.histogram;
  const last = Math.max(0, counts.findLastIndex((c) => c > 0)) + 1;
  return binnedHistogram({
    edges: edges.slice(0, last),
    counts: counts.slice(0, last),
    step: edges[1] - edges[0],
    title,
    xTitle: "words",
    yTitle: "offers",
  });
}

/** Rows of the length table: overall characters and words, and words by section. */
export function lengthTable(summary: CorpusSummary) {
  const row = (
    what: string,
    q: { count: number; mean: number; p10: number; median: number; p90: number; max: number },
    empty?: number,
  ) => ({
    what,
    offers: q.count,
    mean: q.mean,
    p10: q.p10,
    median: q.median,
    p90: q.p90,
    max: q.max,
    empty: empty === undefined ? "" : percent(empty),
  });
  const s = summary.length.sections;
  return [
    row("characters (full text)", summary.length.chars),
    row("words (full text)", summary.length.words),
    row("words: company section", s.company, s.company.emptyShare),
    row("words: job section", s.job, s.job.emptyShare),
    row("words: profile section", s.profile, s.profile.emptyShare),
  ];
}

/** Horizontal bars of the most frequent terms. */
export function topTermsChart(terms: Counts, title: string, k = 25): Figure {
  const top = terms.slice(0, k);
  return barChart({
    x: top.map((t) => t.key),
    y: top.map((t) => t.count),
    horizontal: true,
    title,
    xTitle: "occurrences",
    height: 120 + 18 * top.length,
  });
}

/** Offers per month; months without any offer are drawn as gaps, not zeros. */
export function monthlyChart(summary: CorpusSummary, title = "Offers per month"): Figure {
  return lineChart({
    x: summary.byMonth.map((m) => m.month),
    series: [{ name: "offers", y: summary.byMonth.map((m) => (m.offers === 0 ? null : m.offers)) }],
    title: summary.gapMonths.length ? `${title} (gaps: ${summary.gapMonths.join(", ")})` : title,
    xTitle: "month",
    yTitle: "offers",
  });
}

/** Bars of counts by a category (région, sector, contract...). */
export function countsChart(counts: Counts, title: string, k = 30): Figure {
  const top = counts.slice(0, k);
  return barChart({
    x: top.map((c) => c.key),
    y: top.map((c) => c.count),
    horizontal: true,
    title,
    xTitle: "offers",
    height: 120 + 20 * top.length,
  });
}

/** Rows of the missing-value table, most missing first. */
export function missingTable(summary: CorpusSummary) {
  return [...summary.missing].sort((a, b) => b.share - a.share).map((m) => ({
    field: m.field,
    missing: m.missing,
    share: percent(m.share),
  }));
}

/** Rows describing a load: read, kept, quarantined by reason. */
export function loadTable(report: LoadReport) {
  return [
    { item: "file", value: report.file },
    { item: "format", value: report.format },
    { item: "text encoding", value: report.encoding },
    { item: "records read", value: number(report.read) },
    { item: "kept", value: number(report.kept) },
    { item: "quarantined", value: number(report.quarantined) },
    ...Object.entries(report.quarantine_reasons).map(([reason, count]) => ({
      item: `  quarantined: ${reason}`,
      value: number(count),
    })),
  ];
}

/** Rows of the duplicate table. */
export function duplicatesTable(summary: CorpusSummary) {
  const d = summary.duplicates;
  return [
    { kind: "exact (same cleaned text)", offers: d.exact, share: percent(d.exactShare) },
    { kind: "near (MinHash Jaccard ≥ 0.7)", offers: d.near, share: percent(d.nearShare) },
    { kind: "any", offers: d.exact + d.near, share: percent(d.exactShare + d.nearShare) },
  ];
}
