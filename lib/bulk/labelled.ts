/**
 * Reading a labelled base written by `label-all`: every partition of the
 * run, in corpus order, checked complete (all shards done).
 *
 * @example
 * ```ts
 * import { readLabelled } from "./labelled.ts";
 * const base = await readLabelled("data/labelled");
 * base.length; base[0].themes.WORK_LIFE_BALANCE;
 * ```
 */
import pl from "nodejs-polars";
import { exists, readJsonFile, type Theme, THEMES } from "../base/mod.ts";
import { partitionFiles, type PartitionOutput } from "./label_partition.ts";
import { checkPartition } from "./partition_check.ts";

/** One labelled offer. */
export interface LabelledOffer {
  id: string;
  /** {@link textHash} of the cleaned text: offers with the same hash are reposts of one text. */
  text_hash: number;
  /** `YYYY-MM`, null when the offer has no date. */
  month: string | null;
  departement: string | null;
  region: string | null;
  naf_section: string | null;
  rome: string | null;
  /** Contract type as the source writes it (CDI, CDD...), null when absent. */
  contract: string | null;
  /** {@link employerKey} of the company name, null when the offer names none. */
  employer: string | null;
  themes: Record<Theme, boolean>;
  probabilities: Record<Theme, number>;
  soft_skills: string[];
}

/**
 * The partition files of a finished run, in order; fails naming the
 * partitions still missing, or a partition whose files no longer match its
 * marker (size, SHA-256, counts: see {@link checkPartition}).
 */
export async function labelledFiles(out: string): Promise<string[]> {
  if (!(await exists(`${out}/_run.json`))) {
    throw new Error(`${out}/_run.json not found: not a label-all output folder`);
  }
  const manifest = await readJsonFile<{ partitions: { id: string }[]; output?: PartitionOutput }>(
    `${out}/_run.json`,
  );
  const missing: string[] = [];
  for (const p of manifest.partitions) {
    const check = await checkPartition(out, p.id, manifest.output);
    if (check.problem === null) missing.push(p.id);
    else if (check.problem) {
      throw new Error(`${check.problem}: rerun label-all on ${out} to redo the partition`);
    }
  }
  if (missing.length) {
    throw new Error(
      `${out}: ${missing.length} of ${manifest.partitions.length} partitions not labelled yet (first: ${
        missing[0]
      }); run the missing shards or resume label-all`,
    );
  }
  return manifest.partitions.map((p) => partitionFiles(out, p.id, manifest.output).data);
}

/** Reads the whole labelled base into memory (for analysis of up to a few million rows). */
export async function readLabelled(out: string): Promise<LabelledOffer[]> {
  const rows: LabelledOffer[] = [];
  for (const file of await labelledFiles(out)) {
    let frame: pl.DataFrame;
    try {
      frame = pl.readParquet(file);
    } catch (e) {
      throw new Error(
        `${file}: cannot be read as Parquet (${
          (e as Error).message
        }): rerun label-all on this folder to redo the partition`,
      );
    }
    if (!frame.columns.includes("text_hash")) {
      throw new Error(
        `${file}: written by an older label-all (no text_hash column): label the corpus again into a new folder`,
      );
    }
    // contract and employer came later: a base labelled before them reads them as absent
    const col = (name: string) =>
      frame.columns.includes(name)
        ? frame.getColumn(name).toArray() as unknown[]
        : new Array(frame.height).fill(null);
    const [ids, hashes, months, deps, regions, sections, romes, contracts, employers, skills] = [
      "id",
      "text_hash",
      "month",
      "departement",
      "region",
      "naf_section",
      "rome",
      "contract",
      "employer",
      "soft_skills",
    ].map(col);
    const decisions = THEMES.map((t) => col(t));
    const probabilities = THEMES.map((t) => col(`p_${t}`));
    for (let i = 0; i < frame.height; i++) {
      rows.push({
        id: ids[i] as string,
        text_hash: hashes[i] as number,
        month: months[i] as string | null,
        departement: deps[i] as string | null,
        region: regions[i] as string | null,
        naf_section: sections[i] as string | null,
        rome: romes[i] as string | null,
        contract: contracts[i] as string | null,
        employer: employers[i] as string | null,
        themes: Object.fromEntries(THEMES.map((t, c) => [t, decisions[c][i] as boolean])) as Record<
          Theme,
          boolean
        >,
        probabilities: Object.fromEntries(THEMES.map((t, c) => [t, probabilities[c][i] as number])) as Record<
          Theme,
          number
        >,
        soft_skills: skills[i] ? String(skills[i]).split(";") : [],
      });
    }
  }
  return rows;
}
