/**
 * Stage 7, soft-skill clustering: the soft-skill spans of the corpus (and of
 * the reference labels' evidence) normalised, reduced to principal
 * components, clustered by k-means with k chosen by silhouette, checked
 * against average linkage, DBSCAN, the labelled codes and for stability, in
 * TF-IDF and in embeddings, matched to ROME and ESCO, written as the
 * registry the demo loads, and checked on held-out real evidence: the real
 * spans alone are clustered in both spaces and at several reductions.
 * Notebook 07 shows the views in order.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { skillClusteringStage } from "./skill_clustering.ts";
 * const stage = await skillClusteringStage(loadConfig(), { space: "tfidf" });
 * stage.metrics.version; // the registry's version, written to reports/registry/
 * ```
 */
import type { RunConfig } from "../config.ts";
import { openRunCorpus } from "../corpus/mod.ts";
import { loadLabelled, loadReference, referenceLabelFiles } from "../labelling/mod.ts";
import {
  adjustedRandIndex,
  buildRegistry,
  collectSpans,
  groupSpans,
  kChoiceNote,
  loadTaxonomies,
  type Registry,
  registryCoverage,
  registryTexts,
  writeRegistry,
} from "../cluster/mod.ts";
import { encoderName, pretrainedEncoder, runEmbeddings } from "../lm/mod.ts";
import {
  lineChart,
  note,
  type Part,
  percent,
  provenanceOf,
  runProvenance,
  scatterGroups,
  table,
} from "../report/mod.ts";
import { softSkillLabel } from "../base/mod.ts";
import type { StageResult } from "./stage.ts";

/** The stage's parameters. */
export interface SkillClusteringOptions {
  /** The space the registry is built from (both are shown). @default "tfidf" */
  space?: "tfidf" | "embeddings";
  /** Most frequent normalised spans listed. @default 15 */
  topSpans?: number;
  /** Held-out wordings the registry does not know, listed. @default 12 */
  gaps?: number;
  /** Principal components the spans are clustered on (0: the whole space). @default 16 */
  components?: number;
  /** Other reductions the real spans are also clustered at, for comparison. @default [0, 8, 32] */
  otherComponents?: number[];
}

/** The notebook's views, in order. */
export type SkillClusteringView =
  | "spans"
  | "groups"
  | "clusters"
  | "spaces"
  | "registry"
  | "heldOut"
  | "map"
  | "written";

// deno-lint-ignore no-explicit-any
type Method = Record<string, any>;

/** Runs stage 7 (see the module doc); writes the registry to `<reportDir>/registry`. */
export async function skillClusteringStage(
  config: RunConfig,
  options: SkillClusteringOptions = {},
): Promise<StageResult<SkillClusteringView>> {
  const { space = "tfidf", topSpans = 15, gaps = 12, components = 16, otherComponents = [0, 8, 32] } =
    options;
  const views = {} as Record<SkillClusteringView, Part[]>;
  const corpus = await openRunCorpus(config);
  const reference = await loadReference(config);
  const spans = collectSpans(corpus.offers, { detector: true, reference: reference?.records });
  const taxonomies = await loadTaxonomies(config.taxonomiesDir);
  const bySource = new Map<string, number>();
  for (const s of spans) bySource.set(s.source, (bySource.get(s.source) ?? 0) + 1);
  views.spans = [
    table([...bySource].map(([source, count]) => ({ source, spans: count })), {
      caption: `Soft-skill spans of ${corpus.source}${
        reference ? " and of the reference labels' evidence" : ""
      }`,
    }),
    note(`Taxonomies: ${taxonomies.source}.`),
  ];

  const groups = groupSpans(spans);
  views.groups = [table(
    groups.slice(0, topSpans).map((g) => ({
      "normalised span": g.text,
      count: g.weight,
      "raw wordings": [...g.raw.keys()].slice(0, 4).join(" · "),
    })),
    {
      caption:
        `${groups.length} distinct normalised spans (spans longer than 4 words once normalised are sentences, left out)`,
    },
  )];

  const result = buildRegistry(spans, { taxonomies, seed: config.seed, components });
  const m = result.registry.method as Method;
  views.clusters = [
    lineChart({
      title: "Mean silhouette by number of clusters",
      x: result.choice.scores.map((s) => s.k),
      series: [{ name: "silhouette (cosine)", y: result.choice.scores.map((s) => s.silhouette) }],
      xTitle: "k",
      height: 320,
    }),
    kChoiceNote(result.choice) ? note(kChoiceNote(result.choice)!, "warning") : null,
    table([
      { method: `k-means, k = ${m.k}`, clusters: m.k, "noise share": 0, "ARI with k-means": 1 },
      {
        method: "average linkage, same k",
        clusters: m.k,
        "noise share": 0,
        "ARI with k-means": m.density.ari_average_linkage,
      },
      {
        method: `DBSCAN (${m.reduction ? "same components" : "whole space"}, radius ${m.density.eps})`,
        clusters: m.density.dbscan_clusters,
        "noise share": m.density.dbscan_noise_share,
        "ARI with k-means": m.density.ari_on_dbscan_points,
      },
    ], {
      caption: `The clusterings compared (${reductionText(m)}; DBSCAN's ARI on the points it clusters)`,
    }),
    note(
      `ARI of the k-means clusters with the soft-skill code the labellers gave each span most often: ${m.density.ari_labelled_codes} (1: the clusters are the 16 codes; 0: no better than chance).`,
    ),
    table([{
      "bootstrap samples": m.stability.bootstraps,
      "mean ARI, bootstrap": m.stability.mean_ari_bootstrap,
      "mean ARI, 5 other seeds": m.stability.mean_ari_other_seeds,
      "stable clusters kept": m.kept,
      "unstable dropped": m.dropped_unstable,
    }], { caption: "Stability" }),
  ];

  const spanTexts = registryTexts(spans, taxonomies);
  const pretrained = pretrainedEncoder(config);
  const spanEncoder = "missing" in pretrained
    ? { name: encoderName(config.encoder), embed: (texts: string[]) => runEmbeddings(config, texts) }
    : pretrained;
  const spanVectors = await spanEncoder.embed(spanTexts);
  const embeddingOptions = (vectorsOf: string[], vectors: Float32Array[]) => ({
    taxonomies,
    seed: config.seed,
    components,
    embeddings: new Map(vectorsOf.map((t, i) => [t, vectors[i]])),
    embeddingModel: spanEncoder.name,
  });
  const embedded = buildRegistry(spans, embeddingOptions(spanTexts, spanVectors));
  const em = embedded.registry.method as Method;
  const spaceAri = adjustedRandIndex(result.labels, embedded.labels);
  const chosen = space === "tfidf" ? result : embedded;
  views.spaces = [
    table([
      clusteringRow("TF-IDF (words, character 3-5-grams)", result.registry),
      clusteringRow(`embeddings (${spanEncoder.name})`, embedded.registry),
    ], { caption: "The two representations of the spans" }),
    note(
      `Adjusted Rand index between the TF-IDF and the embedding k-means clusterings: ${
        spaceAri.toFixed(3)
      }. The registry below is built from ${
        space === "tfidf" ? "TF-IDF" : "the embeddings"
      } (parameter space).`,
    ),
    "missing" in pretrained
      ? note(`The embeddings are the run's encoder's: ${pretrained.missing}.`, "warning")
      : null,
  ];

  const unstable = chosen.all.filter((c) => !chosen.registry.clusters.some((k) => k.id === c.id));
  views.registry = [
    table(
      chosen.registry.clusters.map((c) => ({
        id: c.id,
        name: c.name,
        spans: c.size,
        stability: c.stability,
        examples: c.examples.slice(0, 3).join(" · "),
        words: c.terms.slice(0, 4).join(", "),
        "ROME (similarity)": `${c.rome.label} (${c.rome.similarity.toFixed(2)})`,
        "ESCO (similarity)": c.esco ? `${c.esco.label} (${c.esco.similarity.toFixed(2)})` : "—",
        "labelled as (share)": `${c.labelled_as.label} (${c.labelled_as.share.toFixed(2)})`,
        "new?": c.candidate_new ? "candidate" : "",
      })),
      { caption: `Registry ${chosen.registry.version}` },
    ),
    unstable.length
      ? note(
        `Left out as unstable (stability < 0.5): ${
          unstable.map((c) => `${c.name} (${c.stability.toFixed(2)})`).join("; ")
        }.`,
      )
      : null,
  ];

  const heldOutFiles = referenceLabelFiles(config).slice(1); // label files stage 7's input did not include
  const heldOut = config.realData && heldOutFiles.length
    ? await loadLabelled(config.realData, heldOutFiles, 0)
    : null;
  const heldOutCoverage = heldOut
    ? registryCoverage(
      chosen.registry,
      collectSpans(heldOut.offers, { reference: heldOut.records }).filter((s) => s.source === "reference"),
      { gaps, dropped: unstable },
    )
    : null;
  const realSpans = reference ? collectSpans(reference.offers, { reference: reference.records }) : null;
  const realRegistry = realSpans
    ? buildRegistry(realSpans, { taxonomies, seed: config.seed, components })
    : null;
  const realTexts = realSpans && !("missing" in pretrained) ? registryTexts(realSpans, taxonomies) : [];
  const realRows = realSpans && realRegistry
    ? [
      clusteringRow("TF-IDF", realRegistry.registry),
      ...otherComponents.map((c) =>
        clusteringRow(
          "TF-IDF",
          buildRegistry(realSpans, { taxonomies, seed: config.seed, components: c }).registry,
        )
      ),
      ...("missing" in pretrained ? [] : [
        clusteringRow(
          `embeddings (${spanEncoder.name})`,
          buildRegistry(
            realSpans,
            embeddingOptions(realTexts, await spanEncoder.embed(realTexts)),
          ).registry,
        ),
      ]),
    ]
    : [];
  const rm = realRegistry?.registry.method as Method | undefined;
  views.heldOut = [
    ...(heldOutCoverage && heldOut
      ? [
        note(
          `Held out: ${heldOutCoverage.occurrences} soft-skill evidence strings in ${heldOut.offers.length} real offers (${heldOutCoverage.distinct} distinct wordings once normalised); ` +
            `${percent(heldOutCoverage.known)} of the occurrences and ${
              percent(heldOutCoverage.distinctKnown)
            } of the distinct wordings are members of a registry cluster.`,
        ),
        table(
          heldOutCoverage.clusters.slice(0, 8).map((c) => ({
            cluster: `${c.id} ${c.name}`,
            occurrences: c.weight,
            share: percent(c.weight / heldOutCoverage.occurrences),
          })),
          { caption: "Registry clusters the held-out real spans fall in" },
        ),
        table(
          heldOutCoverage.gaps.map((g) => ({
            wording: g.span,
            occurrences: g.weight,
            "labelled as": softSkillLabel(g.code_ogr),
            "raw forms": g.examples.join(" · "),
            "in a cluster left out as unstable": g.dropped ?? "",
          })),
          { caption: "Most frequent held-out wordings the registry does not know" },
        ),
      ]
      : [
        note(
          "No held-out real labels (../shared/data/labels/reference-ft-extra.jsonl absent): no coverage check.",
        ),
      ]),
    ...(realRegistry && rm
      ? [
        table(realRows, {
          caption: `A registry of the ${
            reference!.offers.length
          } real reference-labelled offers alone (${rm.spans} spans, ${rm.distinct_spans} distinct): representations and reductions, the first row as the registry is built`,
        }),
        kChoiceNote(realRegistry.choice) ? note(kChoiceNote(realRegistry.choice)!, "warning") : null,
        table(
          realRegistry.registry.clusters.slice(0, 10).map((c) => ({
            name: c.name,
            spans: c.size,
            examples: c.examples.slice(0, 3).join(" · "),
            "ROME (similarity)": `${c.rome.label} (${c.rome.similarity.toFixed(2)})`,
            "labelled as (share)": `${c.labelled_as.label} (${c.labelled_as.share.toFixed(2)})`,
            "new?": c.candidate_new ? "candidate" : "",
          })),
          { caption: "Its ten largest stable clusters" },
        ),
      ]
      : [
        note(
          "No real France Travail sample with reference labels (../shared/data absent): the registry rests on the run's corpus only.",
        ),
      ]),
  ];

  views.map = [scatterGroups({
    title: `Soft-skill spans, first two principal components (${
      (100 * (chosen.explained[0] + chosen.explained[1])).toFixed(1)
    } % of variance)`,
    points: chosen.map.map((p) => ({
      x: p.x,
      y: p.y,
      label: `${p.span} (${p.weight})`,
      group: p.cluster,
      size: p.weight,
    })),
  })];

  const files = await writeRegistry(chosen.registry, `${config.reportDir}/registry`);
  views.written = [
    note(
      `Registry ${chosen.registry.version} written: ${files.json.split("/").slice(-2).join("/")} and ${
        files.csv.split("/").slice(-2).join("/")
      } (in the report folder); the demo app loads it.`,
    ),
  ];
  const metrics = {
    data: runProvenance(corpus),
    real_data: reference
      ? provenanceOf({
        generated: false,
        source: config.realData!,
        dates: [...reference.offers, ...(heldOut?.offers ?? [])].map((o) => o.date),
      })
      : null,
    real: {
      held_out: heldOutCoverage
        ? {
          offers: heldOut!.offers.length,
          occurrences: heldOutCoverage.occurrences,
          distinct: heldOutCoverage.distinct,
          known: heldOutCoverage.known,
          distinct_known: heldOutCoverage.distinctKnown,
        }
        : null,
      registry: rm
        ? {
          offers: reference!.offers.length,
          k: rm.k,
          kept: rm.kept,
          candidates: realRegistry!.registry.clusters.filter((c) => c.candidate_new).length,
          clusterings: realRows,
        }
        : null,
    },
    headline:
      `${groups.length} distinct spans → k = ${m.k} by silhouette; ${m.kept} stable clusters in registry ${result.registry.version} (bootstrap ARI ${
        m.stability.mean_ari_bootstrap.toFixed(2)
      }); ${result.registry.clusters.filter((c) => c.candidate_new).length} candidate new soft skills` +
      (heldOutCoverage
        ? `; held-out real evidence: ${
          percent(heldOutCoverage.known)
        } of ${heldOutCoverage.occurrences} spans known to the registry`
        : ""),
    version: chosen.registry.version,
    space,
    k: m.k,
    kept: m.kept,
    silhouette: result.choice.scores,
    reduction: m.reduction,
    density: m.density,
    stability: m.stability,
    embeddings: {
      encoder: spanEncoder.name,
      k: em.k,
      kept: em.kept,
      stability: em.stability,
      density: em.density,
      reduction: em.reduction,
      ari_vs_tfidf: spaceAri,
    },
  };
  return { views, metrics };
}

function reductionText(m: Method): string {
  return m.reduction
    ? `${m.reduction.components} principal components, ${percent(m.reduction.explained)} of the variance`
    : "whole space";
}

/** One row of the tables that compare clusterings: how stable, and how far two algorithms and the labels agree. */
function clusteringRow(representation: string, registry: Registry) {
  const m = registry.method as Method;
  return {
    representation,
    reduction: reductionText(m),
    k: m.k,
    "stable clusters": m.kept,
    "bootstrap ARI": m.stability.mean_ari_bootstrap,
    "ARI, average linkage": m.density.ari_average_linkage,
    "ARI, labelled codes": m.density.ari_labelled_codes,
    "DBSCAN clusters (noise)": `${m.density.dbscan_clusters} (${percent(m.density.dbscan_noise_share)})`,
    "ARI, DBSCAN": m.density.ari_on_dbscan_points,
    "candidate new": registry.clusters.filter((c) => c.candidate_new).length,
  };
}
