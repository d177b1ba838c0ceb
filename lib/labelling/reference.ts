/**
 * The reference labels in ../shared/data/labels: 600 real France Travail
 * offers labelled by an LLM annotator with the codebook — imported as an
 * "LLM label set" (a teacher, not the truth), with their evidence located.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * const ref = await loadReference(loadConfig());
 * if (ref) ref.records.length; // 600
 * ```
 */
import type { RunConfig } from "../config.ts";
import { loadOfferFiles, loadOffers, type Offer } from "../corpus/mod.ts";
import { type LabelRecord, readLabelFile, type RecordError, withSpans } from "./records.ts";
import { SURE } from "../base/mod.ts";

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

/** The reference label files beside the configured one: the first 600 and the extra labels (same codebook, distinct offers). */
export function referenceLabelFiles(config: Pick<RunConfig, "referenceLabels">): string[] {
  if (!config.referenceLabels) return [];
  const extra = config.referenceLabels.replace(/reference-ft-600\.jsonl$/, "reference-ft-extra.jsonl");
  return [config.referenceLabels, ...(extra !== config.referenceLabels && existsFile(extra) ? [extra] : [])];
}

/**
 * Every reference file beside the configured labels (../shared/data): the
 * label files `reference-ft-*.jsonl` (the second labellings, `*-second.jsonl`,
 * apart: they relabel offers already labelled) over every France Travail
 * offer file, to be read as one corpus. Null when ../shared/data is absent.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * const config = loadConfig();
 * const all = allReferenceFiles(config); // { offers: [...2 files], labels: [...3 files], seconds: [...2 files] }
 * const set = all && await loadLabelled(all.offers, all.labels, 80);
 * ```
 */
export function allReferenceFiles(
  config: Pick<RunConfig, "referenceLabels">,
): { offers: string[]; labels: string[]; seconds: string[] } | null {
  if (!config.referenceLabels) return null;
  const labelsDir = config.referenceLabels.slice(0, config.referenceLabels.lastIndexOf("/"));
  const offersDir = `${labelsDir.slice(0, labelsDir.lastIndexOf("/"))}/france-travail`;
  const list = (dir: string, keep: (name: string) => boolean) => {
    try {
      return [...Deno.readDirSync(dir)].filter((e) => e.isFile && keep(e.name)).map((e) => `${dir}/${e.name}`)
        .sort();
    } catch {
      return [];
    }
  };
  const labels = list(labelsDir, (n) => /^reference-ft-.*\.jsonl$/.test(n));
  const offers = list(offersDir, (n) => n.endsWith(".jsonl"));
  if (!offers.length) return null;
  return {
    offers,
    labels: labels.filter((f) => !f.endsWith("-second.jsonl")),
    seconds: labels.filter((f) => f.endsWith("-second.jsonl")),
  };
}

/** The second annotator's labels of some extra offers (for the agreement ceiling), or null. */
export function secondAnnotatorFile(config: Pick<RunConfig, "referenceLabels">): string | null {
  const path = config.referenceLabels?.replace(/reference-ft-600\.jsonl$/, "reference-ft-extra-second.jsonl");
  return path && path !== config.referenceLabels && existsFile(path) ? path : null;
}

function existsFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/**
 * Labelled offers from several label files over one offers file (or
 * several, read as one corpus: an id is kept the first time): records
 * at or above `minConfidence`, the first record of an offer kept when files
 * repeat it, evidence located as spans. Invalid label lines fail with their
 * file and line; labels naming offers not in the file are counted.
 *
 * @example
 * ```ts
 * const set = await loadLabelled(["it.jsonl", "other.jsonl"], ["a.jsonl", "b.jsonl"], 80);
 * set.offers.length === set.records.length; // true
 * ```
 */
export async function loadLabelled(
  offersFiles: string | string[],
  labelFiles: string[],
  minConfidence = SURE,
) {
  const { offers } = await loadOfferFiles(typeof offersFiles === "string" ? [offersFiles] : offersFiles);
  const byId = new Map(offers.map((o) => [o.id, o]));
  const out = {
    offers: [] as Offer[],
    records: [] as LabelRecord[],
    files: labelFiles,
    offersRead: offers.length,
    read: 0,
    belowConfidence: 0,
    missingOffers: 0,
    repeated: 0,
    evidenceNotFound: 0,
  };
  const seen = new Set<string>();
  for (const file of labelFiles) {
    const { records, errors } = await readLabelFile(file);
    if (errors.length) {
      throw new Error(
        `${file}: ${errors.length} invalid label lines, first at line ${errors[0].line}: ${
          errors[0].message
        }`,
      );
    }
    for (const r of records) {
      out.read++;
      const offer = byId.get(r.id);
      if (!offer) out.missingOffers++;
      else if (seen.has(r.id)) out.repeated++;
      else if (r.overall_confidence < minConfidence) out.belowConfidence++;
      else {
        seen.add(r.id);
        const located = withSpans(r, offer.text);
        out.evidenceNotFound += located.notFound;
        out.offers.push(offer);
        out.records.push(located.record);
      }
    }
  }
  return out;
}
