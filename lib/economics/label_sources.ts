/**
 * Which labels stage 9 learns from and measures against, in the order of
 * trust: LLM labels in the label store, then human labels (adjudicated
 * first) and reference labels, then the rule teacher for offers no one has
 * labelled. Also the stratified hold-out that gives the error rates.
 *
 * @example
 * ```ts
 * import { bestLabels, stratifiedHoldout } from "./label_sources.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * import { LabelStore } from "../labelling/mod.ts";
 * declare const offers: Offer[];
 * const { records, counts } = bestLabels(offers, LabelStore.open("data/labels.sqlite"));
 * counts; // { llm: 120, human: 0, reference: 0, teacher: 1880 }
 * const { holdout, rest } = stratifiedHoldout(offers, (o) => o.date?.slice(0, 4) ?? "?", 0.25, 42);
 * ```
 */
import type { Offer } from "../corpus/mod.ts";
import { type LabelRecord, type LabelSetInfo, type LabelStore, labelWithRules } from "../labelling/mod.ts";
import { Random } from "../base/mod.ts";

/** Where one offer's labels came from, most trusted first. */
export const LABEL_SOURCES = ["llm", "human", "reference", "teacher"] as const;
export type LabelSource = typeof LABEL_SOURCES[number];

/** Labels for each offer from the most trusted source that has one, and the count by source. */
export function bestLabels(
  offers: Offer[],
  store: LabelStore | null,
): { records: LabelRecord[]; sources: LabelSource[]; counts: Record<LabelSource, number> } {
  const sets = store?.labelSets() ?? [];
  const ofKind = (kind: LabelSetInfo["kind"]) => sets.filter((s) => s.kind === kind);
  // Human sets: the adjudicated labels first, then each annotator's in name order.
  const human = ofKind("human").sort((
    a,
    b,
  ) => (a.name === "adjudicated" ? -1 : b.name === "adjudicated" ? 1 : a.name.localeCompare(b.name)));
  const bySource: [LabelSource, LabelSetInfo[]][] = [["llm", ofKind("llm")], ["human", human], [
    "reference",
    ofKind("reference"),
  ]];
  const known = new Map<string, { record: LabelRecord; source: LabelSource }>();
  const wanted = new Set(offers.map((o) => o.id));
  for (const [source, group] of bySource) {
    for (const set of group) {
      for (const { status: _status, ...record } of store!.records(set)) {
        if (wanted.has(record.id) && !known.has(record.id)) known.set(record.id, { record, source });
      }
    }
  }
  const counts = Object.fromEntries(LABEL_SOURCES.map((s) => [s, 0])) as Record<LabelSource, number>;
  const records: LabelRecord[] = [], sources: LabelSource[] = [];
  for (const offer of offers) {
    const found = known.get(offer.id) ?? { record: labelWithRules(offer).record, source: "teacher" as const };
    records.push(found.record);
    sources.push(found.source);
    counts[found.source]++;
  }
  return { records, sources, counts };
}

/** "120 LLM, 1,880 rule teacher": the non-zero counts of a source tally. */
export function describeSources(counts: Record<LabelSource, number>): string {
  const names: Record<LabelSource, string> = {
    llm: "LLM",
    human: "human",
    reference: "reference",
    teacher: "rule teacher",
  };
  return LABEL_SOURCES.filter((s) => counts[s] > 0).map((s) =>
    `${counts[s].toLocaleString("en")} ${names[s]}`
  ).join(", ") || "none";
}

/**
 * A seeded hold-out of `share` of the items, drawn within each stratum
 * (e.g. year × sector) so that it keeps the population's mix; the rest
 * trains. Both keep the items' order.
 */
export function stratifiedHoldout<T>(
  items: T[],
  stratum: (x: T) => string,
  share: number,
  seed: number,
): { holdout: T[]; rest: T[] } {
  if (!(share > 0 && share < 1)) throw new Error(`the hold-out share must be in (0, 1), got ${share}`);
  const groups = new Map<string, number[]>();
  items.forEach((x, i) => {
    const key = stratum(x);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  // Systematic allocation over the strata laid end to end (each shuffled): the total is exactly
  // floor(n × share) and every stratum gets its share to within one item, small strata included.
  const random = new Random(seed);
  const held = new Set<number>();
  let position = 0;
  for (const key of [...groups.keys()].sort()) {
    for (const i of random.shuffle(groups.get(key)!)) {
      if (Math.floor((position + 1) * share) > Math.floor(position * share)) held.add(i);
      position++;
    }
  }
  return { holdout: items.filter((_, i) => held.has(i)), rest: items.filter((_, i) => !held.has(i)) };
}
