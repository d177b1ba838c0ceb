/**
 * The review rule and the queues the labelling app reads: a record whose
 * overall confidence is below the codebook's SURE cut-off is saved with the
 * status "to_review" and put in its labeller's review queue; the stage-3
 * sample forms the "diverse" queue; the offers the teacher is least sure of
 * (a theme confidence closest to PRESENT) form the "uncertain" queue.
 *
 * @example
 * ```ts
 * import { storeTeacherLabels } from "./review.ts";
 * declare const store: any; // your data
 * declare const sample: any; // your data
 * declare const teacher: any; // your data
 * const counts = storeTeacherLabels(store, sample, teacher.records); // { ok: 812, to_review: 188, failed: 0 }
 * ```
 */
import type { Offer } from "../corpus/mod.ts";
import { type LabelRecord, PRESENT, SURE, THEMES } from "../base/mod.ts";
import { CODEBOOK } from "./codebook.ts";
import { RULES_VERSION } from "./rules.ts";
import type { LabelSetInfo, LabelStatus, LabelStore } from "./store.ts";

/** Options of the review rule. */
export interface ReviewOptions {
  /** Records below this overall confidence go to review. @default SURE (80) */
  threshold?: number;
}

/** Whether a record goes to human review under the rule. */
export function needsReview(record: Pick<LabelRecord, "overall_confidence">, threshold = SURE): boolean {
  return record.overall_confidence < threshold;
}

/**
 * Saves one record in a set with the status the rule gives it, and puts it
 * in `queue` when it needs review (`queue` null: the status only). Returns
 * whether it needs review.
 *
 * @example
 * ```ts
 * import type { LabelRecord } from "./records.ts";
 * declare const store: any; // your data
 * declare const llmSet: any; // your data
 * declare const record: LabelRecord;
 * declare const raw: any; // your data
 * saveReviewed(store, llmSet, record, { actor: "llm", queue: "llm_to_review", raw });
 * ```
 */
export function saveReviewed(
  store: LabelStore,
  set: LabelSetInfo,
  record: LabelRecord,
  o: ReviewOptions & { actor: string; queue: string | null; raw?: string },
): boolean {
  const threshold = o.threshold ?? SURE;
  const review = needsReview(record, threshold);
  store.saveRecord(set, record, { actor: o.actor, status: review ? "to_review" : "ok", raw: o.raw });
  if (review && o.queue) {
    store.enqueueReview(
      record.id,
      o.queue,
      `overall confidence ${record.overall_confidence} < ${threshold}`,
      o.actor,
    );
  }
  return review;
}

/**
 * The `n` records the labeller is least sure about: smallest distance of any
 * theme confidence from PRESENT, ties by id.
 *
 * @example
 * ```ts
 * import type { LabelRecord } from "./records.ts";
 * declare const records: LabelRecord[];
 * leastSure(records, 50).map((r) => r.id);
 * ```
 */
export function leastSure<R extends Pick<LabelRecord, "id" | "themes">>(records: R[], n: number): R[] {
  const margin = (r: R) => Math.min(...THEMES.map((t) => Math.abs(r.themes[t] - PRESENT)));
  return [...records].sort((a, b) => margin(a) - margin(b) || (a.id < b.id ? -1 : 1)).slice(0, n);
}

/**
 * Stage 5's routing of the teacher's labels: each record saved in the
 * "rules" set with its status (below the threshold: "to_review" and the
 * "rules_to_review" queue), the sample as the app's "diverse" queue, and the
 * `uncertain` records the teacher is least sure of as its "uncertain"
 * queue. Returns the set's status counts.
 */
export function storeTeacherLabels(
  store: LabelStore,
  sample: Offer[],
  records: LabelRecord[],
  o: ReviewOptions & { uncertain?: number } = {},
): Record<LabelStatus, number> {
  const set = store.labelSet({
    name: "rules",
    kind: "rules",
    labeller: RULES_VERSION,
    version: CODEBOOK.version,
  });
  for (const r of records) {
    saveReviewed(store, set, r, { actor: RULES_VERSION, queue: "rules_to_review", threshold: o.threshold });
  }
  for (const offer of sample) store.enqueueReview(offer.id, "diverse", "stage-3 diverse sample", "stage 5");
  for (const r of leastSure(records, o.uncertain ?? 50)) {
    store.enqueueReview(r.id, "uncertain", "teacher least sure", "stage 5");
  }
  return store.statusCounts(set);
}

/**
 * Imports reference labels (offers and records) into the "reference" set,
 * each with the status the rule gives it (no queue: the reference is not
 * reviewed here). Returns how many are below the threshold.
 */
export function storeReferenceLabels(
  store: LabelStore,
  reference: { offers: Offer[]; records: LabelRecord[] },
  o: ReviewOptions = {},
): { imported: number; belowThreshold: number } {
  store.upsertOffers(reference.offers);
  const set = store.labelSet({
    name: "reference",
    kind: "reference",
    labeller: "reference LLM annotator",
    version: "shared/labels CODEBOOK.md",
  });
  let below = 0;
  for (const r of reference.records) {
    if (saveReviewed(store, set, r, { actor: "import", queue: null, threshold: o.threshold })) below++;
  }
  return { imported: reference.records.length, belowThreshold: below };
}
