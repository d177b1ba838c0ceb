/**
 * Stage 9, economic analysis: the run's model labels the base, then themes
 * over time (raw and corrected for the model's error rates), by sector,
 * ROME family and région, before/after Covid with clustered bootstrap
 * intervals, an event study, and the coverage of the intervals over other
 * generator seeds. Notebook 09 shows the views in order.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { economicAnalysisStage } from "./economic_analysis.ts";
 * const stage = await economicAnalysisStage(loadConfig(), { focus: "WORK_LIFE_BALANCE" });
 * stage.metrics.headline; // "20,000 offers labelled (…); WORK_LIFE_BALANCE after Covid +4.1 [2.9, 5.3] points corrected…"
 * ```
 */
import type { RunConfig } from "../config.ts";
import {
  baseLimits,
  beforeAfter,
  BREAK_MONTH,
  breakCoverage,
  breakErrors,
  changesBy,
  compositionCell,
  correctSeries,
  coverageRates,
  coverageRows,
  coverageStudy,
  covers,
  describeSources,
  economicReading,
  employerCluster,
  errorRates,
  eventStudy,
  LABELLED_OFFERS,
  loess,
  monthlyShares,
  plantedByQuarter,
  plantedDifference,
  prepareLabelledBase,
  quarterOf,
  regionTiles,
  rollingMean,
  sharesBy,
  smoothEachSide,
  themeGrid,
  truthMonthly,
} from "../economics/mod.ts";
import { NAF_SECTIONS, ROME_DOMAINS, romeDomain } from "../corpus/mod.ts";
import { type Theme, THEMES } from "../base/mod.ts";
import {
  heatmap,
  labelUse,
  lineChart,
  note,
  type Part,
  percent,
  provenanceOf,
  smallMultiples,
  table,
  tileMap,
} from "../report/mod.ts";
import { type Estimate, formatEstimate } from "../stats/mod.ts";
import type { StageResult } from "./stage.ts";

/** The stage's parameters. */
export interface EconomicAnalysisOptions {
  /** Months of the centred rolling mean. @default 3 */
  rollingWindow?: number;
  /** Share of the months with data that each LOESS local fit uses. @default 0.2 */
  loessSpan?: number;
  /** Bootstrap replicates. @default 1000 */
  resamples?: number;
  /** The theme studied in depth, and its name in the reading. @default "WORK_LIFE_BALANCE", "work-life balance" */
  focus?: Theme;
  focusName?: string;
  /** Offers a sector, ROME family or région needs to be drawn. @default 50 */
  minGroup?: number;
  /** Dated offers on each side of the break for a group's change to be shown. @default 200 */
  minSide?: number;
  /** Generator seeds of the coverage study, other than the run's own. @default the run's seed + 1 … + 5 */
  coverageSeeds?: number[];
  /** Offers generated, and offers labelled, in each coverage run. @default 20000, LABELLED_OFFERS (2000) */
  coverageSize?: number;
  coverageLabelled?: number;
}

/** The notebook's views, in order. */
export type EconomicAnalysisView =
  | "base"
  | "errors"
  | "monthly"
  | "focus"
  | "groups"
  | "covid"
  | "changes"
  | "event"
  | "coverage"
  | "reading";

/** Runs stage 9 on the configured base (see the module doc). */
export async function economicAnalysisStage(
  config: RunConfig,
  options: EconomicAnalysisOptions = {},
): Promise<StageResult<EconomicAnalysisView>> {
  const {
    rollingWindow = 3,
    loessSpan = 0.2,
    resamples = 1000,
    focus: FOCUS = "WORK_LIFE_BALANCE",
    focusName = "work-life balance",
    minGroup = 50,
    minSide = 200,
  } = options;
  const coverageSeeds = options.coverageSeeds ?? [1, 2, 3, 4, 5].map((k) => config.seed + k);
  const { coverageSize = 20_000, coverageLabelled = LABELLED_OFFERS } = options;
  const run = await prepareLabelledBase(config, { size: config.baseSize });
  const { base, truth, summary } = run;
  const errors = run.validation.errors;
  const correction = Object.fromEntries(THEMES.map((t) => [t, breakErrors(run.validation, t)])) as Record<
    Theme,
    ReturnType<typeof breakErrors>
  >;
  const provenance = provenanceOf({
    generated: run.generated,
    source: run.source,
    dates: base.map((o) => o.month),
    repeated: run.repeated,
  });
  const views = {} as Record<EconomicAnalysisView, Part[]>;

  views.base = [
    table([{
      base: run.source,
      read: summary.read,
      kept: summary.kept,
      quarantined: summary.quarantined,
      "reposts set aside": run.repeated,
      analysed: base.length,
      partitions: summary.partitions,
      "written this run": summary.partitions_written,
    }], {
      caption:
        "The labelled base (label-all; partitions already labelled are never redone; a text posted several times counts once)",
    }),
    `The model (${
      run.model.split("/").pop()
    }: the labeller stage 6 validates and the demo serves) learnt from ${run.training.sure} sure labels of ${run.training.labelled} offers ` +
    `(labels from: ${describeSources(run.training.sources)}), with ${run.training.outputs} outputs.`,
    note(
      run.validation.message,
      run.validation.against === "truth" || !run.validation.sources?.teacher ? "note" : "warning",
    ),
  ];

  const against = run.validation.against === "truth"
    ? "the generator's truth"
    : run.validation.against === "labels"
    ? `their independent labels (${describeSources({ ...run.validation.sources!, teacher: 0 })})`
    : "nothing yet: no held-out offer has a label independent of the rule teacher, so the rates are unknown";
  views.errors = [table(
    THEMES.map((t) => {
      const e = errors[t];
      const { precision, recall, factor } = errorRates(e);
      const [b, a] = [run.validation.errorsByPeriod[t].before, run.validation.errorsByPeriod[t].after].map((
        x,
      ) => errorRates(x));
      return {
        theme: t,
        "true pos.": e.tp,
        "false pos.": e.fp,
        "false neg.": e.fn,
        precision: precision ?? "n/a",
        recall: recall ?? "n/a",
        "correction P/R": factor ?? "n/a (no true positive)",
        "P / R before": `${b.precision?.toFixed(3) ?? "n/a"} / ${b.recall?.toFixed(3) ?? "n/a"}`,
        "P / R after": `${a.precision?.toFixed(3) ?? "n/a"} / ${a.recall?.toFixed(3) ?? "n/a"}`,
        "correction used": correction[t].why,
      };
    }),
    { caption: `The model on ${run.validation.offers} held-out offers, against ${against}` },
  )];

  const monthly = Object.fromEntries(
    THEMES.map((t) => [t, monthlyShares(base, (o) => o.themes[t])]),
  ) as Record<Theme, ReturnType<typeof monthlyShares>>;
  const months = monthly[FOCUS].months;
  const gaps = months.filter((_, i) => monthly[FOCUS].n[i] === 0);
  views.monthly = [
    smallMultiples(
      THEMES.map((t) => ({
        title: t,
        figure: lineChart({
          x: months,
          yTitle: "share of offers",
          marker: { x: BREAK_MONTH, label: "March 2020" },
          series: [
            { name: "monthly share", y: monthly[t].share },
            {
              name: `LOESS (span ${loessSpan}), each side of the break`,
              y: smoothEachSide(months, monthly[t].share, BREAK_MONTH, (side) => loess(side, loessSpan)),
            },
          ],
        }),
      })),
      {
        title: "Monthly share of offers mentioning each theme (raw, the run's model)",
        columns: 3,
        sharedY: true,
      },
    ),
    note(
      gaps.length
        ? `Months with no offer collected: ${gaps.join(", ")} — drawn as gaps.`
        : "No month without offers.",
    ),
  ];

  const corrected = correctSeries(months, monthly[FOCUS].share, correction[FOCUS].errors);
  const truthSeries = truth ? truthMonthly(base, truth, FOCUS) : null;
  const focusPanel = (series: { name: string; y: (number | null)[]; dash?: string }[]) =>
    lineChart({
      x: months,
      yTitle: "share of offers",
      marker: { x: BREAK_MONTH, label: "March 2020" },
      series,
    });
  views.focus = [smallMultiples([
    {
      title: "monthly: raw and corrected",
      figure: focusPanel([
        { name: "raw", y: monthly[FOCUS].share, dash: "dot" },
        { name: `corrected (× P/R${correction[FOCUS].perPeriod ? " of each period" : ""})`, y: corrected },
        ...(truthSeries
          ? [{ name: "truth: realised share", y: truthSeries.realised.share, dash: "dash" }]
          : []),
      ]),
    },
    {
      title: "smoothed, each side of the break apart",
      figure: focusPanel([
        {
          name: `rolling mean, ${rollingWindow} months (corrected)`,
          y: smoothEachSide(months, corrected, BREAK_MONTH, (side) => rollingMean(side, rollingWindow)),
        },
        {
          name: `LOESS, span ${loessSpan} (corrected)`,
          y: smoothEachSide(months, corrected, BREAK_MONTH, (side) => loess(side, loessSpan)),
        },
        ...(truthSeries
          ? [{ name: "truth: planted probability", y: truthSeries.expected.share, dash: "longdash" }]
          : []),
      ]),
    },
  ], {
    title: `${FOCUS}: monthly share`,
    columns: 1,
    sharedY: true,
    distinctSeries: true,
    panelHeight: 300,
  })];

  const sectors = themeGrid(base, (o) => o.naf_section, NAF_SECTIONS, THEMES, minGroup);
  const families = themeGrid(base, (o) => romeDomain(o.rome), ROME_DOMAINS, THEMES, minGroup);
  const regionShares = sharesBy(base, (o) => o.region, (o) => o.themes[FOCUS], minGroup);
  const tooSmall = (what: string) =>
    note(`No ${what} has ${minGroup} offers or more in this base: the figure is left out.`);
  views.groups = [
    sectors.groups.length
      ? heatmap({
        title: "Share of offers mentioning each theme, by NAF section",
        z: sectors.z,
        x: [...THEMES],
        y: sectors.labels,
        format: (v) => v.toFixed(2),
      })
      : tooSmall("NAF section"),
    families.groups.length
      ? heatmap({
        title: "…by ROME family (grand domaine)",
        z: families.z,
        x: [...THEMES],
        y: families.labels,
        format: (v) => v.toFixed(2),
      })
      : tooSmall("ROME family"),
    regionShares.some((g) => g.group !== "unknown")
      ? tileMap({ title: `${FOCUS}: share of offers by région`, tiles: regionTiles(regionShares) })
      : tooSmall("région"),
  ];

  const coverage = breakCoverage(base);
  const covid = coverage.testable
    ? Object.fromEntries(
      THEMES.map((t) => [
        t,
        beforeAfter(base, {
          value: (o) => o.themes[t],
          cell: compositionCell,
          cluster: employerCluster,
          errors: correction[t].errors,
          resamples,
          seed: config.seed,
        }),
      ]),
    ) as Record<Theme, ReturnType<typeof beforeAfter>>
    : null;
  const planted = truth && covid
    ? Object.fromEntries(THEMES.map((t) => [t, plantedDifference(base, truth, t).expected])) as Record<
      Theme,
      number
    >
    : null;
  const interval = (e: Estimate) => formatEstimate(e, { points: true, missing: "unknown (no error rates)" });
  const untestable = note(`Not testable on this base: ${coverage.reason}.`, "warning");
  views.covid = [
    !covid ? untestable : table(
      THEMES.map((t) => ({
        theme: t,
        "before": percent(covid[t].before.value),
        "after": percent(covid[t].after.value),
        "raw Δ (points)": interval(covid[t].raw),
        "adjusted Δ": interval(covid[t].adjusted),
        "corrected Δ": interval(covid[t].corrected!.raw),
        "corrected, adjusted Δ": interval(covid[t].corrected!.adjusted),
        ...(planted
          ? {
            "planted Δ": `${planted[t] >= 0 ? "+" : ""}${(100 * planted[t]).toFixed(1)}`,
            "corrected interval holds it": covers(covid[t].corrected!.raw, planted[t]) ? "yes" : "NO",
          }
          : {}),
        correction: correction[t].perPeriod ? "P/R per period" : "pooled P/R",
      })),
      {
        caption: `Shares before/after ${
          covid[FOCUS].breakMonth
        }; differences in percentage points with 95 % intervals; ${
          covid[FOCUS].cells.common
        } sector × région × ROME-family × contract cells in both periods, holding ${
          percent(covid[FOCUS].cells.beforeInCommon)
        } of the offers before; bootstrap clustered by employer (${
          covid[FOCUS].clusters.toLocaleString("en")
        } employers named, the other offers drawn alone)`,
      },
    ),
  ];

  const changeRows = (key: (o: typeof base[number]) => string | null, names: Record<string, string>) =>
    changesBy(base, key, {
      value: (o) => o.themes[FOCUS],
      cell: compositionCell,
      cluster: employerCluster,
      errors: errors[FOCUS],
      resamples,
      seed: config.seed,
      minOffers: minSide,
    })
      .map((r) => ({
        group: names[r.group] ? `${r.group} ${names[r.group]}` : r.group,
        "offers before": r.before,
        "offers after": r.after,
        "raw Δ (points)": interval(r.raw),
        "corrected Δ": r.corrected ? interval(r.corrected) : "n/a",
      }));
  views.changes = !covid ? [untestable] : [
    table(changeRows((o) => o.naf_section, NAF_SECTIONS), {
      caption: `${FOCUS}: change at ${BREAK_MONTH} by NAF section (95 % intervals)`,
    }),
    table(changeRows((o) => o.region, {}), {
      caption: `${FOCUS}: change at ${BREAK_MONTH} by région (95 % intervals)`,
    }),
  ];

  const event = coverage.testable
    ? eventStudy(base, {
      value: (o) => o.themes[FOCUS],
      cluster: employerCluster,
      errors: correction[FOCUS].errors,
      resamples,
      seed: config.seed,
    })
    : null;
  const plantedEvent = truth && event ? plantedByQuarter(base, truth, FOCUS, event.reference) : null;
  views.event = [
    !event ? note(`No event study: ${coverage.reason}.`) : lineChart({
      title: `${FOCUS}: effect by quarter relative to ${event.reference} (corrected)`,
      x: event.quarters.map((q) => q.quarter),
      yTitle: "difference in share",
      height: 420,
      marker: { x: quarterOf(BREAK_MONTH), label: "March 2020" },
      categorical: true,
      bands: [{
        name: "95 % interval",
        low: event.quarters.map((q) => q.interval[0]),
        high: event.quarters.map((q) => q.interval[1]),
      }],
      series: [
        { name: "estimate", y: event.quarters.map((q) => q.effect) },
        ...(plantedEvent
          ? [{
            name: "planted",
            y: event.quarters.map((q) => plantedEvent.get(q.quarter) ?? null),
            dash: "dash",
          }]
          : []),
      ],
    }),
  ];

  const coverageResult = run.generated
    ? await coverageStudy(config, { seeds: coverageSeeds, size: coverageSize, labelled: coverageLabelled })
    : null;
  views.coverage = [
    coverageResult
      ? table(coverageRows(coverageResult), {
        caption:
          `Runs whose 95 % interval holds the planted change, over ${coverageSeeds.length} generator seeds (${
            coverageSeeds.join(", ")
          }), ${coverageSize.toLocaleString("en")} offers each`,
      })
      : note("No coverage study: it needs the generator's planted truth (the default data).", "note"),
  ];

  const all = sharesBy(base, () => "all", (o) => o.themes[FOCUS])[0];
  const pooledFactor = errorRates(errors[FOCUS]).factor; // the whole base spans both periods: the pooled factor
  const reading = economicReading({
    label: focusName,
    covid: covid?.[FOCUS] ?? null,
    coverage,
    sectorNames: NAF_SECTIONS,
    planted: planted?.[FOCUS],
    overall: {
      n: all.n,
      share: all.share,
      corrected: pooledFactor === null ? null : all.share * pooledFactor,
    },
    sectors: sharesBy(base, (o) => o.naf_section, (o) => o.themes[FOCUS]),
    regions: regionShares,
    limits: baseLimits(run),
  });
  views.reading = [reading];

  const focused = covid?.[FOCUS].corrected ?? null;
  const metrics = {
    data: provenance,
    headline:
      `${base.length.toLocaleString("en")} offers labelled (${
        run.repeated.toLocaleString("en")
      } reposts set aside); ` +
      (focused
        ? `${FOCUS} after Covid ${interval(focused.raw)} points corrected` +
          (planted
            ? ` (planted ${(100 * planted[FOCUS]).toFixed(1)}: ${
              covers(focused.raw, planted[FOCUS]) ? "recovered" : "NOT recovered"
            }; planted change inside the corrected interval for ${
              THEMES.filter((t) => covers(covid![t].corrected!.raw, planted[t])).length
            } of ${THEMES.length} themes)`
            : "")
        : `${FOCUS} in ${percent(all.share)} of offers; no before/after-Covid comparison (${
          coverage.firstMonth ?? "no dates"
        } to ${coverage.lastMonth ?? "-"})`),
    reading,
    offers: base.length,
    repeated: run.repeated,
    quarantined: summary.quarantined,
    labels: {
      training: run.training.sources,
      sure: run.training.sure,
      validation: run.validation.sources,
      against: run.validation.against,
    },
    labels_used: [
      labelUse("training the run's model", run.training.sources, run.training.sure),
      labelUse(
        "error rates (held-out sample)",
        run.validation.against === "truth"
          ? { truth: run.validation.offers }
          : { ...run.validation.sources!, teacher: 0 },
      ),
    ],
    covid: covid
      ? Object.fromEntries(THEMES.map((t) => [t, {
        raw: covid[t].raw,
        adjusted: covid[t].adjusted,
        corrected: covid[t].corrected!.raw,
        corrected_adjusted: covid[t].corrected!.adjusted,
        planted: planted?.[t] ?? null,
        covered: planted ? covers(covid[t].corrected!.raw, planted[t]) : null,
        correction: correction[t].perPeriod ? "per period" : "pooled",
      }]))
      : null,
    coverage,
    validation: errors,
    validation_by_period: run.validation.errorsByPeriod,
    coverage_study: coverageResult
      ? { seeds: coverageResult.seeds, size: coverageResult.size, ...coverageRates(coverageResult) }
      : null,
  };
  return { views, metrics };
}
