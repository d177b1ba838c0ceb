/**
 * The index's Data section: the sources each stage read, with their sizes,
 * dates and reposts set aside, and where the labels came from — LLM, human annotators, reference files, the rule
 * teacher, the generator's truth — stage by stage, from what each notebook
 * recorded in its metrics (`data`, `real_data`, `labels_used`).
 *
 * @example
 * ```ts
 * import { dataSection, labelUse } from "./data_section.ts";
 * import { readAllMetrics, recordMetrics } from "./metrics.ts";
 * recordMetrics("09_economic_analysis", { labels_used: [labelUse("training the bulk model", { rules: 1500 }, 1320)] });
 * dataSection(readAllMetrics("reports")); // "<h2>Data</h2>..."
 * ```
 */
import { type Provenance, recordedProvenance, stageNumber } from "./provenance.ts";
import { tableHtml } from "./tables.ts";

/** Where labels come from. */
export const LABEL_ORIGINS = ["llm", "human", "reference", "rules", "truth"] as const;
export type LabelOrigin = typeof LABEL_ORIGINS[number];

const ORIGIN_NAMES: Record<LabelOrigin, string> = {
  llm: "LLM",
  human: "human",
  reference: "reference files",
  rules: "rule teacher",
  truth: "generator truth",
};

/** What a stage used labels for, and how many of each origin. */
export interface LabelUse {
  use: string;
  sources: Partial<Record<LabelOrigin, number>>;
  /** Of those, the sure ones (overall confidence >= 80), where the stage kept only those. */
  sure: number | null;
}

/**
 * One {@link LabelUse}; the label store's "teacher" counts as `rules`, and
 * origins with no label are left out.
 *
 * @example
 * ```ts
 * labelUse("error rates", { llm: 0, teacher: 500 }); // { use: "error rates", sources: { rules: 500 }, sure: null }
 * ```
 */
export function labelUse(
  use: string,
  counts: Partial<Record<LabelOrigin | "teacher", number>>,
  sure: number | null = null,
): LabelUse {
  const sources: Partial<Record<LabelOrigin, number>> = {};
  for (const [origin, n] of Object.entries(counts)) {
    const key = (origin === "teacher" ? "rules" : origin) as LabelOrigin;
    if (!LABEL_ORIGINS.includes(key)) {
      throw new Error(`unknown label origin "${origin}" (expected ${LABEL_ORIGINS.join(", ")} or teacher)`);
    }
    if (n) sources[key] = (sources[key] ?? 0) + n;
  }
  return { use, sources, sure };
}

function labelUses(m: Record<string, unknown>): LabelUse[] {
  const list = m.labels_used;
  return Array.isArray(list)
    ? list.filter((u): u is LabelUse => !!u && typeof u === "object" && "use" in u && "sources" in u)
    : [];
}

const count = (n: number | null | undefined) => (n ? n.toLocaleString("en") : "");

/** The sources table: one row per base a stage read, with the stages that read it. */
function sourceRows(metrics: Record<string, Record<string, unknown>>) {
  const rows = new Map<string, { p: Provenance; stages: string[] }>();
  for (const [notebook, m] of Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b))) {
    for (const p of recordedProvenance(m)) {
      const key = `${p.kind}|${p.source}|${p.offers}`;
      const row = rows.get(key) ?? { p, stages: [] };
      if (!row.stages.includes(stageNumber(notebook))) row.stages.push(stageNumber(notebook));
      rows.set(key, row);
    }
  }
  return [...rows.values()].map(({ p, stages }) => ({
    source: p.source,
    kind: p.kind,
    offers: count(p.offers),
    "reposts set aside": count(p.repeated) || "0",
    months: p.first ? `${p.first} to ${p.last}` : "no dates",
    stages: stages.join(", "),
  }));
}

/** The labels table: one row per use a stage recorded. */
function labelRows(metrics: Record<string, Record<string, unknown>>) {
  return Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b)).flatMap(([notebook, m]) =>
    labelUses(m).map((u) => ({
      stage: stageNumber(notebook),
      "labels used for": u.use,
      ...Object.fromEntries(LABEL_ORIGINS.map((o) => [ORIGIN_NAMES[o], count(u.sources[o])])),
      "sure (≥ 80)": u.sure === null ? "" : count(u.sure) || "0",
    }))
  );
}

/** The Data section of the index; empty when no stage recorded its data. */
export function dataSection(metrics: Record<string, Record<string, unknown>>): string {
  const sources = sourceRows(metrics);
  if (!sources.length) return "";
  const labels = labelRows(metrics);
  return `<h2>Data</h2><h3>Sources</h3>${tableHtml(sources)}` +
    (labels.length
      ? `<h3>Label provenance</h3><p class="sub">Labels each stage used, by origin: LLM labels and human annotations in the label store, ` +
        `reference files (an LLM annotator's labels of real offers, ../shared), the rule teacher, and on the generated corpus its planted truth.</p>` +
        tableHtml(labels)
      : "");
}
