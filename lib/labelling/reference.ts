/**
 * The reference labels in ../shared/data/labels: 600 real France Travail
 * offers labelled by an LLM annotator with the codebook — imported as an
 * "LLM label set" (a teacher, not the truth), with their evidence located.
 *
 * @example
 * ```ts
 * const ref = await loadReference(loadConfig());
 * if (ref) ref.records.length; // 600
 * ```
 */
import type { RunConfig } from "../config.ts";
import { loadOffers } from "../corpus/load.ts";
import type { Offer } from "../corpus/schema.ts";
import { type LabelRecord, readLabelFile, type RecordError, withSpans } from "./records.ts";

/** The labelled real offers and their reference records, in the label file's order. */
export interface ReferenceSet {
  offers: Offer[];
  records: LabelRecord[];
  errors: RecordError[];
  /** Records whose offer is not in the real sample. */
  missingOffers: number;
  /** Evidence strings not found in their offer. */
  evidenceNotFound: number;
}

/** Loads the reference labels with their offers, or null when ../shared/data is absent. */
export async function loadReference(config: RunConfig): Promise<ReferenceSet | null> {
  if (!config.referenceLabels || !config.realData) return null;
  const { records, errors } = await readLabelFile(config.referenceLabels);
  const { offers } = await loadOffers(config.realData);
  const byId = new Map(offers.map((o) => [o.id, o]));
  const out: ReferenceSet = { offers: [], records: [], errors, missingOffers: 0, evidenceNotFound: 0 };
  for (const r of records) {
    const offer = byId.get(r.id);
    if (!offer) {
      out.missingOffers++;
      continue;
    }
    const located = withSpans(r, offer.text);
    out.evidenceNotFound += located.notFound;
    out.offers.push(offer);
    out.records.push(located.record);
  }
  return out;
}
