/**
 * Stage 1, descriptive statistics: the run's corpus as it is (reposts
 * included) — load report, lengths, frequent words and bigrams, spelling,
 * missing values, offers by month, région, département, sector and
 * contract, duplicates — and the same for the real sample where
 * ../shared has one. Notebook 01 shows the views in order.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { descriptiveStatsStage } from "./descriptive_stats.ts";
 * const stage = await descriptiveStatsStage(loadConfig());
 * stage.metrics.headline; // "20000 offers, median 180 words, …"
 * ```
 */
import type { RunConfig } from "../config.ts";
import { openRunCorpus, plantedDuplicateShares } from "../corpus/mod.ts";
import { describeOffers } from "../stats/mod.ts";
import { Spellchecker, spellcheckTexts } from "../text/mod.ts";
import { html, note, type Part, percent, runProvenance, table } from "../report/mod.ts";
import * as stage1 from "../report/mod.ts";
import type { StageResult } from "./stage.ts";

/** The stage's parameters. */
export interface DescriptiveStatsOptions {
  /** Offers spell-checked (a seeded sample). @default 400 */
  spellcheckOffers?: number;
}

/** The notebook's views, in order. */
export type DescriptiveStatsView =
  | "parameters"
  | "load"
  | "lengths"
  | "terms"
  | "spelling"
  | "missing"
  | "counts"
  | "duplicates"
  | "real"
  | "headline";

/** Runs stage 1 (see the module doc). */
export async function descriptiveStatsStage(
  config: RunConfig,
  options: DescriptiveStatsOptions = {},
): Promise<StageResult<DescriptiveStatsView>> {
  const { spellcheckOffers = 400 } = options;
  const views = {} as Record<DescriptiveStatsView, Part[]>;
  views.parameters = [table([
    { parameter: "data", value: config.data },
    { parameter: "format", value: config.format },
    config.data === "default"
      ? { parameter: "generated offers", value: config.corpusSize }
      : { parameter: "sample", value: config.sample || "all" },
    { parameter: "seed", value: config.seed },
    { parameter: "real sample", value: config.realData ?? "absent: real-data section skipped" },
  ], { caption: "Run parameters" })];

  const corpus = await openRunCorpus(config, "data", { distinct: false }); // stage 1 describes the file as it is, reposts included
  const summary = describeOffers(corpus.offers);
  views.load = [table(stage1.loadTable(corpus.report), { caption: `Load of the ${corpus.source}` })];
  views.lengths = [
    stage1.lengthHistogram(summary),
    table(stage1.lengthTable(summary), { caption: "Length of offers and of their sections" }),
  ];
  views.terms = [
    stage1.topTermsChart(summary.topWords, "Most frequent words"),
    stage1.topTermsChart(summary.topBigrams, "Most frequent bigrams"),
  ];

  const checker = await Spellchecker.create();
  const spelling = spellcheckTexts(checker, corpus.offers.map((o) => o.text), {
    sample: spellcheckOffers,
    seed: config.seed,
  });
  views.spelling = [
    `${spelling.offersChecked} offers checked: ${spelling.tokens} tokens, ${spelling.unknown} unknown (${
      percent(spelling.unknownShare)
    }).`,
    table(spelling.top, {
      caption: "Most frequent unknown words",
      labels: { suggestion: "first suggestion" },
    }),
  ];
  views.missing = [table(stage1.missingTable(summary), { caption: "Missing values by field" })];
  views.counts = [
    stage1.monthlyChart(summary),
    stage1.countsChart(summary.byRegion, "Offers by région"),
    stage1.countsChart(summary.byDepartement, "Offers by département (top 30)"),
    stage1.countsChart(summary.bySector, "Offers by sector (NAF section)"),
    stage1.countsChart(summary.byContract, "Offers by contract type"),
  ];

  const planted = corpus.truth ? plantedDuplicateShares(corpus.truth, corpus.offers) : null;
  views.duplicates = [
    table(stage1.duplicatesTable(summary), { caption: "Duplicates" }),
    planted &&
    note(
      `Generated corpus: the generator planted ${percent(planted.exact)} exact and ${
        percent(planted.near)
      } near ` +
        `reposts; the detector found ${percent(summary.duplicates.exactShare)} and ${
          percent(summary.duplicates.nearShare)
        }.`,
    ),
  ];

  const real = config.realData ? await openRunCorpus(config, "real", { distinct: false }) : null;
  const realSummary = real ? describeOffers(real.offers) : null;
  const realSpelling = real
    ? spellcheckTexts(checker, real.offers.map((o) => o.text), {
      sample: spellcheckOffers,
      seed: config.seed,
    })
    : null;
  views.real = real && realSummary && realSpelling
    ? [
      table(stage1.loadTable(real.report), { caption: "Load of the real sample" }),
      stage1.lengthHistogram(realSummary, "Real sample: words per offer"),
      table(stage1.lengthTable(realSummary), { caption: "Real sample: lengths" }),
      stage1.topTermsChart(realSummary.topWords, "Real sample: most frequent words"),
      stage1.topTermsChart(realSummary.topBigrams, "Real sample: most frequent bigrams"),
      `Real sample spelling: ${percent(realSpelling.unknownShare)} unknown tokens.`,
      table(realSpelling.top.slice(0, 10), { caption: "Real sample: most frequent unknown words" }),
      table(stage1.missingTable(realSummary), { caption: "Real sample: missing values" }),
      stage1.monthlyChart(realSummary, "Real sample: offers per month"),
      stage1.countsChart(realSummary.byRegion, "Real sample: offers by région"),
      stage1.countsChart(realSummary.bySector, "Real sample: offers by sector"),
      table(stage1.duplicatesTable(realSummary), { caption: "Real sample: duplicates" }),
    ]
    : [note("../shared/data is absent: the real-sample section is skipped.", "warning")];

  const headline = `${summary.offers} offers, median ${summary.length.words.median} words, ` +
    `${percent(summary.duplicates.exactShare + summary.duplicates.nearShare)} duplicates, ` +
    `${percent(spelling.unknownShare)} unknown words` +
    (realSummary ? `; real sample: ${realSummary.offers} offers` : "");
  views.headline = [html(`<p><strong>${headline}</strong></p>`)];
  const metrics = {
    data: runProvenance(corpus),
    real_data: real ? runProvenance(real) : null,
    headline,
    offers: summary.offers,
    quarantined: corpus.report.quarantined,
    words: summary.length.words,
    top_words: summary.topWords.slice(0, 10),
    top_bigrams: summary.topBigrams.slice(0, 10),
    missing: summary.missing,
    months: summary.byMonth.length,
    gap_months: summary.gapMonths,
    duplicates: summary.duplicates,
    spelling_unknown_share: spelling.unknownShare,
    real: realSummary
      ? { offers: realSummary.offers, words: realSummary.length.words, duplicates: realSummary.duplicates }
      : null,
  };
  return { views, metrics };
}
