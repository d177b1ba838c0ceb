/**
 * The data-driven soft-skill registry (stage 7): soft-skill spans are
 * normalised, grouped, embedded (TF-IDF over words and character n-grams,
 * or sentence embeddings), reduced to their first principal components
 * (latent semantic analysis for TF-IDF), clustered by spherical k-means with
 * k chosen by silhouette and, for comparison, by average-linkage
 * agglomeration at the same k and by DBSCAN (noise left out); each cluster
 * is named from its
 * most central spans and most specific words, mapped to the nearest ROME
 * 4.0 savoir-être and ESCO transversal skill with a similarity score, and
 * re-clustered on bootstrap samples and other seeds: only stable clusters
 * enter the registry. The registry is written as JSON and CSV with a
 * version derived from its content.
 *
 * @example
 * ```ts
 * import { buildRegistry, writeRegistry } from "./registry.ts";
 * declare const spans: any; // your data
 * declare const taxonomies: any; // your data
 * const result = buildRegistry(spans, { taxonomies, seed: 42 });
 * await writeRegistry(result.registry, "reports/registry");
 * ```
 */
import { denseToSparse, dot, l2normalise, type SparseVector, TfidfVectorizer } from "../represent/mod.ts";
import { fnv1a, mulberry32, softSkillLabel } from "../base/mod.ts";
import { adjustedRandIndex, bestJaccard } from "./agreement.ts";
import { dbscan, densityRadius } from "./density.ts";
import { averageLinkage } from "./hierarchical.ts";
import { chooseK, kmeans } from "./kmeans.ts";
import { normaliseSpan } from "./normalise.ts";
import { pca2, principalComponents } from "./project.ts";
import type { TaxonomyEntry } from "./taxonomies.ts";

/** One span found in an offer. */
export interface SpanRecord {
  text: string;
  /** The ROME code its labeller gave it. */
  code_ogr: string;
  /** Which labeller ("rules", "detector", "reference"). */
  source: string;
}

/** A registry entry. */
export interface RegistryCluster {
  id: string;
  name: string;
  size: number;
  distinct_spans: number;
  examples: string[];
  terms: string[];
  /** Normalised spans of the cluster (for matching new spans). */
  members: string[];
  rome: { code_ogr: string; label: string; similarity: number };
  esco: { uri: string; label: string; similarity: number } | null;
  /** The ROME code the labellers gave most often to its spans, and its share. */
  labelled_as: { code_ogr: string; label: string; share: number };
  /** Mean best Jaccard with the bootstrap clusterings (Hennig). */
  stability: number;
  /** No ROME or ESCO entry is similar enough: a candidate new soft skill. */
  candidate_new: boolean;
}

/** The registry file's content. */
export interface Registry {
  schema: "jobs-soft-skill-registry/1";
  version: string;
  method: Record<string, unknown>;
  clusters: RegistryCluster[];
}

/** Options of {@link buildRegistry}. */
export interface RegistryOptions {
  taxonomies: { rome: TaxonomyEntry[]; esco: TaxonomyEntry[] | null; source?: string };
  seed?: number;
  /** Candidate numbers of clusters. @default 8, 12, ..., 32 */
  candidates?: number[];
  /** Bootstrap replicates for stability. @default 20 */
  bootstraps?: number;
  /** Clusters below this stability stay out of the registry (Hennig: below 0.5 a cluster dissolves). @default 0.5 */
  minStability?: number;
  /** Best ROME/ESCO similarity below this flags a candidate new soft skill. @default 0.25 */
  minSimilarity?: number;
  /**
   * Principal components the spans are clustered on (0, or fewer than 4
   * distinct spans per component: the whole space). DBSCAN runs there too;
   * naming and taxonomy matching stay in the whole space. @default 16
   */
  components?: number;
  /**
   * DBSCAN radius (cosine distance, in the space k-means runs in) and minimum
   * weight of a core point. @default the median point's radius to reach
   * minWeight ({@link densityRadius}), 5
   */
  eps?: number;
  minWeight?: number;
  /**
   * Sentence embeddings by text (of every text {@link registryTexts} lists):
   * clusters and taxonomy matches then use them instead of TF-IDF words and
   * character n-grams. @default TF-IDF
   */
  embeddings?: Map<string, Float32Array>;
  /** Name of the encoder behind `embeddings`, recorded in the registry's method. */
  embeddingModel?: string;
}

/** Spans longer than this many words once normalised are sentences, not skill names: left out. */
export const MAX_SPAN_WORDS = 4;

/** Distinct normalised spans (at most MAX_SPAN_WORDS words) with their counts and the codes given to them. */
export function groupSpans(spans: SpanRecord[]) {
  const groups = new Map<
    string,
    { text: string; weight: number; codes: Map<string, number>; raw: Map<string, number> }
  >();
  for (const s of spans) {
    const key = normaliseSpan(s.text);
    if (!key || key.split(" ").length > MAX_SPAN_WORDS) continue;
    const g = groups.get(key) ?? { text: key, weight: 0, codes: new Map(), raw: new Map() };
    g.weight++;
    g.codes.set(s.code_ogr, (g.codes.get(s.code_ogr) ?? 0) + 1);
    const raw = s.text.trim();
    g.raw.set(raw, (g.raw.get(raw) ?? 0) + 1);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.weight - a.weight || a.text.localeCompare(b.text));
}

function centroidOf(vectors: SparseVector[], weights: number[]): SparseVector {
  const sum = new Map<number, number>();
  vectors.forEach((v, i) =>
    v.indices.forEach((j, k) => sum.set(j, (sum.get(j) ?? 0) + weights[i] * v.values[k]))
  );
  const indices = Int32Array.from(sum.keys()).sort();
  return l2normalise({ indices, values: Float32Array.from(indices, (j) => sum.get(j)!) });
}

function bestEntry(vector: SparseVector, entries: { entry: TaxonomyEntry; vector: SparseVector }[]) {
  let best = { entry: entries[0]?.entry, similarity: -1 };
  for (const e of entries) {
    const s = dot(vector, e.vector);
    if (s > best.similarity + 1e-12) best = { entry: e.entry, similarity: s };
  }
  return best;
}

/** The text of a taxonomy entry as it is embedded (label and alternatives, normalised like spans). */
export function taxonomyText(e: TaxonomyEntry): string {
  return normaliseSpan([e.label, ...e.alternatives].join(" ; "));
}

/** Every text buildRegistry needs a vector for: the distinct spans and the taxonomy entries. */
export function registryTexts(spans: SpanRecord[], taxonomies: RegistryOptions["taxonomies"]): string[] {
  return [
    ...groupSpans(spans).map((g) => g.text),
    ...[...taxonomies.rome, ...(taxonomies.esco ?? [])].map(taxonomyText),
  ];
}

/** One space for spans and taxonomy labels, so that similarities are comparable: TF-IDF fitted on both, or the embeddings given. */
function spanSpace(spanTexts: string[], entryTexts: string[], embeddings?: Map<string, Float32Array>) {
  if (embeddings) {
    // Sentence embeddings share a large common direction (every pair of spans at cosine 0.8-0.95 with e5):
    // centring on the mean of the texts clustered and matched spreads them, so that distances mean something.
    const dimension = embeddings.values().next().value!.length;
    const lookup = (t: string) => {
      const v = embeddings.get(t);
      if (!v) {
        throw new Error(`buildRegistry: no embedding for "${t}" (embed every text registryTexts() lists)`);
      }
      return v;
    };
    const mean = new Float32Array(dimension);
    const all = [...spanTexts, ...entryTexts];
    for (const t of all) lookup(t).forEach((x, h) => (mean[h] += x / all.length));
    const vectors = (texts: string[]) =>
      texts.map((t) => l2normalise(denseToSparse(lookup(t).map((x, h) => x - mean[h]))));
    return { vectors, dimension };
  }
  const vectorizer = new TfidfVectorizer({
    ngrams: [1, 1],
    charNgrams: [3, 5],
    minDf: 1,
    maxDfShare: 1,
    maxFeatures: 100_000,
  });
  vectorizer.fit([...spanTexts, ...entryTexts]);
  return {
    vectors: (texts: string[]) => vectorizer.transform(texts).map(l2normalise),
    dimension: vectorizer.dimension,
  };
}

/** Builds the registry from spans; returns it with the comparison, stability and map figures. */
export function buildRegistry(spans: SpanRecord[], o: RegistryOptions) {
  const seed = o.seed ?? 42;
  const items = groupSpans(spans);
  if (items.length < 8) {
    throw new Error(`only ${items.length} distinct soft-skill spans: too few to cluster (need 8)`);
  }
  const weights = items.map((g) => g.weight);
  const { vectors: represent, dimension } = spanSpace(
    items.map((g) => g.text),
    [...o.taxonomies.rome, ...(o.taxonomies.esco ?? [])].map(taxonomyText),
    o.embeddings,
  );
  const X = represent(items.map((g) => g.text));
  const embed = (entries: TaxonomyEntry[]) => {
    const vectors = represent(entries.map(taxonomyText));
    return entries.map((entry, i) => ({ entry, vector: vectors[i] }));
  };
  const components = o.components ?? 16;
  // With fewer than 4 distinct spans per component, a reduction would keep nearly all of a tiny space: none then.
  const reduced = components > 0 && items.length >= 4 * components
    ? principalComponents(X, dimension, components, seed)
    : null;
  // k-means, its stability and the agglomeration run in the reduced space (Z); the rest in the whole one (X).
  const Z = reduced ? reduced.coordinates.map((c) => l2normalise(denseToSparse(Float32Array.from(c)))) : X;
  const zDimension = reduced ? reduced.explained.length : dimension;
  const rome = embed(o.taxonomies.rome);
  const esco = o.taxonomies.esco ? embed(o.taxonomies.esco) : null;

  const candidates = (o.candidates ?? [8, 12, 16, 20, 24, 28, 32]).filter((k) => k < items.length);
  const choice = chooseK(Z, weights, zDimension, candidates, seed);
  const km = kmeans(Z, weights, zDimension, choice.k, seed);
  const linkage = averageLinkage(Z, weights, choice.k);
  const codeIds = new Map<string, number>();
  const topCodes = items.map((g) => {
    const code = [...g.codes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    return codeIds.get(code) ?? codeIds.set(code, codeIds.size).get(code)!;
  });
  const minWeight = o.minWeight ?? 5;
  const eps = o.eps ?? Number(densityRadius(Z, weights, minWeight).toFixed(4));
  const density = dbscan(Z, weights, { eps, minWeight });
  const clustered = [...density].map((l, i) => (l >= 0 ? i : -1)).filter((i) => i >= 0);
  const comparison = {
    kmeans_clusters: choice.k,
    dbscan_clusters: Math.max(-1, ...density) + 1,
    dbscan_noise_share: weights.reduce((a, w, i) => a + (density[i] < 0 ? w : 0), 0) /
      weights.reduce((a, b) => a + b, 0),
    ari_on_dbscan_points: clustered.length
      ? Number(
        adjustedRandIndex(clustered.map((i) => km.labels[i]), clustered.map((i) => density[i])).toFixed(4),
      )
      : null,
    /** k-means against average-linkage agglomeration at the same k, every distinct span. */
    ari_average_linkage: Number(adjustedRandIndex(km.labels, linkage).toFixed(4)),
    /** k-means against the soft-skill code the labellers gave each span most often (external check). */
    ari_labelled_codes: Number(adjustedRandIndex(km.labels, topCodes).toFixed(4)),
  };

  // Stability: bootstrap samples of the spans, and other seeds.
  const random = mulberry32(seed + 1);
  const B = o.bootstraps ?? 20;
  const jaccards = Array.from({ length: choice.k }, () => [] as number[]);
  const bootstrapAri: number[] = [];
  const total = weights.reduce((a, c) => a + c, 0);
  const cumulative: number[] = [];
  weights.reduce((a, w, i) => (cumulative[i] = a + w), 0);
  for (let b = 0; b < B; b++) {
    const counts = new Array(items.length).fill(0);
    for (let d = 0; d < total; d++) {
      const t = random() * total;
      let lo = 0, hi = items.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] < t) lo = mid + 1;
        else hi = mid;
      }
      counts[lo]++;
    }
    const present = counts.map((c, i) => (c > 0 ? i : -1)).filter((i) => i >= 0);
    if (present.length <= choice.k) continue;
    const boot = kmeans(
      present.map((i) => Z[i]),
      present.map((i) => counts[i]),
      zDimension,
      choice.k,
      seed + 100 + b,
    );
    const labels = new Int32Array(items.length).fill(-2);
    present.forEach((i, k) => (labels[i] = boot.labels[k]));
    for (const [cluster, j] of bestJaccard(km.labels, labels)) jaccards[cluster].push(j);
    bootstrapAri.push(adjustedRandIndex(present.map((i) => km.labels[i]), present.map((i) => labels[i])));
  }
  const seedAri = [1, 2, 3, 4, 5].map((s) =>
    adjustedRandIndex(km.labels, kmeans(Z, weights, zDimension, choice.k, seed + 1000 * s).labels)
  );
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

  // Name, map and keep the stable clusters.
  const wordCounts = (members: number[]) => {
    const m = new Map<string, number>();
    for (const i of members) {
      for (const w of new Set(items[i].text.split(" "))) {
        if (w.length > 2) m.set(w, (m.get(w) ?? 0) + weights[i]);
      }
    }
    return m;
  };
  const everywhere = wordCounts(items.map((_, i) => i));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const clusters = Array.from({ length: choice.k }, (_, c) => {
    const members = items.map((_, i) => i).filter((i) => km.labels[i] === c);
    if (!members.length) return null;
    const size = members.reduce((a, i) => a + weights[i], 0);
    const centroid = centroidOf(members.map((i) => X[i]), members.map((i) => weights[i]));
    const central = [...members].sort((a, b) =>
      dot(X[b], centroid) - dot(X[a], centroid) || weights[b] - weights[a]
    );
    const words = wordCounts(members);
    const terms = [...words].filter(([, n]) => n >= Math.min(3, size))
      .map(([w, n]) => ({
        w,
        score: (n / size) * Math.log((n / size) / ((everywhere.get(w) ?? n) / totalWeight) + 1),
      }))
      .sort((a, b) => b.score - a.score || a.w.localeCompare(b.w)).slice(0, 6).map((t) => t.w);
    const codes = new Map<string, number>();
    for (const i of members) {
      for (const [code, n] of items[i].codes) codes.set(code, (codes.get(code) ?? 0) + n);
    }
    const [topCode, topCount] = [...codes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    const r = bestEntry(centroid, rome);
    const e = esco ? bestEntry(centroid, esco) : null;
    const minSimilarity = o.minSimilarity ?? 0.25;
    const example = (i: number) =>
      [...items[i].raw].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    return {
      id: "",
      name: clusterName(central.map((i) => items[i].text)),
      size,
      distinct_spans: members.length,
      examples: central.slice(0, 5).map(example),
      terms,
      members: members.map((i) => items[i].text),
      rome: { code_ogr: r.entry.id, label: r.entry.label, similarity: Number(r.similarity.toFixed(4)) },
      esco: e ? { uri: e.entry.id, label: e.entry.label, similarity: Number(e.similarity.toFixed(4)) } : null,
      labelled_as: {
        code_ogr: topCode,
        label: softSkillLabel(topCode),
        share: Number((topCount / size).toFixed(4)),
      },
      stability: Number(mean(jaccards[c]).toFixed(4)),
      // new only when far from every taxonomy label and not mostly labelled as one of the 16 codes already
      candidate_new: r.similarity < minSimilarity && (!e || e.similarity < minSimilarity) &&
        topCount / size < 0.5,
      cluster: c,
    };
  }).filter((c) => c !== null).sort((a, b) => b.size - a.size || a.name.localeCompare(b.name));
  clusters.forEach((c, k) => (c.id = `SK${String(k + 1).padStart(2, "0")}`));
  const minStability = o.minStability ?? 0.5;
  const stable = clusters.filter((c) => c.stability >= minStability).map(({ cluster: _, ...rest }) =>
    rest as RegistryCluster
  );
  const method = {
    spans: spans.length,
    distinct_spans: items.length,
    embedding: o.embeddings
      ? `sentence embeddings of the normalised spans (${o.embeddingModel ?? "encoder"}, mean pooling)`
      : "TF-IDF over words and character 3-5-grams of the normalised spans",
    reduction: reduced
      ? {
        components: reduced.explained.length,
        explained: Number(reduced.explained.reduce((a, b) => a + b, 0).toFixed(4)),
      }
      : null,
    clustering: `spherical k-means${
      reduced ? ` on the first ${reduced.explained.length} principal components` : ""
    }, k by silhouette (cosine); compared with average-linkage agglomeration at the same k`,
    k: choice.k,
    silhouette: choice.scores,
    k_grid_widened: choice.widened,
    k_on_edge: choice.edge,
    seed,
    density: {
      method: `DBSCAN (cosine)${reduced ? ` on the same ${reduced.explained.length} components` : ""}`,
      eps,
      eps_rule: o.eps === undefined ? `median radius to reach weight ${minWeight}` : "given",
      min_weight: minWeight,
      ...comparison,
    },
    stability: {
      bootstraps: B,
      mean_ari_bootstrap: Number(mean(bootstrapAri).toFixed(4)),
      mean_ari_other_seeds: Number(mean(seedAri).toFixed(4)),
      min_cluster_stability: minStability,
    },
    taxonomies: o.taxonomies.source ?? "",
    min_similarity: o.minSimilarity ?? 0.25,
    kept: stable.length,
    dropped_unstable: clusters.length - stable.length,
  };
  const registry: Registry = { schema: "jobs-soft-skill-registry/1", version: "", method, clusters: stable };
  registry.version = `r1-${contentHash(JSON.stringify({ method, clusters: stable }))}`;
  const map = reduced && reduced.explained.length >= 2
    ? {
      x: reduced.coordinates.map((c) => c[0]),
      y: reduced.coordinates.map((c) => c[1]),
      explained: reduced.explained.slice(0, 2),
    }
    : pca2(X, dimension, seed);
  const clusterOfItem = new Map(clusters.map((c) => [c.cluster, c]));
  return {
    registry,
    all: clusters.map(({ cluster: _, ...rest }) => rest as RegistryCluster),
    comparison,
    choice,
    /** k-means cluster of each distinct span (in groupSpans order). */
    labels: km.labels,
    stability: { bootstrapAri: mean(bootstrapAri), seedAri: mean(seedAri) },
    map: items.map((g, i) => ({
      x: map.x[i],
      y: map.y[i],
      span: g.text,
      weight: g.weight,
      cluster: clusterOfItem.get(km.labels[i])?.id ?? "",
      dbscan: density[i],
    })),
    explained: map.explained,
  };
}

/** A short content hash (two FNV-1a 32-bit hashes with different seeds), for the registry's version. */
function contentHash(text: string): string {
  return [fnv1a(text), fnv1a(text, 0x01000193)].map((h) => h.toString(16).padStart(8, "0")).join("");
}

const csvCell = (v: unknown) => {
  const s = String(v ?? "");
  return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Writes `soft_skill_registry.json` and `.csv` into `dir`; returns their paths. */
export async function writeRegistry(registry: Registry, dir: string): Promise<{ json: string; csv: string }> {
  await Deno.mkdir(dir, { recursive: true });
  const json = `${dir}/soft_skill_registry.json`, csv = `${dir}/soft_skill_registry.csv`;
  await Deno.writeTextFile(json, JSON.stringify(registry, null, 1) + "\n");
  const header = [
    "registry_version",
    "id",
    "name",
    "size",
    "distinct_spans",
    "stability",
    "examples",
    "terms",
    "rome_code_ogr",
    "rome_label",
    "rome_similarity",
    "esco_uri",
    "esco_label",
    "esco_similarity",
    "labelled_as",
    "labelled_share",
    "candidate_new",
  ];
  const rows = registry.clusters.map((c) => [
    registry.version,
    c.id,
    c.name,
    c.size,
    c.distinct_spans,
    c.stability,
    c.examples.join(" | "),
    c.terms.join(" | "),
    c.rome.code_ogr,
    c.rome.label,
    c.rome.similarity,
    c.esco?.uri ?? "",
    c.esco?.label ?? "",
    c.esco?.similarity ?? "",
    c.labelled_as.code_ogr,
    c.labelled_as.share,
    c.candidate_new,
  ]);
  await Deno.writeTextFile(csv, [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\n") + "\n");
  return { json, csv };
}

/** Reads a registry file; fails with the path when it is not one. */
export async function loadRegistry(path: string): Promise<Registry> {
  const registry = JSON.parse(await Deno.readTextFile(path)) as Registry;
  if (registry.schema !== "jobs-soft-skill-registry/1") {
    throw new Error(`${path} is not a soft-skill registry (schema ${JSON.stringify(registry.schema)})`);
  }
  return registry;
}

/** Each normalised member span → the first cluster holding it. */
function memberIndex(clusters: RegistryCluster[]): Map<string, RegistryCluster> {
  const index = new Map<string, RegistryCluster>();
  for (const c of clusters) for (const m of c.members) if (!index.has(m)) index.set(m, c);
  return index;
}

/**
 * A matcher for new spans: the registry entry whose members include the
 * span's normalised form, else the largest entry its labellers mostly gave
 * the same ROME code, else null.
 */
export function registryMatcher(registry: Registry) {
  const byMember = memberIndex(registry.clusters);
  return (spanText: string, code: string) => {
    const c = byMember.get(normaliseSpan(spanText)) ??
      registry.clusters.find((x) => x.labelled_as.code_ogr === code);
    return c ? { cluster: c.id, name: c.name } : null;
  };
}

/**
 * How much of a set of spans a registry knows: the share of span
 * occurrences (and of distinct normalised wordings) that are members of one
 * of its clusters, the clusters they fall in, and the most frequent
 * wordings it does not know, with the code their labellers gave. Run on
 * spans the registry never saw (held-out real offers), it measures how far
 * the registry carries.
 *
 * @example
 * ```ts
 * declare const registry: any; // your data
 * declare const heldOutSpans: any; // your data
 * declare const unstableClusters: any; // your data
 * const c = registryCoverage(registry, heldOutSpans);
 * c.known; // 0.71: share of the span occurrences whose wording is in a cluster
 * c.gaps[0]; // { span: "sens du relationnel", weight: 12, code_ogr: "300412", examples: [...], dropped: null }
 * registryCoverage(registry, heldOutSpans, { dropped: unstableClusters }).gaps[0].dropped; // "SK12 esprit équipe (stability 0.41)" or null
 * ```
 */
export function registryCoverage(
  registry: Registry,
  spans: SpanRecord[],
  o: { gaps?: number; dropped?: RegistryCluster[] } = {},
) {
  const byMember = memberIndex(registry.clusters);
  // clusters the stability filter left out: a gap found in one is a wording the method saw but could not keep
  const droppedBy = memberIndex(o.dropped ?? []);
  const groups = groupSpans(spans);
  let occurrences = 0, known = 0, distinctKnown = 0;
  const clusters = new Map<string, { id: string; name: string; weight: number }>();
  const gaps: {
    span: string;
    weight: number;
    code_ogr: string;
    examples: string[];
    dropped: string | null;
  }[] = [];
  for (const g of groups) {
    occurrences += g.weight;
    const c = byMember.get(g.text);
    if (c) {
      known += g.weight;
      distinctKnown++;
      const entry = clusters.get(c.id) ?? { id: c.id, name: c.name, weight: 0 };
      entry.weight += g.weight;
      clusters.set(c.id, entry);
    } else {
      const code = [...g.codes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
      const d = droppedBy.get(g.text);
      gaps.push({
        span: g.text,
        weight: g.weight,
        code_ogr: code,
        examples: [...g.raw.keys()].slice(0, 3),
        dropped: d ? `${d.id} ${d.name} (stability ${d.stability.toFixed(2)})` : null,
      });
    }
  }
  return {
    occurrences,
    distinct: groups.length,
    /** Share of the span occurrences whose normalised wording is a member of a cluster (NaN with no span). */
    known: occurrences ? known / occurrences : NaN,
    /** Share of the distinct wordings that are. */
    distinctKnown: groups.length ? distinctKnown / groups.length : NaN,
    clusters: [...clusters.values()].sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id)),
    gaps: gaps.slice(0, o.gaps ?? 10),
  };
}

/**
 * What the page must say about the choice of k: null when the best
 * silhouette lies inside the grid, otherwise a sentence naming the edge.
 *
 * @example
 * ```ts
 * declare const result: any; // your data
 * const warning = kChoiceNote(result.choice); // "k = 40 is the largest ..." or null
 * ```
 */
export function kChoiceNote(
  choice: { k: number; widened: number; edge: "largest" | "smallest" | null },
): string | null {
  if (!choice.edge) return null;
  return `k = ${choice.k} is the ${choice.edge} number of clusters tried${
    choice.widened
      ? `, after widening the grid ${choice.widened} time(s)`
      : " (the grid could not grow further)"
  }: the silhouette may keep ${
    choice.edge === "largest" ? "rising with more" : "rising with fewer"
  } clusters, so k is a choice of granularity here, not an optimum.`;
}

/**
 * A cluster's name from its spans, most central first: the most central
 * span, then the next central one that shares no word with it (so a name
 * never reads "autonomie / détail autonomie"), or the first span alone.
 *
 * @example
 * ```ts
 * clusterName(["autonomie", "grande autonomie", "esprit initiative"]); // "autonomie / esprit initiative"
 * ```
 */
export function clusterName(central: string[]): string {
  if (!central.length) return "";
  const words = new Set(central[0].split(" "));
  const other = central.slice(1).find((t) => t.split(" ").every((w) => !words.has(w)));
  return other ? `${central[0]} / ${other}` : central[0];
}
