/**
 * Labels one partition with a model folder's labeller and writes its three files
 * atomically into the output folder: `part-<id>.parquet` (one row per
 * offer: id, a hash of the cleaned text (to set reposts aside), month, département, région, NAF section, ROME, theme
 * probabilities and decisions, soft skills), `part-<id>.quarantine.jsonl`
 * when records were malformed, and last `part-<id>.json` (the partition's
 * counts, nothing time-dependent) — the marker that the partition is done. A kill at any moment
 * leaves either no marker (the partition is redone, identically) or all
 * three files.
 *
 * @example
 * ```ts
 * import { labelPartition } from "./label_partition.ts";
 * declare const labeller: any; // your data
 * const report = await labelPartition(labeller, { id: "00000-0000", file: "offers.parquet", rows: { start: 0, end: 100000 } }, "out");
 * ```
 */
import pl from "nodejs-polars";
import { nafSection, type Offer, Quarantine, scanOffers, textHash } from "../corpus/mod.ts";
import { type CorpusFormat, sha256File, THEMES, writeAtomically, writeError } from "../base/mod.ts";
import type { Labeller, OfferLabels } from "../train/mod.ts";
import type { Partition } from "./partitions.ts";
import { predictionLine } from "./prediction_line.ts";

/** What a partition's marker file records. */
export interface PartitionReport {
  id: string;
  file: string;
  rows: { start: number; end: number } | null;
  read: number;
  kept: number;
  quarantined: number;
  quarantine_reasons: Record<string, number>;
  /** The labelled Parquet file as written: a re-run redoes the partition when the file on disk differs. */
  output: { bytes: number; sha256: string };
}

/** What a partition's data file holds: label-all's columns in Parquet, or predict's JSON lines. */
export type PartitionOutput = "parquet" | "jsonl";

/** How a partition is read and written. */
export interface PartitionOptions {
  format?: CorpusFormat;
  output?: PartitionOutput;
  /** A CSV record or JSONL line longer than this many characters is quarantined. @default 4,000,000 */
  maxRecordChars?: number;
  onProgress?: (read: number) => void;
}

/** Paths of a partition's output files. */
export function partitionFiles(outDir: string, id: string, output: PartitionOutput = "parquet") {
  return {
    data: `${outDir}/part-${id}.${output}`,
    quarantine: `${outDir}/part-${id}.quarantine.jsonl`,
    marker: `${outDir}/part-${id}.json`,
  };
}

/** The canonical fields a bulk pass reads (the id and the text are always read). */
export const BULK_FIELDS = [
  "title",
  "date",
  "departement",
  "location",
  "postcode",
  "region",
  "rome",
  "naf",
  "contract",
  "company",
] as const;

/** The fields a labeller's bulk pass reads: BULK_FIELDS, and the sections when it reads them (the rule teacher does). */
export function fieldsFor(
  labeller: Pick<Labeller, "readsSections">,
): (typeof BULK_FIELDS[number] | "company_section" | "job_section" | "profile_section")[] {
  return [
    ...BULK_FIELDS,
    ...(labeller.readsSections ? ["company_section", "job_section", "profile_section"] as const : []),
  ];
}

/** The employer key a labelled offer carries: the company name trimmed, lower-cased, spaces collapsed; null when absent. */
export function employerKey(company: string | null): string | null {
  const key = company?.trim().toLowerCase().replace(/\s+/g, " ");
  return key ? key : null;
}

/** Labels one partition; see the module doc. `onProgress` gets the offers read so far. */
export async function labelPartition(
  model: Labeller,
  partition: Partition,
  outDir: string,
  options: PartitionOptions = {},
): Promise<PartitionReport> {
  checkOutputs(model); // before any file is touched
  const files = partitionFiles(outDir, partition.id, options.output);
  const tmp = { quarantine: `${files.quarantine}.tmp-${Deno.pid}`, data: `${files.data}.tmp-${Deno.pid}` };
  try {
    return await writePartition(model, partition, files, tmp, options);
  } catch (e) {
    // Nothing of a failed partition stays behind: no marker was written, the temporary files go.
    await Deno.remove(tmp.quarantine).catch(() => {});
    await Deno.remove(tmp.data).catch(() => {});
    throw e;
  }
}

/** Fails unless the labeller's first outputs are the six themes, in order. */
function checkOutputs(model: Pick<Labeller, "outputs">): void {
  if (THEMES.some((t, c) => model.outputs[c] !== t)) {
    throw new Error(`the model's first outputs must be the six themes (${THEMES.join(", ")})`);
  }
}

/**
 * The labelled rows of a partition, column by column: what `part-<id>.parquet`
 * holds. `add` takes an offer and the labeller's labels of it.
 *
 * @example
 * ```ts
 * import type { Offer } from "../corpus/mod.ts";
 * declare const labeller: any; // your data
 * declare const offers: Offer[];
 * const columns = new LabelledColumns(labeller);
 * for (const offer of offers) columns.add(offer, labeller.label(offer));
 * columns.frame().writeParquet("part.parquet");
 * ```
 */
export class LabelledColumns {
  readonly #thresholds: number[];
  #ids: string[] = [];
  #hashes: number[] = [];
  #months: (string | null)[] = [];
  #deps: (string | null)[] = [];
  #regions: (string | null)[] = [];
  #sections: (string | null)[] = [];
  #romes: (string | null)[] = [];
  #contracts: (string | null)[] = [];
  #employers: (string | null)[] = [];
  #skillLists: string[] = [];
  #counts: number[] = [];
  #probabilities = THEMES.map(() => [] as number[]);
  #decisions = THEMES.map(() => [] as boolean[]);

  constructor(model: Pick<Labeller, "outputs" | "thresholds">) {
    checkOutputs(model);
    this.#thresholds = model.thresholds;
  }

  /** Rows added so far. */
  get length(): number {
    return this.#ids.length;
  }

  /** Adds one offer with its labels. */
  add(offer: Offer, labels: OfferLabels): void {
    const T = THEMES.length, thresholds = this.#thresholds, p = labels.probabilities;
    this.#ids.push(offer.id);
    this.#hashes.push(textHash(offer.text));
    this.#months.push(offer.date ? offer.date.slice(0, 7) : null);
    this.#deps.push(offer.departement);
    this.#regions.push(offer.region);
    this.#sections.push(nafSection(offer.naf));
    this.#romes.push(offer.rome);
    this.#contracts.push(offer.contract);
    this.#employers.push(employerKey(offer.company));
    for (let c = 0; c < T; c++) {
      this.#probabilities[c].push(p[c]);
      this.#decisions[c].push(p[c] >= thresholds[c]);
    }
    let codes = "";
    for (const s of labels.softSkills) codes += codes ? `;${s.code_ogr}` : s.code_ogr;
    this.#skillLists.push(codes);
    this.#counts.push(labels.softSkills.length);
  }

  /** Writes the rows to a Parquet file. */
  write(path: string): void {
    this.frame().writeParquet(path, { compression: "zstd" });
  }

  /** The rows as a data frame, in the order added. */
  frame(): pl.DataFrame {
    return pl.DataFrame([
      pl.Series("id", this.#ids, pl.Utf8),
      pl.Series("text_hash", Float64Array.from(this.#hashes), pl.Float64),
      pl.Series("month", this.#months, pl.Utf8),
      pl.Series("departement", this.#deps, pl.Utf8),
      pl.Series("region", this.#regions, pl.Utf8),
      pl.Series("naf_section", this.#sections, pl.Utf8),
      pl.Series("rome", this.#romes, pl.Utf8),
      pl.Series("contract", this.#contracts, pl.Utf8),
      pl.Series("employer", this.#employers, pl.Utf8),
      ...THEMES.map((t, c) => pl.Series(`p_${t}`, Float32Array.from(this.#probabilities[c]), pl.Float32)),
      ...THEMES.map((t, c) => pl.Series(t, this.#decisions[c], pl.Bool)),
      pl.Series("n_soft_skills", Int32Array.from(this.#counts), pl.Int32),
      pl.Series("soft_skills", this.#skillLists, pl.Utf8),
    ]);
  }
}

/**
 * Predict's output: one JSON line an offer ({@link predictionLine}),
 * appended to `path` a few thousand lines at a time so that memory stays
 * flat whatever the partition's size; `write(path)` appends the rest.
 */
export class PredictionLines {
  #pending: string[] = [];
  #written = 0;
  constructor(readonly model: Pick<Labeller, "thresholds">, readonly path: string) {
    Deno.writeTextFileSync(path, "");
  }

  get length(): number {
    return this.#written + this.#pending.length;
  }

  add(offer: Offer, labels: OfferLabels): void {
    this.#pending.push(predictionLine(offer.id, labels, this.model.thresholds));
    if (this.#pending.length === 4096) this.#flush();
  }

  #flush() {
    Deno.writeTextFileSync(this.path, this.#pending.join(""), { append: true });
    this.#written += this.#pending.length;
    this.#pending = [];
  }

  write(path: string): void {
    if (path !== this.path) throw new Error(`these lines are written to ${this.path}, not ${path}`);
    this.#flush();
  }
}

async function writePartition(
  model: Labeller,
  partition: Partition,
  files: ReturnType<typeof partitionFiles>,
  tmp: { quarantine: string; data: string },
  options: PartitionOptions,
): Promise<PartitionReport> {
  await Deno.remove(tmp.quarantine).catch(() => {}); // whatever a killed run left: the quarantine appends
  const quarantine = new Quarantine(tmp.quarantine);
  const { offers, report } = scanOffers(partition.file, {
    format: options.format,
    rows: partition.rows,
    quarantine,
    fields: fieldsFor(model),
    maxRecordChars: options.maxRecordChars,
  });
  const columns = options.output === "jsonl"
    ? new PredictionLines(model, tmp.data)
    : new LabelledColumns(model);
  try {
    for await (const offer of offers) {
      columns.add(offer, model.label(offer));
      if (columns.length % 5000 === 0) options.onProgress?.(report.read);
    }
  } finally {
    quarantine.close();
  }
  await writeAtomically(files.data, (path) => columns.write(path), tmp.data);
  if (quarantine.total > 0) {
    await Deno.rename(tmp.quarantine, files.quarantine).catch((e) =>
      Promise.reject(writeError(files.quarantine, e))
    );
  } else await Deno.remove(tmp.quarantine);
  const result: PartitionReport = {
    id: partition.id,
    file: partition.file,
    rows: partition.rows ?? null,
    read: report.read,
    kept: report.kept,
    quarantined: report.quarantined,
    quarantine_reasons: report.quarantine_reasons,
    output: { bytes: (await Deno.stat(files.data)).size, sha256: await sha256File(files.data) },
  };
  await writeAtomically(files.marker, (tmp) => Deno.writeTextFile(tmp, JSON.stringify(result) + "\n"));
  options.onProgress?.(report.read);
  return result;
}
