/**
 * Stage 3, labelling strategy: the codebook, the labelling budget, the
 * diverse sample (farthest-point over TF-IDF or embeddings, stratified)
 * against a random sample of the same size — coverage, redundancy, near
 * duplicates, sector and région shares — and the offers the teacher is
 * least sure of. Notebook 03 shows the views in order.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { labellingStrategyStage } from "./labelling_strategy.ts";
 * const stage = await labellingStrategyStage(loadConfig());
 * stage.metrics.sample_ids; // the offers stage 5 labels
 * ```
 */
import type { RunConfig } from "../config.ts";
import { openRunCorpus } from "../corpus/mod.ts";
import {
  CODEBOOK,
  labelBudget,
  labelWithRules,
  randomSample,
  runLabelSample,
  sampleQuality,
  stratumShares,
  uncertaintySample,
} from "../labelling/mod.ts";
import { THEMES } from "../base/mod.ts";
import { dot } from "../represent/mod.ts";
import { groupedBars, histograms, note, type Part, runProvenance, table } from "../report/mod.ts";
import type { StageResult } from "./stage.ts";

/** The stage's parameters. */
export interface LabellingStrategyOptions {
  /** The offer whose nearest neighbours are shown (its index). @default 0 */
  probe?: number;
  /** Offers the teacher is least sure of, proposed for the next round. @default 50 */
  uncertain?: number;
}

/** The notebook's views, in order. */
export type LabellingStrategyView = "codebook" | "neighbours" | "quality" | "strata" | "uncertain" | "chosen";

/** Runs stage 3 (see the module doc). */
export async function labellingStrategyStage(
  config: RunConfig,
  options: LabellingStrategyOptions = {},
): Promise<StageResult<LabellingStrategyView>> {
  const { probe = 0, uncertain: proposed = 50 } = options;
  const views = {} as Record<LabellingStrategyView, Part[]>;
  views.codebook = [
    `Codebook ${CODEBOOK.version}. ${CODEBOOK.confidence_scale}`,
    table(
      CODEBOOK.themes.map((t) => ({
        code: t.code,
        theme: t.name,
        "present when": t.present_when,
        "not enough": t.not_enough,
      })),
      { caption: "Themes" },
    ),
    table(
      CODEBOOK.soft_skills.map((s) => ({
        code_ogr: s.code_ogr,
        "soft skill": s.label,
        "typical wordings": s.cues.join(", "),
      })),
      { caption: "Soft skills (ROME 4.0)" },
    ),
    table(CODEBOOK.rules.map((r) => ({ rule: r })), { caption: "Rules" }),
  ];

  const corpus = await openRunCorpus(config);
  const offers = corpus.offers;
  const budget = labelBudget(offers.length);
  const { vectors, strata, indices: diverse, space } = await runLabelSample(config, offers, budget);
  const neighbours = offers.map((_, i) => ({ i, similarity: dot(vectors[probe], vectors[i]) }))
    .filter((x) => x.i !== probe).sort((a, b) => b.similarity - a.similarity || a.i - b.i).slice(0, 4);
  const excerpt = (i: number) => offers[i].text.slice(0, 160) + "…";
  views.neighbours = [
    table([
      { offer: offers[probe].id, similarity: 1, text: excerpt(probe) },
      ...neighbours.map((n) => ({ offer: offers[n.i].id, similarity: n.similarity, text: excerpt(n.i) })),
    ], {
      caption: `An offer and its nearest neighbours (cosine on ${
        space === "tfidf" ? "TF-IDF" : `embeddings of ${config.encoder}`
      })`,
    }),
  ];

  const random = randomSample(offers.length, budget, config.seed);
  const qualityDiverse = sampleQuality(vectors, diverse);
  const qualityRandom = sampleQuality(vectors, random);
  const fixed = (v: unknown) => Number(v).toFixed(3);
  views.quality = [
    `Labelling budget: ${budget} of ${offers.length} offers.`,
    table([
      {
        measure: "coverage: mean similarity to the closest sampled offer (higher is better)",
        diverse: qualityDiverse.coverage,
        random: qualityRandom.coverage,
      },
      {
        measure: "coverage, 5th percentile (higher is better)",
        diverse: qualityDiverse.worstCoverage,
        random: qualityRandom.worstCoverage,
      },
      {
        measure: "redundancy: mean similarity within the sample (lower is better)",
        diverse: qualityDiverse.redundancy,
        random: qualityRandom.redundancy,
      },
      {
        measure: "near-duplicate pairs in the sample (lower is better)",
        diverse: qualityDiverse.nearDuplicatePairs,
        random: qualityRandom.nearDuplicatePairs,
      },
    ], { caption: "Diverse vs random sample of the same size", format: { diverse: fixed, random: fixed } }),
    histograms({
      series: [{ name: "diverse", values: qualityDiverse.nearest }, {
        name: "random",
        values: qualityRandom.nearest,
      }],
      binSize: 0.02,
      start: 0,
      end: 1,
      title: "Similarity of each offer to its closest sampled offer",
      xTitle: "cosine similarity",
      yTitle: "offers",
    }),
  ];

  const all = offers.map((_, i) => i);
  const shareChart = (dim: "sector" | "region", title: string) => {
    const population = stratumShares(strata, all, dim);
    const categories = [...population.keys()].sort((a, b) => population.get(b)! - population.get(a)!);
    const d = stratumShares(strata, diverse, dim);
    const r = stratumShares(strata, random, dim);
    return groupedBars({
      categories,
      title,
      yTitle: "share of offers",
      series: [
        { name: "population", values: categories.map((c) => population.get(c) ?? 0) },
        { name: "diverse sample", values: categories.map((c) => d.get(c) ?? 0) },
        { name: "random sample", values: categories.map((c) => r.get(c) ?? 0) },
      ],
    });
  };
  views.strata = [shareChart("sector", "Sectors"), shareChart("region", "Régions")];

  const teacherProbabilities = offers.map((o) => {
    const { record } = labelWithRules(o);
    return THEMES.map((t) => record.themes[t] / 100);
  });
  const uncertain = uncertaintySample(teacherProbabilities, Math.min(proposed, offers.length));
  views.uncertain = [
    `The ${uncertain.length} offers the teacher is least sure about would make the next round; ` +
    `${uncertain.filter((i) => diverse.includes(i)).length} of them are already in the diverse sample.`,
  ];
  views.chosen = [note(`Sample of ${budget} offers chosen; stage 5 labels it.`)];

  const metrics = {
    data: runProvenance(corpus),
    headline:
      `${budget}-offer diverse sample: 5th-percentile coverage ${
        qualityDiverse.worstCoverage.toFixed(3)
      } vs ${qualityRandom.worstCoverage.toFixed(3)} random, ` +
      `${qualityDiverse.nearDuplicatePairs} vs ${qualityRandom.nearDuplicatePairs} near-duplicate pairs`,
    budget,
    diverse: {
      coverage: qualityDiverse.coverage,
      worst: qualityDiverse.worstCoverage,
      redundancy: qualityDiverse.redundancy,
      duplicates: qualityDiverse.nearDuplicatePairs,
    },
    random: {
      coverage: qualityRandom.coverage,
      worst: qualityRandom.worstCoverage,
      redundancy: qualityRandom.redundancy,
      duplicates: qualityRandom.nearDuplicatePairs,
    },
    sample_ids: diverse.map((i) => offers[i].id),
    uncertain: uncertain.length,
  };
  return { views, metrics };
}
